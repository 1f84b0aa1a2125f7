// The nightly review hears the monitoring feeds on the real store: the day's feed item and the approved headcount
// come in the batch that reads the profiles, so a stopped mine with a crew underground, a shift over its approved
// headcount and a gas alarm without power cut-off are found the night they happen, each witness gives its verdict,
// and one act found by several witnesses opens one case. A feed changed after the review makes the day reviewed
// again at once, and the change is a finding; the case the first review opened stays.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { reportFeed } from '#lib/power/feed-review.ts';
import { postReadings } from '#lib/power/power-service.ts';
import { reviewMines, type StoredReview } from '#lib/power/review-mines.ts';
import { meters } from '#lib/registry/equipment.ts';
import { setHeadcountLimits } from '#lib/registry/headcount.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { ADMIN, type DistrictDb, districtDb } from '../../support/district-db.ts';
import { mineUser } from '../../support/registry-fixtures.ts';
import { requestsDuring } from '../../support/request-count.ts';

const DAY = '2026-05-20';
const CREW = 'm-crew-stopped';
const OVER = 'm-over-headcount';
const GAS = 'm-gas-uncut';
const DARK = 'm-no-reading';
const QUIET = 'm-quiet';
const MINES = [CREW, OVER, GAS, DARK, QUIET];

let ctx: DistrictDb;
let db: Db;
const reviewOf = async (mineId: string) =>
  (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(DAY) }))!;
const casesOf = (mineId: string) => queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });
const rulesOf = (r: StoredReview) => r.findings.map((f) => f.rule);
const shifts = (night: number, morning: number, afternoon: number) => ({
  shifts: { night, morning, afternoon },
  peak: Math.max(night, morning, afternoon),
});
const limits = { night: 60, morning: 120, afternoon: 110 };
const dutyCrew = { night: 6, morning: 8, afternoon: 8 };

beforeAll(async () => {
  ctx = await districtDb('2026-01-10', MINES);
  db = ctx.db;
  for (const mineId of [CREW, DARK])
    await changeStatus(ctx.as(ADMIN), mineId, { status: 'suspended', effectiveDate: '2026-01-10', reason: '停产整顿' });
  for (const mineId of MINES) {
    await meters.put(ctx.as(ADMIN), mineId, 'main', { name: '总进线电表', multiplier: 1, effectiveFrom: '2026-01-10' });
    await setHeadcountLimits(ctx.as(ADMIN), mineId, {
      from: '2026-01-10',
      shifts: limits,
      dutyCrew,
      reason: '核定下井人数（安全生产许可证核定）',
    });
  }
  ctx.on(DAY);
  for (const mineId of [CREW, OVER, GAS, QUIET])
    await postReadings(ctx.as(ADMIN), mineId, [{ meterId: 'main', date: DAY, kwh: mineId === CREW ? 900 : 15_000 }]);
  const mine = (mineId: string) => ctx.as(mineUser(mineId));
  // A stopped mine that says its meter idles but sends 31 people down the night shift, 25 beyond its duty crew.
  await reportFeed(mine(CREW), CREW, DAY, 'personnel', shifts(31, 6, 5));
  // A producing mine with 131 underground on the morning shift against 120 approved.
  await reportFeed(mine(OVER), OVER, DAY, 'personnel', shifts(55, 131, 100));
  // A producing mine whose methane reached 1.62 % at the face without the system cutting power.
  await reportFeed(mine(GAS), GAS, DAY, 'gas', {
    events: [
      { sensorId: 'T1', location: '1201 回风巷', peakPercent: 1.62, startedAt: '02:40', minutes: 18, powerCut: false },
    ],
    outages: [],
  });
  await reportFeed(mine(GAS), GAS, DAY, 'personnel', shifts(40, 100, 90));
  // A stopped mine that sends no reading at all, but whose personnel system counts a crew.
  await reportFeed(mine(DARK), DARK, DAY, 'personnel', shifts(22, 4, 4));
  await reportFeed(mine(QUIET), QUIET, DAY, 'personnel', shifts(40, 100, 90));
  await reportFeed(mine(QUIET), QUIET, DAY, 'gas', { events: [], outages: [] });
  ctx.on('2026-05-21');
});

