// Readings carry their provenance on DynamoDB Local, and the mine is an adversary of the evidence against it: the
// sources rank grid > bureau > mine, a lower source never replaces a higher one's value, and what the mine says under
// a higher source is kept beside it as its declaration, which the review holds against the value in force.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ValidationError } from '#lib/errors.ts';
import { postReadings } from '#lib/power/power-service.ts';
import type { ReadingInput, StoredReading, StoredRevision } from '#lib/power/reading-records.ts';
import { recordReadings } from '#lib/power/readings.ts';
import { reviewMines, type StoredReview } from '#lib/power/review-mines.ts';
import { meters } from '#lib/registry/equipment.ts';
import { createMine } from '#lib/registry/mines.ts';
import { meterBody } from '#lib/registry/schemas.ts';
import type { Actor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, inspectorAt, mineInput, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

// 10:00 in Shanghai on 2025-03-10; the readings are of 2025-03-08.
const clock = testClock('2025-03-10T02:00:00.000Z');
const DAY = '2025-03-08';
const DISTRICT = 'hlj/hegang/dongshan';
const GRID: Actor = { sub: 'inspector-import', role: 'inspector', name: '导入人' };
const INSPECTOR = inspectorAt(DISTRICT, 'insp-on-site');
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const as = (p: Principal) => new TenantStore(db, p);
let mines = 0;
/** A mine of its own per test, with its main meter registered. */
const newMine = async (): Promise<string> => {
  const mineId = `m-prov-${++mines}`;
  await createMine(as(admin(DISTRICT)), mineInput(mineId, { statusEffectiveDate: '2025-01-01' }));
  await meters.put(
    as(admin(DISTRICT)),
    mineId,
    'main',
    meterBody.parse({ name: '总进线电表', effectiveFrom: '2025-01-01' }),
  );
  return mineId;
};
const row = (kwh: number, extra: Partial<ReadingInput> = {}): ReadingInput => ({
  meterId: 'main',
  date: DAY,
  kwh,
  ...extra,
});
/** A grid company file, as the import consumer stores it. */
const grid = (mineId: string, kwh: number) =>
  recordReadings(db, GRID, { mineId, jurisdiction: DISTRICT }, [row(kwh)], {
    source: 'grid',
    importId: 'imp-test',
    defaultReason: '电网公司批量导入 imp-test',
  });
const byMine = (mineId: string, kwh: number, reason?: string) =>
  postReadings(as(mineUser(mineId)), mineId, [row(kwh, reason ? { reason } : {})]);
const byBureau = (mineId: string, kwh: number, reason?: string) =>
  postReadings(as(INSPECTOR), mineId, [row(kwh, reason ? { reason } : {})]);
const stored = async (mineId: string) =>
  stripKeys(
    (await getItem<StoredReading & { PK: string; SK: string }>(db, {
      PK: pk.mine(mineId),
      SK: sk.reading(DAY, 'main'),
    }))!,
  );
const revisions = (mineId: string) =>
  queryAll<StoredRevision>(db, { partition: pk.mine(mineId), beginsWith: sk.readingRevisionsOf(DAY) });
const review = async (mineId: string) => {
  await reviewMines(db, DAY, [mineId]);
  return (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(DAY) }))!;
};
const rules = (r: StoredReview) => r.findings.map((f) => f.rule);
async function refusedField(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields.map((f) => f.field);
}

describe('a mine posting over the grid company’s reading', () => {
  it('leaves the grid value in force and keeps its own as the declaration, whatever reason it gives', async () => {
    const mineId = await newMine();
    expect((await grid(mineId, 5_400)).created).toBe(1);
    const answer = await byMine(mineId, 1_200, '抄表错误更正');
    expect(answer).toMatchObject({ created: 0, revised: 0, declared: 1, revisedReviewedDates: [] });
    expect(answer.rows).toEqual([
      {
        row: 0,
        kind: 'declared',
        meterId: 'main',
        date: DAY,
        inForce: { kwh: 5_400, source: 'grid' },
        message: `电表 main 在 ${DAY} 的读数以供电公司数据 5,400 kWh 为准；本次报送的 1,200 kWh 已记录为矿方申报值，不替代在用读数。`,
      },
    ]);
    const item = await stored(mineId);
    expect(item).toMatchObject({
      kwh: 5_400,
      source: 'grid',
      revision: 1,
      recordedBy: GRID,
      importId: 'imp-test',
      declared: { kwh: 1_200, declaredBy: { sub: `staff@${mineId}`, role: 'mine_user' }, reason: '抄表错误更正' },
    });
    expect(await revisions(mineId)).toEqual([]);
  });

  it('a changed declaration needs a reason and keeps the earlier one; the same one again changes nothing', async () => {
    const mineId = await newMine();
    await grid(mineId, 5_400);
    await byMine(mineId, 1_200);
    expect(await refusedField(byMine(mineId, 1_300))).toEqual(['body.readings.0.reason']);
    expect((await byMine(mineId, 1_300, '申报更正')).declared).toBe(1);
    const again = await byMine(mineId, 1_300);
    expect(again.unchanged).toBe(1);
    expect(again.rows[0]?.message).toContain('矿方申报值仍为 1,300 kWh');
    expect(await stored(mineId)).toMatchObject({ kwh: 5_400, source: 'grid', declared: { kwh: 1_300 } });
    expect(await revisions(mineId)).toEqual([
      expect.objectContaining({
        kind: 'declaration',
        kwh: 1_300,
        source: 'mine',
        reason: '申报更正',
        previous: expect.objectContaining({ kwh: 1_200, source: 'mine' }),
        afterReview: false,
      }),
    ]);
  });
});

