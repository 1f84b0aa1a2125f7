/**
 * How many consumer invocations a local queue runs at once, as Lambda's SQS event source does with its pollers.
 */

/** Lambda's SQS event source starts five pollers per queue, so five batches at once. */
export const DEFAULT_QUEUE_CONCURRENCY = 5;
/** More would only queue on the two cores a local machine has; Lambda's own floor for a bounded queue is 2. */
export const MAX_QUEUE_CONCURRENCY = 16;

/** The concurrency asked for, as a whole number within 1…MAX_QUEUE_CONCURRENCY (anything unreadable: the default). */
export function queueConcurrency(asked: number | undefined): number {
  if (asked === undefined || !Number.isFinite(asked)) return DEFAULT_QUEUE_CONCURRENCY;
  return Math.min(MAX_QUEUE_CONCURRENCY, Math.max(1, Math.floor(asked)));
}
