import { createHash } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Principal } from '#lib/auth/principal.ts';
import { TooManyRequestsError } from '#lib/errors.ts';
import { logger, metrics } from '#lib/observability/powertools.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, ratePolicy } from '#lib/policies/rate-policy.ts';
import { consumeRate } from '#lib/store/counters.ts';
import type { Db } from '#lib/store/db.ts';
import { isThrottling } from './problem.ts';

/**
 * Fair use: every authenticated request takes one from its caller's rate and its scope's (the bureau's
 * jurisdiction; a mine user's mine; a partner department is a scope of its own) before anything else is done, the
 * same way locally and in AWS, so one token cannot use up what the stage allows for every bureau. Public routes are
 * not counted here: their own stage limit guards them.
 *
 * Cost: one conditional UpdateItem (lib/store/counters.ts consumeRate) per caller, instance and second at a steady
 * rate. The first request of a second takes as many as the caller asked of this instance in the second before (at
 * most RATE_LEASE_MAX; a later write of the same second what is left of that, or what the caller's pace so far in
 * the second says it will still ask, if more) and the rest of that second's requests are served from them; the allowance dies with its
 * second, so the burst and the window count exactly what the table granted, and a caller whose requests thin out
 * leaves at most RATE_LEASE_MAX - 1 counted but unused. When the larger take is refused, one is asked for, so the
 * last requests under a limit are still served. The limits are the rate-limits policy in force for the
 * jurisdiction, read once a minute per instance and jurisdiction (a BatchGet of the path).
 */

/** The most requests one write takes for an instance's caller in one second. */
export const RATE_LEASE_MAX = 5;

/** How long an instance keeps the limits it read: a change is in force everywhere within a minute. */
export const RATE_LIMITS_CACHE_MS = 60_000;

const cache = new Map<string, { readonly at: number; readonly limits: Promise<RateLimits> }>();

/** Forget the limits read so far (a change of the policy on this instance is in force at once) and the allowances. */
export const forgetRateLimits = (): void => {
  cache.clear();
  leases.clear();
};

/** What this instance holds of a caller's rate in one second: the allowance left and the requests it served. */
interface Lease {
  /** Epoch second the allowance belongs to. */
  readonly second: number;
  left: number;
  served: number;
  /** Requests served in the second before, when it was the one just past: the next take. */
  readonly servedBefore: number;
  /** The write taking this second's allowance, while it is in flight (requests arriving meanwhile wait for it). */
  pending?: Promise<unknown>;
}

const leases = new Map<string, Lease>();
const MAX_LEASES = 10_000;

/** The caller's lease for `second`, started afresh (demand carried over from the second just past) when new. */
function leaseFor(key: string, second: number): Lease {
  const held = leases.get(key);
  if (held?.second === second) return held;
  const servedBefore = held?.second === second - 1 ? held.served : 0;
  const lease: Lease = { second, left: 0, served: 0, servedBefore };
  // One entry per caller seen; a long-lived instance that met very many starts over rather than grow.
  if (!held && leases.size >= MAX_LEASES) leases.clear();
  leases.set(key, lease);
  return lease;
}

