import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The DynamoDB requests `run` sends through `doc`, by operation (Query, GetItem…), retries counted as requests. */
export async function requestsDuring(
  doc: DynamoDBDocumentClient,
  run: () => Promise<unknown>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const name = `countRequests-${Math.random().toString(36).slice(2)}`;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name, override: true },
  );
  try {
    await run();
  } finally {
    doc.middlewareStack.remove(name);
  }
  return counts;
}
