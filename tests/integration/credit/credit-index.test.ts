// The credit index (GSI3) kept by the real writers, through the lib functions with a TenantStore as the API calls
// them: what the classification reads for a mine is exactly the records that can move its credit, each under the
// date until which it can count (OPEN while a hazard is open or a penalty unexecuted), moving with the record when it
// changes, and nothing older than the window start.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { correctAccident, recordAccident } from '#lib/accidents/accidents.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { putCommitment } from '#lib/credit/commitments.ts';
import { creditWindowStart } from '#lib/credit/credit-store.ts';
import { decideOverride, proposeOverride } from '#lib/credit/overrides.ts';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import { actOnHazard, recordHazard } from '#lib/hazards/hazards.ts';
import type { HazardInput } from '#lib/hazards/rules.ts';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { actOnPenalty, createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody, penaltyActionBody } from '#lib/penalties/schemas.ts';
import { postReadings } from '#lib/power/power-service.ts';
import { reviewMines } from '#lib/power/review-mines.ts';
import { meters } from '#lib/registry/equipment.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { correctViolation, recordViolation } from '#lib/violations/violation-records.ts';
import { mineUser } from '../../support/registry-fixtures.ts';
import {
  accidentBody,
  accidentCorrection,
  completeBody,
  doneBody,
  plannedBody,
  violationBody,
  violationCorrection,
} from '../enforcement/fixtures.ts';
import {
  ADMIN,
  type CreditDb,
  creditDb,
  creditIndexKeys,
  creditRecords,
  INSPECTOR,
  OTHER_INSPECTOR,
  REVIEWER,
} from './fixtures.ts';

const TODAY = '2025-06-15';
const MINES = ['m-vio', 'm-insp', 'm-hz', 'm-hz-own', 'm-pen', 'm-pow', 'm-old', 'm-com', 'm-ovr'];

let ctx: CreditDb;
let db: Db;
let as: (p: Principal) => TenantStore;
beforeAll(async () => {
  ctx = await creditDb(TODAY, MINES);
  ({ db, as } = ctx);
});
beforeEach(() => ctx.on(TODAY));

const keysOf = (mineId: string) => creditIndexKeys(db, mineId);
const recordsOf = (mineId: string, asOf = TODAY) => creditRecords(db, mineId, asOf);

describe('violations and accidents', () => {
  it('a recorded violation and accident are read by the classification, under their own dates', async () => {
    const v = await recordViolation(
      as(INSPECTOR),
      'm-vio',
      violationBody({ category: 'over_capacity', date: '2025-06-01' }),
    );
    const a = await recordAccident(
      as(INSPECTOR),
      'm-vio',
      accidentBody({ date: '2025-05-01', level: 'general', deaths: 1, concealed: true }),
    );
    expect(await keysOf('m-vio')).toEqual([
      `2025-05-01#ACCIDENT#${a.accidentId}`,
      `2025-06-01#VIOLATION#${v.violationId}`,
    ]);
    expect(await recordsOf('m-vio')).toEqual([
      {
        kind: 'accident',
        id: a.accidentId,
        date: '2025-05-01',
        level: 'general',
        concealed: true,
        misreported: false,
        description: '运输事故',
      },
      {
        kind: 'violation',
        id: v.violationId,
        date: '2025-06-01',
        category: 'over_capacity',
        description: '超能力组织生产',
      },
    ]);
  });

  it('a corrected date moves the record in the index: the old key is gone, the record is read once, at its new date', async () => {
    const v = await recordViolation(
      as(INSPECTOR),
      'm-vio',
      violationBody({ category: 'monitoring_failure', date: '2025-06-10' }),
    );
    await correctViolation(as(INSPECTOR), v.violationId, violationCorrection({ version: 1, date: '2025-06-03' }));
    let keys = await keysOf('m-vio');
    expect(keys).toContain(`2025-06-03#VIOLATION#${v.violationId}`);
    expect(keys).not.toContain(`2025-06-10#VIOLATION#${v.violationId}`);
    expect((await recordsOf('m-vio')).filter((r) => r.id === v.violationId)).toEqual([
      expect.objectContaining({ date: '2025-06-03', category: 'monitoring_failure' }),
    ]);

    // Corrected in place (same date): same key, the new category is what the classification reads.
    await correctViolation(
      as(INSPECTOR),
      v.violationId,
      violationCorrection({ version: 2, category: 'regulations_mismatch' }),
    );
    expect((await keysOf('m-vio')).filter((k) => k.endsWith(v.violationId))).toEqual([
      `2025-06-03#VIOLATION#${v.violationId}`,
    ]);
    expect((await recordsOf('m-vio')).filter((r) => r.id === v.violationId)).toEqual([
      expect.objectContaining({ date: '2025-06-03', category: 'regulations_mismatch' }),
    ]);

    const a = await recordAccident(as(INSPECTOR), 'm-vio', accidentBody({ date: '2025-06-12' }));
    await correctAccident(
      as(INSPECTOR),
      a.accidentId,
      accidentCorrection({ version: 1, date: '2025-04-20', level: 'larger', deaths: 3 }),
    );
    keys = await keysOf('m-vio');
    expect(keys.filter((k) => k.endsWith(a.accidentId))).toEqual([`2025-04-20#ACCIDENT#${a.accidentId}`]);
    expect((await recordsOf('m-vio')).filter((r) => r.id === a.accidentId)).toEqual([
      expect.objectContaining({ kind: 'accident', date: '2025-04-20', level: 'larger' }),
    ]);
  });

  it('an inspection, planned, done or completed, never enters the index', async () => {
    await createInspection(as(INSPECTOR), 'm-insp', doneBody({ doneOn: '2025-06-10' }));
    const planned = await createInspection(as(INSPECTOR), 'm-insp', plannedBody({ plannedOn: '2025-06-12' }));
    await actOnInspection(as(INSPECTOR), planned.inspectionId, completeBody({ version: 1, doneOn: '2025-06-14' }));
    expect(await getItem(db, { PK: pk.mine('m-insp'), SK: 'LASTINSPECTION' })).toMatchObject({
      lastInspectionOn: '2025-06-14',
    });
    expect(await keysOf('m-insp')).toEqual([]);
    expect(await recordsOf('m-insp')).toEqual([]);
  });
});

