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

/** A request rate: `perSecond` sustained (over a window of RATE_WINDOW_SECONDS), at most `burst` in any one second. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** The window a sustained rate is counted over: `perSecond × 10` requests per 10-second window. */
export const RATE_WINDOW_SECONDS = 10;

export interface RateWindow {
  /** Start of the 10-second window (epoch ms, aligned on the epoch). */
  readonly startMs: number;
  /** Which second of the window `now` falls in: 0…9. */
  readonly second: number;
  /** Whole seconds until the window ends (at least 1). */
  readonly untilEnd: number;
}

export function rateWindow(nowMs: number): RateWindow {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const startMs = Math.floor(nowMs / windowMs) * windowMs;
  return {
    startMs,
    second: Math.floor((nowMs - startMs) / 1000),
    untilEnd: Math.max(1, Math.ceil((startMs + windowMs - nowMs) / 1000)),
  };
}

/** What a counter already holds: requests in the window and in the current second. */
export interface RateUse {
  readonly window: number;
  readonly second: number;
}

/**
 * Whether one more request fits a rate, given what the window and the current second already hold: the same rule
 * the conditional write of `consumeRate` applies (both counts strictly below their limits). Refused, how long to
 * wait: the rest of the second when only the burst is used up, else until the window ends.
 */
export function rateAdmits(
  used: RateUse,
  limit: RateLimit,
  window: RateWindow,
): { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number } {
  if (used.window >= limit.perSecond * RATE_WINDOW_SECONDS)
    return { admitted: false, retryAfterSeconds: window.untilEnd };
  if (used.second >= limit.burst) return { admitted: false, retryAfterSeconds: 1 };
  return { admitted: true };
}

export type RateOutcome =
  | { readonly granted: true }
  | { readonly granted: false; readonly retryAfterSeconds: number; readonly by: 'caller' | 'scope' };

/**
 * Takes `take` requests (default one) of a caller inside its scope (a jurisdiction, a mine): ONE conditional
 * UpdateItem on one item per scope and 10-second window, which holds the scope's counts (window, each second) and
 * each caller's (window, each second) as attributes. The condition admits them only if all four counts stay within
 * their limits with `take` added, so instances racing for the last requests cannot both get them; a refusal changes
 * nothing. The item lives two windows, then TTL clears it. Its size grows with the callers active in one window
 * (about 150 bytes each), so the write costs 1 WCU for a handful of callers.
 */
export async function consumeRate(
  db: Db,
  request: {
    /** The scope's key: `j:<jurisdiction>`, `m:<mineId>`, `p:<sub>`. */
    readonly scope: string;
    /** The caller's attribute name inside the scope's item (short: a hash of the token subject). */
    readonly caller: string;
    readonly scopeLimit: RateLimit;
    readonly callerLimit: RateLimit;
    /** How many requests to take at once (an instance's allowance for the rest of this second); 1 by default. */
    readonly take?: number;
  },
): Promise<RateOutcome> {
  const take = Math.max(1, Math.floor(request.take ?? 1));
  const window = rateWindow(db.now().getTime());
  const s = window.second;
  const names = {
    '#n': 'n',
    '#ns': `n${s}`,
    '#c': `c:${request.caller}`,
    '#cs': `c:${request.caller}:${s}`,
    '#entity': 'entity',
    '#expiresAt': 'expiresAt',
  };
  const below = (name: string, value: string) => `(attribute_not_exists(${name}) OR ${name} < ${value})`;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: pk.quota(`rate:${request.scope}`, new Date(window.startMs).toISOString()), SK: sk.count },
        UpdateExpression: 'ADD #n :take, #ns :take, #c :take, #cs :take SET #entity = :entity, #expiresAt = :expiresAt',
        ConditionExpression: [
          below('#n', ':scopeWindow'),
          below('#ns', ':scopeBurst'),
          below('#c', ':callerWindow'),
          below('#cs', ':callerBurst'),
        ].join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':take': take,
          // `count < limit - take + 1`: the count after adding `take` stays within the limit.
          ':scopeWindow': request.scopeLimit.perSecond * RATE_WINDOW_SECONDS - take + 1,
          ':scopeBurst': request.scopeLimit.burst - take + 1,
          ':callerWindow': request.callerLimit.perSecond * RATE_WINDOW_SECONDS - take + 1,
          ':callerBurst': request.callerLimit.burst - take + 1,
          ':entity': 'rate',
          ':expiresAt': Math.floor(window.startMs / 1000) + 2 * RATE_WINDOW_SECONDS,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { granted: true };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    // The item as it stood tells which limit refused and for how long.
    const item = ((error as { Item?: Record<string, unknown> }).Item ?? {}) as Record<string, unknown>;
    const count = (name: string): number => {
      const v = item[name] as unknown;
      const n = typeof v === 'object' && v !== null && 'N' in v ? Number((v as { N: string }).N) : Number(v ?? 0);
      return Number.isFinite(n) ? n : 0;
    };
    const caller = rateAdmits({ window: count(names['#c']), second: count(names['#cs']) }, request.callerLimit, window);
    if (!caller.admitted) return { granted: false, retryAfterSeconds: caller.retryAfterSeconds, by: 'caller' };
    const scope = rateAdmits({ window: count('n'), second: count(names['#ns']) }, request.scopeLimit, window);
    return {
      granted: false,
      retryAfterSeconds: scope.admitted ? window.untilEnd : scope.retryAfterSeconds,
      by: 'scope',
    };
  }
}
