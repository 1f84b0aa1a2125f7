/**
 * Times the DynamoDB requests a client sends, by operation, with an SDK middleware beside the request counter
 * (finalizeRequest, so one attempt is one sample: the HTTP round trip to DynamoDB Local and the response parsing).
 * The sum of the latencies over the wall time is the average number of requests in flight, which tells a job that
 * waits on one request at a time from one that keeps the store busy.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface LatencyStats {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly totalMs: number;
}

export interface RequestTimer {
  stats(): Record<string, LatencyStats>;
  /** Most requests in flight at once. */
  peakInFlight(): number;
  reset(): void;
  remove(): void;
}

const MIDDLEWARE_NAME = 'benchRequestTimer';

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function timeRequests(doc: DynamoDBDocumentClient): RequestTimer {
  let samples: Record<string, number[]> = {};
  let inFlight = 0;
  let peak = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const start = performance.now();
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await next(args);
      } finally {
        inFlight -= 1;
        const list = samples[operation] ?? [];
        list.push(performance.now() - start);
        samples[operation] = list;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: MIDDLEWARE_NAME, override: true },
  );
  return {
    stats: () => {
      const out: Record<string, LatencyStats> = {};
      for (const [op, xs] of Object.entries(samples)) {
        const sorted = [...xs].sort((a, b) => a - b);
        const totalMs = sorted.reduce((a, b) => a + b, 0);
        out[op] = {
          count: sorted.length,
          meanMs: totalMs / sorted.length,
          p50Ms: quantile(sorted, 0.5),
          p95Ms: quantile(sorted, 0.95),
          maxMs: sorted.at(-1) ?? 0,
          totalMs,
        };
      }
      return out;
    },
    peakInFlight: () => peak,
    reset: () => {
      samples = {};
      peak = inFlight;
    },
    remove: () => void doc.middlewareStack.remove(MIDDLEWARE_NAME),
  };
}