describe('hazards', () => {
  const general = (o: Partial<HazardInput> = {}): HazardInput => ({
    level: 'general',
    description: '皮带机护栏缺失',
    location: '主斜井',
    foundOn: '2025-06-10',
    deadline: '2025-06-12',
    ...o,
  });
  const staff = mineUser('m-hz');

  it('is OPEN while open (rectifying, submitted, rejected) and moves to its verification day once verified (four eyes)', async () => {
    const h = await recordHazard(as(INSPECTOR), 'm-hz', general());
    const open = [`OPEN#HAZARD#${h.hazardId}`];
    expect(await keysOf('m-hz')).toEqual(open);
    expect(await recordsOf('m-hz')).toEqual([
      {
        kind: 'hazard',
        id: h.hazardId,
        date: '2025-06-10',
        level: 'general',
        deadline: '2025-06-12',
        description: '皮带机护栏缺失',
      },
    ]);

    await actOnHazard(as(staff), h.hazardId, { action: 'start', version: 1 });
    expect(await keysOf('m-hz')).toEqual(open);
    await actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 2, note: '已补装护栏' });
    expect(await keysOf('m-hz')).toEqual(open);
    await actOnHazard(as(OTHER_INSPECTOR), h.hazardId, { action: 'reject', version: 3, note: '护栏高度不足' });
    expect(await keysOf('m-hz')).toEqual(open);
    await actOnHazard(as(staff), h.hazardId, { action: 'submit', version: 4, note: '护栏已加高' });

    // Verified at 02:00 on the 18th in Shanghai (still the 17th in UTC): the business day is Shanghai's.
    ctx.clock.set('2025-06-17T18:00:00.000Z');
    const verified = await actOnHazard(as(OTHER_INSPECTOR), h.hazardId, {
      action: 'verify',
      version: 5,
      note: '验收合格',
    });
    expect(verified.status).toBe('verified');
    expect(await keysOf('m-hz')).toEqual([`2025-06-18#HAZARD#${h.hazardId}`]);
    expect(await recordsOf('m-hz')).toEqual([
      expect.objectContaining({
        kind: 'hazard',
        id: h.hazardId,
        date: '2025-06-10',
        deadline: '2025-06-12',
        closedOn: '2025-06-18',
      }),
    ]);
  });
});

