import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

/**
 * Single-item writes for the modules that need one outside a transaction (a counter, a delivery's progress, an
 * idempotency record). Only lib/store speaks to the DynamoDB client; everything else comes through here or through
 * query.ts, batch.ts, transact.ts and counters.ts, on a Db the tenant store may have guarded.
 */

type Key = { readonly PK: string; readonly SK: string };

export interface Condition {
  /** A condition expression; the write fails with `ConditionalCheckFailedException` when it does not hold. */
  readonly condition?: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

const expression = (c: Condition) => ({
  ...(c.condition ? { ConditionExpression: c.condition } : {}),
  ...(c.names && Object.keys(c.names).length ? { ExpressionAttributeNames: c.names } : {}),
  ...(c.values && Object.keys(c.values).length ? { ExpressionAttributeValues: c.values } : {}),
});

export async function putItem(db: Db, item: Record<string, unknown>, condition: Condition = {}): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item, ...expression(condition) }));
}

export async function deleteItem(db: Db, key: Key, condition: Condition = {}): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key, ...expression(condition) }));
}

/** Updates one item; answers its attributes after the update when `returnNew` is set. */
export async function updateItem(
  db: Db,
  key: Key,
  update: string,
  condition: Condition & { readonly returnNew?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const out = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: key,
      UpdateExpression: update,
      ...expression(condition),
      ...(condition.returnNew ? { ReturnValues: 'ALL_NEW' } : {}),
    }),
  );
  return out.Attributes;
}

/** A conditional write whose condition did not hold (the item changed, or was not there). */
export const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