describe('the grid company’s file after the mine’s reading', () => {
  it('takes effect, and the mine’s value becomes its declaration', async () => {
    const mineId = await newMine();
    const mineAt = clock.peek().toISOString();
    expect((await byMine(mineId, 1_200)).created).toBe(1);
    expect(await stored(mineId)).toMatchObject({ kwh: 1_200, source: 'mine' });
    const result = await grid(mineId, 5_400);
    expect(result).toMatchObject({ superseded: 1, revised: 0, revisedReviewedDates: [] });
    const item = await stored(mineId);
    expect(item).toMatchObject({ kwh: 5_400, source: 'grid', revision: 2, recordedBy: GRID, importId: 'imp-test' });
    expect(item.declared).toMatchObject({ kwh: 1_200, declaredBy: { sub: `staff@${mineId}` } });
    expect(item.declared!.declaredAt >= mineAt).toBe(true);
    expect(await revisions(mineId)).toEqual([
      expect.objectContaining({
        kind: 'superseded',
        kwh: 5_400,
        source: 'grid',
        previous: expect.objectContaining({ kwh: 1_200, source: 'mine' }),
      }),
    ]);
  });

  it('on a reviewed day: the day is reviewed again, the mismatch is the finding, not a late change by the mine', async () => {
    const mineId = await newMine();
    await byMine(mineId, 1_200);
    expect(rules(await review(mineId))).not.toContain('DECLARATION_MISMATCH');
    expect((await grid(mineId, 5_400)).revisedReviewedDates).toEqual([DAY]);
    expect((await stored(mineId)).revisionsAfterReview).toBeUndefined();
    const after = await review(mineId);
    expect(rules(after)).toContain('DECLARATION_MISMATCH');
    expect(rules(after)).not.toContain('REVISED_AFTER_REVIEW');
    expect(after.findings.find((f) => f.rule === 'DECLARATION_MISMATCH')).toMatchObject({
      severity: 'high',
      measured: 1_200,
      baseline: { value: 5_400, source: 'grid' },
    });

    // The mine, seeing the finding, brings its declaration in line: that change after review is itself a finding.
    const late = await byMine(mineId, 5_400, '更正申报');
    expect(late).toMatchObject({ declared: 1, revisedReviewedDates: [DAY] });
    const again = (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(DAY) }))!;
    expect(rules(again)).toContain('REVISED_AFTER_REVIEW');
    expect(again.findings.find((f) => f.rule === 'REVISED_AFTER_REVIEW')?.message).toContain(
      '的矿方申报值由 1,200 kWh 改为 5,400 kWh',
    );
    expect(again.totalKwh).toBe(5_400);
  });
});

describe('the bureau between the two', () => {
  it('a bureau reading after the grid’s: the grid value stays, the bureau’s is refused naming it', async () => {
    const mineId = await newMine();
    await grid(mineId, 5_400);
    expect(await refusedField(byBureau(mineId, 4_000, '现场核查'))).toEqual(['body.readings.0.kwh']);
    expect((await byBureau(mineId, 5_400)).unchanged).toBe(1);
    expect(await stored(mineId)).toMatchObject({ kwh: 5_400, source: 'grid', version: 1 });
  });

  it('over the mine’s it takes effect as the bureau’s (the mine’s kept as the declaration); the grid’s over both', async () => {
    const mineId = await newMine();
    await byMine(mineId, 1_200);
    const onSite = await byBureau(mineId, 3_000);
    expect(onSite.rows[0]).toMatchObject({ kind: 'superseded', inForce: { kwh: 3_000, source: 'bureau' } });
    expect(await stored(mineId)).toMatchObject({
      kwh: 3_000,
      source: 'bureau',
      recordedBy: { sub: 'insp-on-site', role: 'inspector' },
      declared: { kwh: 1_200 },
    });
    // The mine under the bureau: a declaration again.
    expect((await byMine(mineId, 1_250, '补充说明')).rows[0]).toMatchObject({
      kind: 'declared',
      inForce: { kwh: 3_000, source: 'bureau' },
    });
    await grid(mineId, 5_400);
    expect(await stored(mineId)).toMatchObject({ kwh: 5_400, source: 'grid', declared: { kwh: 1_250 } });
    expect((await revisions(mineId)).map((r) => [r.kind, r.previous.source, r.previous.kwh])).toEqual([
      ['superseded', 'mine', 1_200],
      ['declaration', 'mine', 1_200],
      ['superseded', 'bureau', 3_000],
    ]);
  });

  it('an item stored before the bureau’s source had its name (source inspector) ranks as the bureau', async () => {
    const mineId = await newMine();
    await byBureau(mineId, 3_000);
    const item = await getItem<Record<string, unknown>>(db, { PK: pk.mine(mineId), SK: sk.reading(DAY, 'main') });
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...item, source: 'inspector' } }));
    expect((await byMine(mineId, 1_000)).rows[0]).toMatchObject({
      kind: 'declared',
      inForce: { kwh: 3_000, source: 'bureau' },
    });
  });
});