describe('a hazard the mine reported itself', () => {
  it('a mine user’s submission reaches the classification as self-reported; an inspector’s find does not', async () => {
    const body = (description: string): HazardInput => ({
      level: 'general',
      description,
      location: '主斜井',
      foundOn: '2025-06-10',
      deadline: '2025-08-31',
    });
    const own = await recordHazard(as(mineUser('m-hz-own')), 'm-hz-own', body('矿方自查：皮带机护栏缺失'));
    expect(own.source).toBe('self_report');
    const found = await recordHazard(as(INSPECTOR), 'm-hz-own', body('检查发现：皮带机托辊缺失'));
    expect(found.source).toBe('inspection');
    const records = await recordsOf('m-hz-own');
    expect(records.find((r) => r.id === own.hazardId)).toMatchObject({ kind: 'hazard', selfReported: true });
    expect(records.find((r) => r.id === found.hazardId)).not.toHaveProperty('selfReported');
  });
});

describe('penalties', () => {
  const propose = (body: Record<string, unknown>, by: Principal = INSPECTOR) =>
    createPenalty(
      as(by),
      'm-pen',
      createPenaltyBody.parse({ basis: '《煤矿安全监察条例》第四十七条', description: '现场检查发现问题', ...body }),
    );
  const act = (penaltyId: string, body: Record<string, unknown>, by: Principal) =>
    actOnPenalty(as(by), penaltyId, penaltyActionBody.parse(body));

  it('a major one enters the index only once effective (OPEN), and moves to the day it was executed', async () => {
    const p = await propose({ kind: 'fine', amountYuan: 80_000 });
    expect(p.status).toBe('proposed');
    expect(await keysOf('m-pen')).toEqual([]);
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    expect(await keysOf('m-pen')).toEqual([]);
    expect(await recordsOf('m-pen')).toEqual([]);

    const approved = await act(
      p.penaltyId,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕7号' },
      REVIEWER,
    );
    expect(approved).toMatchObject({ status: 'effective', executionDue: '2025-07-15' });
    expect(await keysOf('m-pen')).toEqual([`OPEN#PENALTY#${p.penaltyId}`]);
    expect(await recordsOf('m-pen')).toEqual([
      {
        kind: 'penalty',
        id: p.penaltyId,
        date: '2025-07-15',
        penaltyKind: 'fine',
        decisionNo: '（鹤东）煤安罚〔2025〕7号',
      },
    ]);

    // Executed late, on the 18th of July.
    ctx.on('2025-07-20');
    await act(
      p.penaltyId,
      { action: 'execute', version: 3, executedOn: '2025-07-18', evidence: ['罚没款缴款书'] },
      INSPECTOR,
    );
    expect(await keysOf('m-pen')).toEqual([`2025-07-18#PENALTY#${p.penaltyId}`]);
    expect(await recordsOf('m-pen', '2025-07-20')).toEqual([
      expect.objectContaining({ kind: 'penalty', id: p.penaltyId, date: '2025-07-15', executedOn: '2025-07-18' }),
    ]);
  });

  it('a general one is effective on creation: OPEN at once, then under its execution day', async () => {
    const p = await propose({ kind: 'warning', decisionNo: '（鹤东）煤安罚〔2025〕8号' });
    expect(p.status).toBe('effective');
    expect(await keysOf('m-pen')).toContain(`OPEN#PENALTY#${p.penaltyId}`);
    await act(
      p.penaltyId,
      { action: 'execute', version: 1, executedOn: TODAY, evidence: ['警告决定书送达回证'] },
      INSPECTOR,
    );
    const keys = (await keysOf('m-pen')).filter((k) => k.endsWith(p.penaltyId));
    expect(keys).toEqual([`${TODAY}#PENALTY#${p.penaltyId}`]);
  });

  it('a rejected or withdrawn proposal never enters the index', async () => {
    const before = await keysOf('m-pen');
    const rejected = await propose({ kind: 'fine', amountYuan: 90_000 });
    await act(rejected.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    await act(rejected.penaltyId, { action: 'reject', version: 2, note: '证据不足' }, REVIEWER);
    const withdrawn = await propose({ kind: 'fine', amountYuan: 70_000 });
    await act(withdrawn.penaltyId, { action: 'cancel', version: 1, note: '另案处理' }, ADMIN);
    expect(await keysOf('m-pen')).toEqual(before);
  });
});

describe('daily electricity readings', () => {
  it('a day reviewed without data is a missed reading; reviewed again once its reading is in, it is gone', async () => {
    await meters.put(as(ADMIN), 'm-pow', 'main', { name: '总进线电表', multiplier: 1, effectiveFrom: '2025-01-01' });
    const day = '2025-06-14';
    await reviewMines(db, day, ['m-pow']);
    expect(await getItem(db, { PK: pk.mine('m-pow'), SK: sk.review(day) })).toMatchObject({ verdict: 'no_data' });
    expect(await keysOf('m-pow')).toEqual([`${day}#REVIEW#${day}`]);
    expect(await recordsOf('m-pow')).toEqual([{ kind: 'missed_reading', id: day, date: day }]);

    // The mine posts the day's reading late; the next review of that day has data.
    await postReadings(as(mineUser('m-pow')), 'm-pow', [{ meterId: 'main', date: day, kwh: 12_000 }]);
    await reviewMines(db, day, ['m-pow']);
    expect(await getItem(db, { PK: pk.mine('m-pow'), SK: sk.review(day) })).toMatchObject({
      verdict: expect.not.stringMatching(/^no_data$/),
      totalKwh: 12_000,
    });
    expect(await keysOf('m-pow')).toEqual([]);
    expect(await recordsOf('m-pow')).toEqual([]);
  });
});

describe('the window', () => {
  it('records dated before the window start (36 months) are not read; open ones are, however old', async () => {
    expect(creditWindowStart(TODAY, DEFAULT_CREDIT_THRESHOLDS)).toBe('2022-06-15');
    const tooOld = await recordViolation(as(INSPECTOR), 'm-old', violationBody({ date: '2022-06-14' }));
    const atStart = await recordViolation(as(INSPECTOR), 'm-old', violationBody({ date: '2022-06-15' }));
    const recent = await recordViolation(as(INSPECTOR), 'm-old', violationBody({ date: '2024-01-10' }));

    // Two hazards found in 2021: one closed that spring, one never closed.
    ctx.on('2021-03-01');
    const staff = mineUser('m-old');
    const closed = await recordHazard(as(INSPECTOR), 'm-old', {
      level: 'general',
      description: '巷道积水',
      location: '运输大巷',
      deadline: '2021-03-10',
    });
    const open = await recordHazard(as(INSPECTOR), 'm-old', {
      level: 'general',
      description: '消防器材过期',
      location: '井口',
      deadline: '2021-03-10',
    });
    await actOnHazard(as(staff), closed.hazardId, { action: 'start', version: 1 });
    await actOnHazard(as(staff), closed.hazardId, { action: 'submit', version: 2, note: '已排水' });
    ctx.on('2021-03-05');
    await actOnHazard(as(OTHER_INSPECTOR), closed.hazardId, { action: 'verify', version: 3 });
    ctx.on(TODAY);

    expect(await keysOf('m-old')).toEqual([
      `2021-03-05#HAZARD#${closed.hazardId}`,
      `2022-06-14#VIOLATION#${tooOld.violationId}`,
      `2022-06-15#VIOLATION#${atStart.violationId}`,
      `2024-01-10#VIOLATION#${recent.violationId}`,
      `OPEN#HAZARD#${open.hazardId}`,
    ]);
    expect((await recordsOf('m-old')).map((r) => r.id)).toEqual([
      atStart.violationId,
      recent.violationId,
      open.hazardId,
    ]);
    // As of an earlier day the window starts earlier.
    expect((await recordsOf('m-old', '2024-03-05')).map((r) => r.id)).toEqual([
      closed.hazardId,
      tooOld.violationId,
      atStart.violationId,
      recent.violationId,
      open.hazardId,
    ]);
  });
});

describe('safety commitments and overrides', () => {
  it('a commitment is read by the day it was filed', async () => {
    await putCommitment(as(ADMIN), 'm-com', 2025, { filedOn: '2025-01-10', signedBy: '矿长某' });
    expect(await keysOf('m-com')).toEqual(['2025-01-10#COMMITMENT#2025']);
    expect(await recordsOf('m-com')).toEqual([{ kind: 'commitment', id: '2025', date: '2025-01-10', year: 2025 }]);
  });

  it('an override enters the index only once approved, until its end date', async () => {
    const o = await proposeOverride(as(ADMIN), 'm-ovr', { tier: 'C', reason: '近期多次被举报', endsOn: '2025-09-30' });
    expect(await keysOf('m-ovr')).toEqual([]);
    await decideOverride(as(REVIEWER), 'm-ovr', o.overrideId, 'approve', { version: 1 });
    expect(await keysOf('m-ovr')).toEqual([`2025-09-30#OVERRIDE#${o.overrideId}`]);
    expect(await recordsOf('m-ovr')).toEqual([
      { kind: 'override', id: o.overrideId, date: TODAY, endsOn: '2025-09-30', tier: 'C', reason: '近期多次被举报' },
    ]);
  });
});
