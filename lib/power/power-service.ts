import { ValidationError } from '#lib/errors.ts';
import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import { queueSender } from '#lib/queue/sender.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page } from '#lib/store/pagination.ts';
import { queryAll, queryPage } from '#lib/store/query.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, daysBetween, isFutureBusinessDate, todayInShanghai } from '#lib/validators/business-date.ts';
import { expectedRangeKwh } from './engine/expected-range.ts';
import { planPowerReview } from './nightly-run.ts';
import { powerPolicy, reviewPolicy } from './power-policy.ts';
import { mergeReports, type PowerReport } from './power-report.ts';
import { type ReadingInput, sourceOf } from './reading-records.ts';
import { readingsBetween, recordReadings } from './readings.ts';
import { reviewMines, type StoredReview } from './review-mines.ts';

/** What the API does with readings and reviews, for a caller bound to a TenantStore. */

/**
 * Readings from a person: a mine's own report (`mine`), or a bureau user's taken on site (`bureau`). Where the grid
 * company (or, for a mine, the bureau) has already recorded the meter and day, a mine's value is kept as its
 * declaration and the answer says so row by row.
 */
export async function postReadings(store: TenantStore, mineId: string, rows: readonly ReadingInput[]) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const source = store.principal.kind === 'mine' ? 'mine' : 'bureau';
  const result = await recordReadings(db, actorOf(store.principal), mine, rows, { source, allOrNothing: true });
  if (result.rejected.length) {
    throw new ValidationError(
      `${result.rejected.length} 条读数有误：${result.rejected
        .slice(0, 3)
        .map((r) => `第 ${r.row + 1} 条 ${r.reason}`)
        .join('；')}`,
      result.rejected.map((r) => ({ field: `body.readings.${r.row}.${r.field}`, message: r.reason })),
    );
  }
  // A change of a day already reviewed: that day's review runs again (and reports a late revision as a finding).
  for (const date of result.revisedReviewedDates) await reviewMines(db, date, [mineId]);
  return result;
}

const MAX_RANGE_DAYS = 366;
function range(from: string | undefined, to: string | undefined, now: Date, defaultDays: number) {
  const end = to ?? addDays(todayInShanghai(now), -1);
  const start = from ?? addDays(end, -(defaultDays - 1));
  if (start > end)
    throw new ValidationError('from 不能晚于 to', [{ field: 'query.from', message: 'must not be after to' }]);
  if (daysBetween(start, end) >= MAX_RANGE_DAYS)
    throw new ValidationError(`区间不能超过 ${MAX_RANGE_DAYS} 天`, [
      { field: 'query.from', message: `at most ${MAX_RANGE_DAYS} days` },
    ]);
  return { start, end };
}

/**
 * A daily series for a chart: each day's total, per meter, and the review's verdict and baseline band (with the
 * range of totals the review accepts, `lowKwh`–`highKwh`, where a rule bounds it).
 */