function limitsFor(db: Db, jurisdiction: string | undefined): Promise<RateLimits> {
  if (jurisdiction === undefined) return Promise.resolve(DEFAULT_RATE_LIMITS);
  const key = `${db.tableName}|${jurisdiction}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < RATE_LIMITS_CACHE_MS) return hit.limits;
  const limits = ratePolicy.inForce(db, jurisdiction).then((f) => f.values);
  cache.set(key, { at: now, limits });
  // A failed read is not kept: the next request asks again.
  limits.catch(() => {
    if (cache.get(key)?.limits === limits) cache.delete(key);
  });
  return limits;
}

/** Whose rate a request counts against besides its caller's, and where its limits come from. */
export function rateScopeOf(principal: Principal): { readonly scope: string; readonly jurisdiction?: string } {
  switch (principal.kind) {
    case 'bureau':
      return { scope: `j:${principal.jurisdiction}`, jurisdiction: principal.jurisdiction };
    case 'mine':
      return { scope: `m:${principal.mineId}` };
    case 'partner':
      return { scope: `p:${principal.sub}` };
  }
}

/** The caller's name inside its scope's counter item: short, and not the subject itself. */
export const rateCallerKey = (sub: string): string => createHash('sha256').update(sub).digest('base64url').slice(0, 12);

/**
 * Takes one request of the caller's rate and its scope's; past either, a 429 (TooManyRequestsError, Retry-After in
 * whole seconds). When the counter cannot be reached: throttling of the table goes on to the 503 `busy` answer (the
 * counter item is the scope's own, so only the scope hammering it is refused); any other failure lets the request
 * through (fail open) with an error log and a metric, since the stage throttle still bounds the whole API and the
 * limiter is about fairness, not about who may see what.
 */
export async function enforceRateLimit(db: Db, principal: Principal): Promise<void> {
  const { scope, jurisdiction } = rateScopeOf(principal);
  const caller = rateCallerKey(principal.sub);
  let outcome: Awaited<ReturnType<typeof consumeRate>>;
  let limits: RateLimits;
  try {
    limits = await limitsFor(db, jurisdiction);
    outcome = await takeFromLease(db, `${db.tableName}|${scope}|${caller}`, {
      scope,
      caller,
      scopeLimit: limits.jurisdiction,
      callerLimit: limits.caller,
    });
  } catch (error) {
    if (isThrottling(error)) throw error;
    logger.error('Rate limiter failed; request let through', error as Error);
    metrics.addMetric('rateLimiterFailedOpen', MetricUnit.Count, 1);
    return;
  }
  if (outcome.granted) return;
  metrics.addMetric('rateLimited', MetricUnit.Count, 1);
  logger.warn('Request over the rate limit', { by: outcome.by, scope, retryAfterSeconds: outcome.retryAfterSeconds });
  const limit = outcome.by === 'caller' ? limits.caller : limits.jurisdiction;
  const who = outcome.by === 'caller' ? '您的请求' : principal.kind === 'mine' ? '本矿的请求' : '本辖区的请求';
  throw new TooManyRequestsError(
    `${who}过于频繁（每秒不超过 ${limit.perSecond} 次，单秒最多 ${limit.burst} 次），请 ${outcome.retryAfterSeconds} 秒后重试。`,
    outcome.retryAfterSeconds,
  );
}

/**
 * One request of the caller's rate: from the allowance this instance already took for this second, else by a write
 * taking as many as the caller's demand in the second before (one if that many no longer fit).
 */
async function takeFromLease(
  db: Db,
  key: string,
  request: Omit<Parameters<typeof consumeRate>[1], 'take'>,
): Promise<Awaited<ReturnType<typeof consumeRate>>> {
  const nowMs = db.now().getTime();
  const second = Math.floor(nowMs / 1000);
  const lease = leaseFor(key, second);
  // A write for this second already in flight may bring enough for this request too.
  while (lease.left === 0 && lease.pending) await lease.pending.catch(() => undefined);
  if (lease.left > 0) {
    lease.left--;
    lease.served++;
    return { granted: true };
  }
  // What the caller is still likely to ask this second: judged by the second before, or by its pace so far in this
  // one when that says more (requests bunch up under load, so a second often outruns the one before; taking one at
  // a time then would cost a write per request). Whatever the take, at most RATE_LEASE_MAX - 1 go unused.
  const elapsed = Math.max(0.25, (nowMs - second * 1000) / 1000);
  const pace = Math.round((lease.served / elapsed) * (1 - elapsed));
  const take = Math.min(RATE_LEASE_MAX, Math.max(1, lease.servedBefore - lease.served, pace));
  const write = (async () => {
    let outcome = await consumeRate(db, { ...request, take });
    let got = take;
    if (!outcome.granted && take > 1) {
      outcome = await consumeRate(db, request);
      got = 1;
    }
    return { outcome, got };
  })();
  lease.pending = write;
  try {
    const { outcome, got } = await write;
    if (outcome.granted) {
      // This request's one and the rest for whoever comes next in the same second.
      lease.left += got - 1;
      lease.served++;
    }
    return outcome;
  } finally {
    if (lease.pending === write) lease.pending = undefined;
  }
}
