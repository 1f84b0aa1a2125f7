import { type ReviewedMine, recordCaseFindings } from '#lib/cases/record-findings.ts';
import { type MonitorDay, monitorKey } from '#lib/monitoring/feeds.ts';
import type { PolicyRef } from '#lib/policies/define-policy.ts';
import { type HeadcountItem, headcountKey, headcountOn } from '#lib/registry/headcount.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { registerOnDate } from '#lib/registry/register.ts';
import { registerRecordsOf, registerSetKey } from '#lib/registry/register-set.ts';
import { batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { creditIndex, gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { reviewMineDay } from './engine/review.ts';
import { readingsWindowStart } from './engine/window.ts';
import { powerPolicy, reviewPolicy } from './power-policy.ts';
import { readingsBetween } from './readings.ts';
import { flagOf, flagsForReview, parseReviewFlags, reviewFlagsKey, writeDayFlag } from './review-flags.ts';
import { monitoringInput, reviewInput } from './review-input.ts';
import type { MineReview } from './types.ts';

/**
 * Reviews a set of mines for one day: the I/O around the pure engine. Per mine it reads its readings window (one
 * query; quarter-hours packed, ./reading-codec.ts); profiles with the review flags (./review-flags.ts: the days no
 * baseline may learn from), the register on one item (lib/registry/register-set.ts), the day's monitoring feeds
 * (lib/monitoring/feeds.ts, one item) and the approved headcount (lib/registry/headcount.ts), existing reviews and the
 * policy come in batches for the whole set, and the reviews go back in batches, so a mine-day costs a little over
 * one request. A day whose flag changes is recorded on the flags item first (an update of
 * its own attribute, only on a day that is flagged or no longer is). A review identical to the stored one is not
 * written again, and cases are opened through `recordCaseFindings`, which never opens one twice.
 */
export interface StoredReview extends MineReview {
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly policy: PolicyRef;
  readonly computedAt: string;
}

export interface ReviewBatchResult {
  readonly reviewed: number;
  readonly written: number;
  readonly casesOpened: string[];
  readonly evidenceAdded: number;
  readonly missingMines: string[];
}

const reviewKey = (mineId: string, date: string) => ({ PK: pk.mine(mineId), SK: sk.review(date) });
/** Everything of a review but when it was computed: what "already right" compares. */
const substance = (r: Omit<StoredReview, 'computedAt'> & { computedAt?: string }) => {
  const { computedAt: _at, ...rest } = stripKeys(r as StoredReview);
  return stableJson(rest);
};

export async function reviewMines(
  db: Db,
  date: string,
  mineIds: readonly string[],
  policyOf = powerPolicy.cache(db),
): Promise<ReviewBatchResult> {
  const fetched = await batchGet<MineItem & { PK: string; SK: string }>(
    db,
    mineIds.flatMap((id) => [
      { PK: pk.mine(id), SK: sk.profile },
      reviewFlagsKey(id),
      registerSetKey(id),
      // The day's monitoring feeds and the approved headcount: further witnesses, read in the same batch.
      monitorKey(id, date),
      headcountKey(id),
    ]),
  );
  const profiles = fetched.filter((i) => i.SK === sk.profile);
  const flagItems = new Map(fetched.filter((i) => i.SK === sk.powerFlags).map((i) => [i.PK, i]));
  const registerSets = new Map(fetched.filter((i) => i.SK === sk.registerSet).map((i) => [i.PK, i]));
  const monitorDays = new Map(fetched.filter((i) => i.SK === sk.monitor(date)).map((i) => [i.PK, i]));
  const headcounts = new Map(fetched.filter((i) => i.SK === sk.headcount).map((i) => [i.PK, i]));
  const existing = new Map(
    (
      await batchGet<StoredReview>(
        db,
        mineIds.map((id) => reviewKey(id, date)),
      )
    ).map((r) => [r.mineId, r]),
  );
  const results = await Promise.all(
    profiles.map(async (mine) => {
      const { values, ref } = await policyOf(mine.jurisdiction);
      const policy = reviewPolicy(values, ref);
      const historyStart = addDays(date, -policy.windowDays);
      const [readings, register, flags] = await Promise.all([
        readingsBetween(db, mine.mineId, readingsWindowStart(date, policy), date),
        registerRecordsOf(db, mine.mineId, registerSets.get(pk.mine(mine.mineId))).then((records) =>
          registerOnDate(records, date),
        ),
        flagsForReview(db, mine.mineId, historyStart, parseReviewFlags(flagItems.get(pk.mine(mine.mineId)))),
      ]);
      const key = pk.mine(mine.mineId);
      const witnesses = {
        monitoring: monitoringInput(monitorDays.get(key) as MonitorDay | undefined),
        headcount: headcountOn((headcounts.get(key) as HeadcountItem | undefined)?.versions ?? [], date),
      };
      const review = reviewMineDay(reviewInput(mine, date, readings, register, flags, policy, witnesses));
      const stored: StoredReview = {
        ...review,
        mineName: mine.name,
        jurisdiction: mine.jurisdiction,
        policy: ref,
        computedAt: db.now().toISOString(),
      };
      return { mine, stored, caseDeadlineDays: policy.caseDeadlineDays, flags };
    }),
  );

  // Flags before reviews: a review is never stored without its day's flag (a failure retries the chunk).
  await Promise.all(results.map((r) => writeDayFlag(db, r.mine.mineId, date, r.flags, flagOf(r.stored.findings))));
  const changed = results.filter((r) => {
    const before = existing.get(r.mine.mineId);
    return !before || substance(before) !== substance(r.stored);
  });
  await batchPut(
    db,
    changed.map(({ mine, stored }) => ({
      ...reviewKey(mine.mineId, date),
      entity: 'review',
      GSI1PK: gsi1.reviewsOfProvince(mine.jurisdiction, date),
      GSI1SK: gsi1.reviewInJurisdiction(mine.jurisdiction, mine.mineId),
      // A day without data is a missed daily reading for the credit model; a later review with data drops it.
      // (totalKwh null: the electricity did not report, whatever the monitoring feeds found.)
      ...(stored.totalKwh === null ? creditIndex(mine.mineId, date, 'REVIEW', date) : {}),
      ...stored,
    })),
  );
  const reviewed: ReviewedMine[] = results.map((r) => ({
    review: r.stored,
    mineName: r.mine.name,
    jurisdiction: r.mine.jurisdiction,
    caseDeadlineDays: r.caseDeadlineDays,
  }));
  const cases = await recordCaseFindings(db, reviewed);
  const found = new Set(profiles.map((p) => p.mineId));
  return {
    reviewed: results.length,
    written: changed.length,
    casesOpened: cases.opened,
    evidenceAdded: cases.evidence,
    missingMines: mineIds.filter((id) => !found.has(id)),
  };
}
