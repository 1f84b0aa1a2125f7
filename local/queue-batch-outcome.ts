/**
 * What a consumer invocation's outcome means for its batch, by the rules of Lambda's SQS event source: the records
 * named in batchItemFailures come back, an invalid failure list fails the whole batch, and a consumer still running
 * at its timeout counts as failed.
 */
import type { SQSBatchResponse } from 'aws-lambda';

/**
 * The ids to redeliver. As in Lambda's ReportBatchItemFailures: no response or no list = all succeeded; a list
 * naming an empty or unknown id makes the whole batch fail.
 */
export function failuresOf(
  // biome-ignore lint/suspicious/noConfusingVoidType: a Lambda SQS handler may return nothing, as aws-lambda's own types say
  response: SQSBatchResponse | void,
  batch: readonly { readonly messageId: string }[],
): ReadonlySet<string> {
  const failures = response?.batchItemFailures;
  if (!failures || failures.length === 0) return new Set();
  const inBatch = new Set(batch.map((m) => m.messageId));
  const named = new Set<string>();
  for (const failure of failures) {
    const id: unknown = failure?.itemIdentifier;
    if (typeof id !== 'string' || !inBatch.has(id)) {
      throw new Error(`batchItemFailures names ${JSON.stringify(id)}, which is not a message of this batch`);
    }
    named.add(id);
  }
  return named;
}

/** Lambda stops a consumer at its timeout; here the batch counts as failed and the late result is ignored. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumer timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