export async function readingSeries(
  store: TenantStore,
  mineId: string,
  query: { from?: string | undefined; to?: string | undefined; quarterHours?: 'true' | 'false' | undefined },
) {
  const { db } = await store.mine(mineId);
  const { start, end } = range(query.from, query.to, store.now(), 90);
  const withQh = query.quarterHours === 'true';
  if (withQh && daysBetween(start, end) >= 7)
    throw new ValidationError('含刻度值时区间不能超过 7 天', [
      { field: 'query.quarterHours', message: 'ranges of at most 7 days' },
    ]);
  const [readings, reviews] = await Promise.all([
    readingsBetween(db, mineId, start, end),
    queryAll<StoredReview>(db, { partition: pk.mine(mineId), between: [sk.review(start), sk.review(end)] }),
  ]);
  const reviewOf = new Map(reviews.map((r) => [r.date, r]));
  // The band is drawn with the thresholds each review used, so a later policy change does not redraw past days.
  const refKey = (ref: StoredReview['policy']) => `${ref.definedAt ?? ''}@${ref.version}`;
  const refs = new Map(reviews.map((r) => [refKey(r.policy), r.policy]));
  const policies = new Map(
    await Promise.all(
      [...refs].map(async ([key, ref]) => {
        const thresholds = await powerPolicy.valuesAt(db, ref);
        return [key, thresholds && reviewPolicy(thresholds, ref)] as const;
      }),
    ),
  );
  const days: unknown[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const own = readings.filter((r) => r.date === d);
    const review = reviewOf.get(d);
    const policy = review && policies.get(refKey(review.policy));
    const accepted = review && policy ? expectedRangeKwh(review.status, review.baselines, policy) : null;
    days.push({
      date: d,
      kwh: own.length ? Math.round(own.reduce((s, r) => s + r.kwh, 0) * 100) / 100 : null,
      meters: own.map((r) => ({
        meterId: r.meterId,
        kwh: r.kwh,
        revision: r.revision,
        source: sourceOf(r.source),
        recordedAt: r.recordedAt,
        recordedBy: r.recordedBy,
        ...(withQh && r.quarterHours ? { quarterHours: r.quarterHours } : {}),
        ...(r.circuits ? { circuits: r.circuits } : {}),
        ...(r.declared
          ? {
              declared: {
                kwh: r.declared.kwh,
                declaredAt: r.declared.declaredAt,
                declaredBy: r.declared.declaredBy,
                ...(r.declared.reason ? { reason: r.declared.reason } : {}),
                ...(withQh && r.declared.quarterHours ? { quarterHours: r.declared.quarterHours } : {}),
                ...(r.declared.circuits ? { circuits: r.declared.circuits } : {}),
              },
            }
          : {}),
      })),
      ...(review
        ? {
            status: review.status,
            verdict: review.verdict,
            rules: review.findings.map((f) => f.rule),
            band: {
              maintenanceKwh: review.baselines.maintenanceKwh.value,
              productionCeilingKwh: review.baselines.productionCeilingKwh.value,
              medianKwh: review.baselines.medianKwh,
              madKwh: review.baselines.madKwh,
              ...(accepted ?? {}),
            },
          }
        : {}),
    });
  }
  return { mineId, from: start, to: end, days };
}

export async function mineReviews(
  store: TenantStore,
  mineId: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const { db } = await store.mine(mineId);
  const { start, end } = range(query.from, query.to, store.now(), 30);
  const items = await queryAll<StoredReview>(db, {
    partition: pk.mine(mineId),
    between: [sk.review(start), sk.review(end)],
  });
  return { items: items.map((r) => stripKeys(r)).reverse() };
}

/**
 * Each mine's review of a day under the caller's jurisdiction, normal ones included (the daily report counts them
 * but lists only the anomalies): one query of the day's reviews in the province, narrowed to the jurisdiction.
 */
export async function dayReviews(
  store: TenantStore,
  date: string,
  query: {
    jurisdiction?: string | undefined;
    verdict?: string | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<Record<string, unknown>>> {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  const page = await queryPage<StoredReview>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.reviewsOfProvince(under, date),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(query.verdict ? { filter: recordFilter({ verdict: query.verdict })! } : {}),
    },
    query,
  );
  return { items: page.items.map((r) => stripKeys(r)), nextCursor: page.nextCursor };
}

/** The daily report of every jurisdiction under the caller's scope, merged. */
export async function dailyReport(store: TenantStore, date: string) {
  const scope = store.bureauScope();
  const paths = await jurisdictionsWithMines(store.shared, scope);
  const reports = (
    await batchGet<PowerReport>(
      store.shared,
      paths.map((p) => ({ PK: pk.jurisdiction(p), SK: sk.powerReport(date) })),
    )
  ).map((r) => stripKeys(r) as PowerReport);
  return {
    ...mergeReports(
      scope,
      date,
      reports.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction)),
    ),
    pendingJurisdictions: paths.filter((p) => !reports.some((r) => r.jurisdiction === p)),
  };
}

/** Runs (or re-runs) a day's review for the caller's jurisdiction; the work goes through the queue. */
export async function runReview(store: TenantStore, date: string) {
  const scope = store.bureauScope();
  if (isFutureBusinessDate(date, store.now()) || date === todayInShanghai(store.now())) {
    throw new ValidationError('只能审查已经过去的日期', [{ field: 'path.date', message: 'must be before today' }]);
  }
  return planPowerReview(store.shared, queueSender(), date, scope);
}