describe('a mine revising its own reading', () => {
  it('is a revision as before: a reason, the old value kept, the source still the mine', async () => {
    const mineId = await newMine();
    await byMine(mineId, 1_000);
    expect(await refusedField(byMine(mineId, 1_100))).toEqual(['body.readings.0.reason']);
    const revised = await byMine(mineId, 1_100, '抄表错误更正');
    expect(revised).toMatchObject({ revised: 1, declared: 0 });
    expect(revised.rows[0]).toEqual({
      row: 0,
      kind: 'revised',
      meterId: 'main',
      date: DAY,
      inForce: { kwh: 1_100, source: 'mine' },
    });
    const item = await stored(mineId);
    expect(item).toMatchObject({ kwh: 1_100, source: 'mine', revision: 2 });
    expect(item.declared).toBeUndefined();
    expect(await revisions(mineId)).toEqual([
      expect.objectContaining({
        kind: 'revision',
        reason: '抄表错误更正',
        previous: expect.objectContaining({ kwh: 1_000 }),
      }),
    ]);
  });

  it('after review: marked, the day reviewed again, REVISED_AFTER_REVIEW as before', async () => {
    const mineId = await newMine();
    await byMine(mineId, 1_000);
    await review(mineId);
    const late = await byMine(mineId, 9_000, '补录');
    expect(late.revisedReviewedDates).toEqual([DAY]);
    expect(late.rows[0]).toMatchObject({ kind: 'revised', inForce: { kwh: 9_000, source: 'mine' } });
    const after = (await getItem<StoredReview>(db, { PK: pk.mine(mineId), SK: sk.review(DAY) }))!;
    expect(rules(after)).toContain('REVISED_AFTER_REVIEW');
    expect(rules(after)).not.toContain('DECLARATION_MISMATCH');
    expect(await revisions(mineId)).toEqual([
      expect.objectContaining({ kind: 'revision', source: 'mine', afterReview: true, reason: '补录' }),
    ]);
  });
});

describe('a reading of a meter not in force on its day', () => {
  it('is refused naming the meter, for days before it was registered and from its removal on; days between count', async () => {
    const mineId = await newMine();
    // Removed by the bureau from the day before the reading's day: the row of that day no longer counts.
    await meters.remove(as(admin(DISTRICT)), mineId, 'main', 1, { effectiveFrom: '2025-03-07' });
    const before = { meterId: 'main', date: '2024-12-31', kwh: 100 };
    const between = { meterId: 'main', date: '2025-03-06', kwh: 100 };
    const after = { meterId: 'main', date: DAY, kwh: 100 };
    const result = await recordReadings(db, GRID, { mineId, jurisdiction: DISTRICT }, [before, between, after], {
      source: 'grid',
      importId: 'imp-removed',
      defaultReason: '电网公司批量导入 imp-removed',
    });
    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 0, field: 'meterId', reason: expect.stringContaining('不在用') }),
      expect.objectContaining({ row: 2, field: 'meterId', reason: expect.stringContaining('不在用') }),
    ]);
    expect(await refusedField(postReadings(as(mineUser(mineId)), mineId, [row(90)]))).toEqual([
      'body.readings.0.meterId',
    ]);
  });
});

describe('a grid file delivered twice', () => {
  it('asks for the reviewed day to be reviewed again both times, so a delivery cut short before its review is made good', async () => {
    const mineId = await newMine();
    await byMine(mineId, 1200);
    await review(mineId);
    // The first delivery stores the grid's value (and would review the day, but stops before it does).
    expect((await grid(mineId, 5400)).revisedReviewedDates).toEqual([DAY]);
    // Its redelivery finds the value already stored: nothing written, the day still to be reviewed.
    const again = await grid(mineId, 5400);
    expect(again).toMatchObject({ created: 0, revised: 0, unchanged: 1, superseded: 0 });
    expect(again.revisedReviewedDates).toEqual([DAY]);
    expect((await review(mineId)).totalKwh).toBe(5400);
  });
});
