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
  reset(): void;
  /** Takes the middleware off the client. */
  remove(): void;
}

const MIDDLEWARE_NAME = 'benchRequestCounter';

export function countRequests(doc: DynamoDBDocumentClient): RequestCounter {
  let counts: Record<string, number> = {};
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: MIDDLEWARE_NAME, override: true },
  );
  return {
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    reset: () => {
      counts = {};
    },
    remove: () => void doc.middlewareStack.remove(MIDDLEWARE_NAME),
  };
}
