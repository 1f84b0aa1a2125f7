// The nightly review on the real store, night after night, against a stopped mine that starts producing in secret:
// the days the review flags (and the days of its open cases) never teach its baselines, so the fifteenth night is
// still flagged; a day reviewed again later gets the same review; a lost flags item is rebuilt from the stored reviews
// and cases; cases dismissed as unfounded give their days back to the baselines from the day after the decision; and
// the nightly path reads the flags without a request of its own.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { actOnCase } from '#lib/cases/case-actions.ts';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { postReadings } from '#lib/power/power-service.ts';
import { reviewMines, type StoredReview } from '#lib/power/review-mines.ts';
import { equipment, meters } from '#lib/registry/equipment.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { ADMIN, type DistrictDb, DS, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { mineInput } from '../../support/registry-fixtures.ts';

const MINE = 'm-hidden';
const QUIET = 'm-quiet';
/** The first day of hidden production; ten ordinary stopped days come before it. */
const P1 = '2026-03-01';
const P = (n: number) => addDays(P1, n - 1);
const ORDINARY = Array.from({ length: 10 }, (_, i) => addDays(P1, i - 10));
const PRODUCTION = Array.from({ length: 17 }, (_, i) => P(i + 1));
const STOPPED_RULES = ['HOIST_SHARE', 'NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'];

/** 96 quarter-hours: `night` kWh each from 22:00 to 06:00, `day` kWh each otherwise. */
const qh = (night: number, day: number) => Array.from({ length: 96 }, (_, i) => (i < 24 || i >= 88 ? night : day));
/** An ordinary stopped day: flat 960 kWh (night share 1/3), the hoist at 30 kWh. */
const ordinary = (date: string) => ({
  meterId: 'main',
  date,
  kwh: 960,
  quarterHours: qh(10, 10),
  circuits: { hoist: 30, ventilation: 930 },
});
/** Hidden production: 2,240 kWh, night share 1,280 / 2,240 ≈ 0.571, the hoist at 12.5 %. */
const hidden = (date: string) => ({
  meterId: 'main',
  date,
  kwh: 2240,
  quarterHours: qh(40, 15),
  circuits: { hoist: 280, ventilation: 1960 },
});

let ctx: DistrictDb;
let db: Db;
let as: (p: Principal) => TenantStore;
const firstReviews = new Map<string, StoredReview>();

const reviewOf = async (mineId: string, date: string) =>
  (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(date) }))!;
const rulesOf = (r: StoredReview) => r.findings.map((f) => f.rule).sort();
const casesOf = (mineId: string) => queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });
const flagsItem = (mineId: string) => getItem<Record<string, unknown>>(db, { PK: pk.mine(mineId), SK: sk.powerFlags });

/** Counts the DynamoDB requests of the store's client by operation while `run` runs. */
async function requestsOf(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const name = 'countRequests';
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? '').replace(/Command$/, '');
      counts[op] = (counts[op] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name, override: true },
  );
  try {
    await run();
  } finally {
    db.doc.middlewareStack.remove(name);
  }
  return counts;
}

beforeAll(async () => {
  ctx = await districtDb(P(20), []);
  ({ db, as } = ctx);
  for (const mineId of [MINE, QUIET]) {
    await createMine(
      as(ADMIN),
      mineInput(mineId, { jurisdiction: DS, status: 'suspended', statusEffectiveDate: '2025-06-01' }),
    );
    await meters.put(as(ADMIN), mineId, 'main', { name: '总进线电表', multiplier: 1, effectiveFrom: '2025-06-01' });
    // A must-run load far above anything here (1,000 kW × 24 h × 0.6 = 14,400 kWh): the register caps nothing, so
    // what keeps the bar down is what the baselines learn from.
    await equipment.put(as(ADMIN), mineId, 'fan', {
      name: '主通风机',
      ratedKw: 1000,
      circuit: 'ventilation',
      mustRunWhenStopped: true,
      effectiveFrom: '2025-06-01',
    });
  }
  await postReadings(as(INSPECTOR), MINE, [...ORDINARY.map(ordinary), ...PRODUCTION.map(hidden)]);
  await postReadings(as(INSPECTOR), QUIET, [...ORDINARY, ...PRODUCTION].map(ordinary));
});

