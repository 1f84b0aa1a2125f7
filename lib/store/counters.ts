import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { pk, sk } from './keys.ts';

/**
 * Counters kept in the table, so they hold across every Lambda instance (an in-memory count would be per instance
 * and reset by each cold start). Each is one item changed by one atomic `ADD`; its `expiresAt` lets DynamoDB's TTL
 * clear it once it no longer matters (TTL deletion is lazy, which is harmless: the window is in the key, so an old
 * item is never read again).
 */

export type QuotaOutcome =
  | {
      readonly granted: true;
      /** Uses in this window, this one included. */
      readonly used: number;
      readonly remaining: number;
      /** Whole seconds until the window ends. */
      readonly resetsInSeconds: number;
    }
  | { readonly granted: false; readonly retryAfterSeconds: number };

/**
 * Takes one use of a quota: `limit` uses per fixed window of `windowSeconds` (windows aligned on the epoch, so an
 * hour window runs from one full hour to the next in every time zone with whole-hour offsets, Asia/Shanghai among
 * them). The counter item is written with a condition (`used < limit`), so two instances racing for the last use
 * cannot both get it. A refused use changes nothing and says how long until the next window.
 */
export async function consumeQuota(db: Db, key: string, limit: number, windowSeconds: number): Promise<QuotaOutcome> {
  const nowMs = db.now().getTime();
  const windowMs = windowSeconds * 1000;
  const startMs = Math.floor(nowMs / windowMs) * windowMs;
  const endMs = startMs + windowMs;
  const untilEnd = Math.max(1, Math.ceil((endMs - nowMs) / 1000));
  if (limit < 1) return { granted: false, retryAfterSeconds: untilEnd };
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: pk.quota(key, new Date(startMs).toISOString()), SK: sk.count },
        UpdateExpression: 'ADD #used :one SET #entity = :entity, #expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
        ExpressionAttributeNames: { '#used': 'used', '#entity': 'entity', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':entity': 'quota',
          // Kept one window past its end, then left to TTL.
          ':expiresAt': Math.floor((endMs + windowMs) / 1000),
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const used = Number(out.Attributes?.used ?? limit);
    return { granted: true, used, remaining: Math.max(0, limit - used), resetsInSeconds: untilEnd };
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      return { granted: false, retryAfterSeconds: untilEnd };
    throw error;
  }
}

/**
 * Adds one to a counter and answers its new value. The caller puts the period in the key (`…#<date>`) and says how
 * long the item is worth keeping.
 */
export async function countUp(db: Db, key: string, keepUntil: Date): Promise<number> {
  const out = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { PK: pk.counter(key), SK: sk.count },
      UpdateExpression: 'ADD #count :one SET #entity = :entity, #expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':entity': 'counter',
        ':expiresAt': Math.floor(keepUntil.getTime() / 1000),
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count ?? 1);
}
