/**
 * Counts the DynamoDB requests a client sends, by operation (Query, BatchGetItem, Scan…), with an SDK middleware
 * on its stack, so the nightly-job bench can report requests per mine-day and prove the job never scans. It sits
 * after the retry middleware, so a retried attempt counts as another request, as DynamoDB would bill it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounter {
  /** Requests since the last reset, by operation. */
  counts(): Record<string, number>;
  total(): number;
  /** Bytes of the responses' bodies since the last reset (their Content-Length), what both sides parse. */
  bytes(): number;
  reset(): void;
  /** Takes the middleware off the client. */
  remove(): void;
}

const MIDDLEWARE_NAME = 'benchRequestCounter';

export function countRequests(doc: DynamoDBDocumentClient): RequestCounter {
  let counts: Record<string, number> = {};
  let bytes = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers;
      bytes += Number(headers?.['content-length'] ?? 0);
      return result;
    },
    { step: 'finalizeRequest', priority: 'low', name: MIDDLEWARE_NAME, override: true },
  );
  return {
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    bytes: () => bytes,
    reset: () => {
      counts = {};
      bytes = 0;
    },
    remove: () => void doc.middlewareStack.remove(MIDDLEWARE_NAME),
  };
}
