import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { projectionOf, type ReadOptions } from './read-options.ts';

/**
 * Batched reads and writes with DynamoDB's limits (100 keys a get, 25 items a write) and its unprocessed
 * leftovers retried with a short backoff, so callers hand over any number of keys or items.
 */
type Key = { PK: string; SK: string };

/** One string per table key: batches come back in no order, so a reader that needs its order looks items up by it. */
export const keyId = (k: Key): string => `${k.PK}\u0000${k.SK}`;
const MAX_GET = 100;
const MAX_WRITE = 25;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));

export async function batchGet<T>(db: Db, keys: readonly Key[], options: ReadOptions = {}): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Map(keys.map((k) => [keyId(k), k])).values()];
  const projection = projectionOf(options.attributes);
  for (let i = 0; i < unique.length; i += MAX_GET) {
    let pending: Key[] = unique.slice(i, i + MAX_GET);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(attempt);
      const res = await db.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [db.tableName]: { Keys: pending, ConsistentRead: options.consistent ?? true, ...projection },
          },
        }),
      );
      out.push(...((res.Responses?.[db.tableName] ?? []) as T[]));
      pending = (res.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Key[];
      if (attempt > 8 && pending.length) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
    }
  }
  return out;
}

export async function batchPut(db: Db, items: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += MAX_WRITE) {
    let pending = items.slice(i, i + MAX_WRITE).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(attempt);
      const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
      pending = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
      if (attempt > 8 && pending.length) throw new Error(`BatchWrite left ${pending.length} items unprocessed`);
    }
  }
}

export async function batchDelete(db: Db, keys: readonly Key[]): Promise<void> {
  for (let i = 0; i < keys.length; i += MAX_WRITE) {
    let pending = keys.slice(i, i + MAX_WRITE).map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(attempt);
      const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
      pending = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
      if (attempt > 8 && pending.length) throw new Error(`BatchWrite left ${pending.length} deletes unprocessed`);
    }
  }
}