describe('the nightly review with the monitoring feeds', () => {
  let requests: Record<string, number>;
  const queried: string[] = [];
  const batched: string[] = [];
  beforeAll(async () => {
    // What each Query asks for: none may be for a mine's feed or headcount, which come in the profiles' batch.
    const name = 'captureQueries';
    db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand' || context.commandName === 'Query')
          queried.push(JSON.stringify(args.input));
        if (String(context.commandName).startsWith('BatchGet')) batched.push(JSON.stringify(args.input));
        return next(args);
      },
      { step: 'initialize', name, override: true },
    );
    try {
      requests = await requestsDuring(db.doc, () => reviewMines(db, DAY, MINES));
    } finally {
      db.doc.middlewareStack.remove(name);
    }
  });

  it('finds a crew underground on a stopped mine, held to the duty crew the register allows', async () => {
    const r = await reviewOf(CREW);
    expect(rulesOf(r)).toContain('PEOPLE_WHEN_STOPPED');
    const f = r.findings.find((x) => x.rule === 'PEOPLE_WHEN_STOPPED')!;
    expect(f).toMatchObject({ measured: 31, threshold: 6, unit: 'people', baseline: { source: 'headcount' } });
    expect(r.witnesses).toMatchObject({ personnel: 'anomaly', gas: 'no_data' });
  });

  it('finds a shift over its approved headcount (超定员) and a gas alarm without power cut-off', async () => {
    const over = await reviewOf(OVER);
    expect(over.findings.find((f) => f.rule === 'OVER_HEADCOUNT')).toMatchObject({ measured: 131, threshold: 120 });
    expect(over.witnesses).toEqual({ electricity: 'normal', personnel: 'anomaly', gas: 'no_data' });
    const gas = await reviewOf(GAS);
    expect(gas.findings.find((f) => f.rule === 'GAS_NO_POWER_CUT')).toMatchObject({
      severity: 'critical',
      measured: 1.62,
      unit: 'percent',
    });
    expect(gas.witnesses).toEqual({ electricity: 'normal', personnel: 'normal', gas: 'anomaly' });
  });

  it('a feed’s finding makes the day an anomaly without a reading; the missing reading is still missing', async () => {
    const dark = await reviewOf(DARK);
    expect(dark).toMatchObject({ verdict: 'anomaly', totalKwh: null });
    expect(dark.witnesses).toMatchObject({ electricity: 'no_data', personnel: 'anomaly' });
    expect(rulesOf(dark)).toEqual(expect.arrayContaining(['PEOPLE_WHEN_STOPPED', 'MISSING']));
    // Still indexed for the credit model as a missed daily reading.
    const item = await getItem<Record<string, unknown>>(db, { PK: pk.mine(DARK), SK: sk.review(DAY) });
    expect(item?.GSI3PK).toBeDefined();
  });

  it('a mine all three witnesses call normal is normal', async () => {
    const quiet = await reviewOf(QUIET);
    expect(quiet).toMatchObject({ verdict: 'normal', findings: [] });
    expect(quiet.witnesses).toEqual({ electricity: 'normal', personnel: 'normal', gas: 'normal' });
  });

  it('one act, one case: each act opens exactly one case with its witnesses as evidence', async () => {
    const crewCases = await casesOf(CREW);
    expect(crewCases).toHaveLength(1);
    const crewRules = rulesOf(await reviewOf(CREW)).filter((r) => r !== 'MISSING');
    // Every finding of the day that went to a case went to that one (its rule or an evidence record): at least the
    // crew's and the case's own.
    const onCases = [];
    for (const rule of crewRules) {
      const record = await getItem<{ caseId: string }>(db, { PK: pk.mine(CREW), SK: sk.finding(rule, DAY) });
      if (record) onCases.push([rule, record.caseId]);
    }
    expect(onCases).toContainEqual(['PEOPLE_WHEN_STOPPED', crewCases[0]!.caseId]);
    expect(onCases).toContainEqual([crewCases[0]!.rule, crewCases[0]!.caseId]);
    expect(new Set(onCases.map(([, id]) => id))).toEqual(new Set([crewCases[0]!.caseId]));
    expect((await casesOf(OVER)).map((c) => c.rule)).toEqual(['OVER_HEADCOUNT']);
    expect((await casesOf(GAS)).map((c) => c.rule)).toEqual(['GAS_NO_POWER_CUT']);
    expect(await casesOf(QUIET)).toEqual([]);
  });

  it('reads the feeds and headcounts in the batch with the profiles: no request per mine for them', () => {
    expect(requests.Query).toBe(queried.length);
    expect(queried.filter((q) => q.includes('MONITOR#') || q.includes('HEADCOUNT'))).toEqual([]);
    // The first batch holds each mine's profile, flags, register, feed day and headcount (25 keys).
    for (const mineId of MINES)
      for (const key of [sk.profile, sk.monitor(DAY), sk.headcount])
        expect(batched[0]).toContain(JSON.stringify({ PK: pk.mine(mineId), SK: key }));
    expect(requests.GetItem ?? 0).toBe(0);
  });
});

describe('a feed changed after the review', () => {
  it('is reviewed again at once: the change is a finding, and the case the review opened stays', async () => {
    const caseBefore = await casesOf(OVER);
    const result = await reportFeed(ctx.as(mineUser(OVER)), OVER, DAY, 'personnel', shifts(55, 118, 100));
    expect(result.kind).toBe('revised');
    const r = await reviewOf(OVER);
    expect(rulesOf(r)).toContain('PERSONNEL_REVISED_AFTER_REVIEW');
    expect(rulesOf(r)).not.toContain('OVER_HEADCOUNT');
    const f = r.findings.find((x) => x.rule === 'PERSONNEL_REVISED_AFTER_REVIEW')!;
    expect(f.message).toContain('早班 131 人');
    expect(f.message).toContain('早班 118 人');
    expect(await casesOf(OVER)).toEqual(caseBefore);
  });

  it('a feed first sent after the review is reviewed too, and an unchanged resend reviews nothing', async () => {
    const late = await reportFeed(ctx.as(mineUser(OVER)), OVER, DAY, 'gas', {
      events: [
        { sensorId: 'T9', location: '2203 工作面', peakPercent: 1.5, startedAt: '10:05', minutes: 9, powerCut: false },
      ],
      outages: [],
    });
    expect(late.kind).toBe('created');
    expect(rulesOf(await reviewOf(OVER))).toContain('GAS_NO_POWER_CUT');
    const again = await requestsDuring(db.doc, () =>
      reportFeed(ctx.as(mineUser(OVER)), OVER, DAY, 'personnel', shifts(55, 118, 100)),
    );
    expect(again.TransactWriteItems ?? 0).toBe(0);
    expect(again.BatchWriteItem ?? 0).toBe(0);
  });
});
