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
 * Cost: one conditional UpdateItem per request (lib/store/counters.ts consumeRate). The limits are the rate-limits
 * policy in force for the jurisdiction, read once a minute per instance and jurisdiction (a BatchGet of the path).
 */

/** How long an instance keeps the limits it read: a change is in force everywhere within a minute. */
export const RATE_LIMITS_CACHE_MS = 60_000;

const cache = new Map<string, { readonly at: number; readonly limits: Promise<RateLimits> }>();

/** Forget the limits read so far (a change of the policy on this instance is in force at once). */
export const forgetRateLimits = (): void => cache.clear();

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
  let outcome: Awaited<ReturnType<typeof consumeRate>>;
  let limits: RateLimits;
  try {
    limits = await limitsFor(db, jurisdiction);
    outcome = await consumeRate(db, {
      scope,
      caller: rateCallerKey(principal.sub),
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