describe('a stopped mine producing in secret, night after night', () => {
  it('is still flagged on the fifteenth night, on every stopped-mine rule, against the days before it began', async () => {
    for (const date of [...ORDINARY, ...PRODUCTION.slice(0, 15)]) {
      await reviewMines(db, date, [MINE, QUIET]);
      firstReviews.set(date, await reviewOf(MINE, date));
    }
    for (const date of ORDINARY) expect(firstReviews.get(date)!.verdict, date).toBe('normal');
    for (const date of PRODUCTION.slice(0, 15))
      expect(rulesOf(firstReviews.get(date)!), date).toEqual(expect.arrayContaining(STOPPED_RULES));

    const day15 = firstReviews.get(P(15))!;
    expect(day15.baselines.maintenanceKwh).toEqual({ value: 960, source: 'history' });
    expect(day15.baselines.nightShare.value).toBeCloseTo(1 / 3, 9);
    expect(day15.baselines.hoistShare?.value).toBeCloseTo(30 / 960, 9);
    expect(day15.baselines.excludedDays).toEqual(PRODUCTION.slice(0, 14));
    // One case per rule, the later nights its evidence.
    expect((await casesOf(MINE)).map((c) => [c.rule, c.openedOn]).sort()).toEqual(
      STOPPED_RULES.map((rule) => [rule, P(1)]),
    );
    // The quiet mine next to it: nothing flagged, nothing left out.
    expect(await reviewOf(QUIET, P(15))).toMatchObject({ verdict: 'normal', findings: [] });
    expect((await reviewOf(QUIET, P(15))).baselines.excludedDays).toBeUndefined();
  });

  it('keeps each flagged day and each case span on the flags item', async () => {
    const item = (await flagsItem(MINE))!;
    for (const date of PRODUCTION.slice(0, 15)) expect(item[`day:${date}`], date).toEqual(STOPPED_RULES);
    for (const date of ORDINARY) expect(item[`day:${date}`]).toBeUndefined();
    for (const c of await casesOf(MINE)) expect(item[`case:${c.caseId}`]).toEqual({ rule: c.rule, from: P(1) });
    expect(item.flagsFrom).toBe(addDays(ORDINARY[0]!, -28));
  });

  it('a day reviewed again after later days were flagged gets the same review and no new finding', async () => {
    const cases = await casesOf(MINE);
    for (const date of [P(1), P(7), P(14)]) {
      const again = await reviewMines(db, date, [MINE]);
      expect(again, date).toMatchObject({ written: 0, casesOpened: [], evidenceAdded: 0 });
      expect(await reviewOf(MINE, date)).toEqual(firstReviews.get(date));
    }
    // Each was reviewed against the nights before it only: the first night's own flag never excused it, the
    // seventh left out the six before, and none of them the nights flagged after it.
    expect(firstReviews.get(P(1))!.baselines.excludedDays).toBeUndefined();
    expect(firstReviews.get(P(7))!.baselines.excludedDays).toEqual(PRODUCTION.slice(0, 6));
    expect(rulesOf(firstReviews.get(P(7))!)).toEqual(expect.arrayContaining(STOPPED_RULES));
    expect(await casesOf(MINE)).toEqual(cases);
  });

  it('with its flags item lost, the review reads the same from the stored reviews and cases and rebuilds it', async () => {
    const before = (await flagsItem(MINE))!;
    await db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: { PK: pk.mine(MINE), SK: sk.powerFlags },
      }),
    );
    const counts = await requestsOf(() => reviewMines(db, P(15), [MINE]));
    expect(await reviewOf(MINE, P(15))).toEqual(firstReviews.get(P(15)));
    // The readings (the register comes from its one item, copied on the first night), then the stored reviews and
    // the cases once; the copy back in one update.
    expect(counts.Query).toBe(3);
    expect(counts.UpdateItem).toBe(1);
    const rebuilt = (await flagsItem(MINE))!;
    expect(rebuilt.flagsFrom).toBe(addDays(P(15), -28));
    for (const [name, value] of Object.entries(before))
      if (name !== 'flagsFrom') expect(rebuilt[name], name).toEqual(value);
  });

  it('the nightly path reads the flags with the profiles: no request of its own, no write on an unchanged day', async () => {
    const counts = await requestsOf(() => reviewMines(db, P(15), [MINE, QUIET]));
    // The readings of each mine: flags and register come with the profiles.
    expect(counts.Query).toBe(2);
    expect(counts.UpdateItem ?? 0).toBe(0);
    expect(counts.Scan ?? 0).toBe(0);
  });

  it('cases dismissed as unfounded give their days back from the day after the decision', async () => {
    ctx.on(P(16));
    for (const c of await casesOf(MINE))
      await actOnCase(as(INSPECTOR), c.caseId, { action: 'dismiss', version: 1, note: '井下排水泵检修，用电属实' });
    const item = (await flagsItem(MINE))!;
    for (const c of await casesOf(MINE))
      expect(item[`case:${c.caseId}`]).toEqual({ rule: c.rule, from: P(1), outcome: 'dismissed', on: P(16) });

    // Days reviewed before the decision keep their review.
    expect(await reviewMines(db, P(15), [MINE])).toMatchObject({ written: 0, casesOpened: [] });
    expect(await reviewOf(MINE, P(15))).toEqual(firstReviews.get(P(15)));

    // The day of the decision is still reviewed with those cases pending: flagged, and new cases open.
    const day16 = await reviewMines(db, P(16), [MINE]);
    expect(rulesOf(await reviewOf(MINE, P(16)))).toEqual(expect.arrayContaining(STOPPED_RULES));
    expect(day16.casesOpened).toHaveLength(3);

    // The day after: the dismissed cases' days count again (the new cases' day does not).
    await reviewMines(db, P(17), [MINE]);
    const day17 = await reviewOf(MINE, P(17));
    expect(day17.baselines.excludedDays).toEqual([P(16)]);
    expect(day17.baselines.maintenanceKwh).toEqual({ value: 2240, source: 'history' });
    expect(day17.verdict).toBe('normal');
  });
});
