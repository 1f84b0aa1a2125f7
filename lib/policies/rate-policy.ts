import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { RATE_WINDOW_SECONDS, type RateLimit } from '#lib/store/counters.ts';
import { definePolicy } from './define-policy.ts';

export interface RateLimits {
  /** Each token subject (one person, one partner department). */
  readonly caller: RateLimit;
  /** Everyone of the jurisdiction together (for a mine user: everyone of the mine). */
  readonly jurisdiction: RateLimit;
}

/**
 * The product's fair-use defaults: a person clicking through the dashboard makes a few requests a second (a page
 * loads 5–15 at once), a sync client somewhat more; a district bureau has tens of users. The README's "Fair use"
 * section shows them.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  caller: { perSecond: 20, burst: 60 },
  jurisdiction: { perSecond: 100, burst: 300 },
};

const rate = z
  .strictObject({
    perSecond: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
    burst: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
  })
  .check(
    // A burst below the rate would make the rate unreachable; above a whole window's worth it could never bind.
    z.refine((r) => r.burst >= r.perSecond && r.burst <= r.perSecond * RATE_WINDOW_SECONDS, {
      message: `burst 须不小于 perSecond，且不大于 perSecond × ${RATE_WINDOW_SECONDS}`,
    }),
  );

const rateLimitsSchema = z.strictObject({ caller: rate, jurisdiction: rate });

/**
 * Fair use (`GET/PUT /v1/policies/rate-limits`): each caller's and each jurisdiction's request rate and burst,
 * enforced by every API handler before it does anything (lib/http/rate-limit.ts). Mine users and partner
 * departments carry no jurisdiction: the product's defaults apply to them.
 */
export const ratePolicy = definePolicy({
  name: 'rate-limits',
  label: '访问频率限制',
  field: 'limits',
  defaults: DEFAULT_RATE_LIMITS,
  schema: rateLimitsSchema,
});
