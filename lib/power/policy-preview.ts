import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { feedsBetween } from '#lib/monitoring/feeds.ts';
import type { InForce, PolicyChange, PolicyRef } from '#lib/policies/define-policy.ts';
import { registerItemsOf } from '#lib/registry/equipment.ts';
import { type HeadcountItem, headcountKey, headcountOn } from '#lib/registry/headcount.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { registerOnDate } from '#lib/registry/register.ts';
import { businessDateSchema, describe } from '#lib/schemas/primitives.ts';
import { batchGet } from '#lib/store/batch.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { minesUnder } from '#lib/store/mines-under.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { reviewMineDay } from './engine/review.ts';
import { readingsWindowStart } from './engine/window.ts';
import type { PowerThresholds } from './policy.ts';
import { powerPolicy, reviewPolicy } from './power-policy.ts';
import { type MineDayPair, type PowerPreviewSummary, ruleIds, summarisePreview } from './preview-compare.ts';
import { readingsBetween } from './readings.ts';
import { parseReviewFlags, reviewFlagsKey } from './review-flags.ts';
import { monitoringInput, reviewInput } from './review-input.ts';

/**
 * What a change of the electricity review's thresholds would have changed (`POST /v1/policies/power-review/preview`):
 * every mine of the caller's jurisdiction reviewed on each of the last 30 days (yesterday back, Asia/Shanghai) under
 * the policy in force and under the policy with the change, from the same stored readings, register and review
 * flags, so only the policy differs. The change is checked exactly as the PUT checks it. Nothing is written: the
 * flags are read as the flags item holds them (the nightly run completes that item; a preview never does).
 *
 * Requests: one query for the mines (jurisdiction index), one batch for their flags, the policy once per
 * jurisdiction, then per mine one query for its readings of the 30 days and their windows and one for its register.
 */
export const PREVIEW_DAYS = 30;
export const PREVIEW_CAP = 200;

export interface PowerPreview extends PowerPreviewSummary {
  readonly from: string;
  readonly to: string;
  readonly current: PolicyRef;
}

export async function previewPowerPolicy(
  store: TenantStore,
  body: PolicyChange<PowerThresholds, 'thresholds'>,
): Promise<PowerPreview> {
  const scope = store.bureauScope();
  const { profiles: mines, db } = await minesUnder<MineItem>(store, scope);
  const { current, proposed } = await powerPolicy.preview(store, body);
  const to = addDays(todayInShanghai(db.now()), -1);
  const from = addDays(to, -(PREVIEW_DAYS - 1));
  const dates = Array.from({ length: PREVIEW_DAYS }, (_, i) => addDays(from, i));

  const fetched = await batchGet<{ PK: string; SK: string }>(
    db,
    mines.flatMap((m) => [reviewFlagsKey(m.mineId), headcountKey(m.mineId)]),
  );
  const flagItems = new Map(fetched.filter((i) => i.SK === sk.powerFlags).map((i) => [i.PK, i]));
  const headcounts = new Map(
    fetched.filter((i) => i.SK === sk.headcount).map((i) => [i.PK, i as unknown as HeadcountItem]),
  );
  const policyOf = powerPolicy.cache(db);

  const pairs = await Promise.all(
    mines.map(async (mine): Promise<MineDayPair[]> => {
      const inForce = mine.jurisdiction === scope ? current : await policyOf(mine.jurisdiction);
      // A jurisdiction below with a policy of its own keeps it: the change reaches only the mines that inherit it.
      const reached = inForce.ref.definedAt === null || jurisdictionCovers(inForce.ref.definedAt, scope);
      const changed: InForce<PowerThresholds> = reached ? proposed : inForce;
      const before = reviewPolicy(inForce.values, inForce.ref);
      const after = reviewPolicy(changed.values, changed.ref);
      const start = [readingsWindowStart(from, before), readingsWindowStart(from, after)].sort()[0]!;
      const [readings, registerItems, feeds] = await Promise.all([
        readingsBetween(db, mine.mineId, start, to),
        registerItemsOf(db, mine.mineId),
        // The monitoring feeds are witnesses too: a change of the gas limit or the duty crew shows in the preview.
        feedsBetween(db, mine.mineId, from, to),
      ]);
      const feedOn = new Map(feeds.map((d) => [d.date, d]));
      const headcountVersions = headcounts.get(pk.mine(mine.mineId))?.versions ?? [];
      const flags = parseReviewFlags(flagItems.get(pk.mine(mine.mineId)));
      const review = (date: string, policy: typeof before) => {
        const first = readingsWindowStart(date, policy);
        const window = readings.filter((r) => r.date >= first && r.date <= date);
        const r = reviewMineDay(
          reviewInput(mine, date, window, registerOnDate(registerItems, date), flags, policy, {
            monitoring: monitoringInput(feedOn.get(date)),
            headcount: headcountOn(headcountVersions, date),
          }),
        );
        return { verdict: r.verdict, rules: ruleIds(r.findings) };
      };
      return dates.map((date) => ({
        mineId: mine.mineId,
        mineName: mine.name,
        date,
        before: review(date, before),
        after: review(date, after),
      }));
    }),
  );
  return {
    from,
    to,
    current: current.ref,
    ...summarisePreview(pairs.flat(), dates, mines.length, PREVIEW_CAP),
  };
}

const verdict = z.enum(['normal', 'anomaly', 'no_data']);
const outcome = z.object({ verdict, rules: z.array(z.string()) });

/** The answer of `POST /v1/policies/power-review/preview`. */
export const powerPreviewSchema = z.object({
  from: businessDateSchema,
  to: businessDateSchema,
  current: describe(z.object({ definedAt: z.nullable(z.string()), version: z.number() }), {
    description: 'The policy in force the change is compared with (definedAt null: the product’s default).',
  }),
  totals: z.object({
    mines: z.number(),
    mineDays: z.number(),
    changed: describe(z.number(), { description: 'Mine-days whose verdict or findings change.' }),
    verdictsChanged: z.number(),
    byVerdict: z.array(z.object({ from: verdict, to: verdict, count: z.number() })),
  }),
  days: z.array(
    z.object({ date: businessDateSchema, reviewed: z.number(), changed: z.number(), verdictsChanged: z.number() }),
  ),
  changes: z.array(
    z.object({ mineId: z.string(), mineName: z.string(), date: businessDateSchema, before: outcome, after: outcome }),
  ),
  truncated: describe(z.boolean(), { description: `More than ${PREVIEW_CAP} mine-days change; the first are listed.` }),
});
