// The monitoring feeds on DynamoDB Local: one item per mine and day, each feed with its provenance; the platform's
// file ranks above the mine's own report, which is kept as its declaration; a mine's change of a day is kept in the
// day's history (marked when the day was already reviewed); a bulk chunk delivered twice counts once.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { NotFoundError, ValidationError } from '#lib/errors.ts';
import type { MonitorDay } from '#lib/monitoring/feeds.ts';
import { feedRange, putFeed } from '#lib/monitoring/monitoring-service.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import { parseFeedJsonRows } from '#lib/power/imports/parse-rows.ts';
import { getImport, processImportChunk, startImport } from '#lib/power/imports/power-import.ts';
import type { ImportChunkMessage } from '#lib/queue/queues.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, creditCodeFor, inspectorAt, mineInput, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const clock = testClock('2026-11-03T02:00:00.000Z');
const DAY = '2026-11-01';
const DISTRICT = 'hlj/hegang/dongshan';
const INSPECTOR = inspectorAt(DISTRICT, 'insp-import');
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const as = (p: Principal) => new TenantStore(db, p);
let mines = 0;
const newMine = async (jurisdiction = DISTRICT): Promise<string> => {
  const mineId = `m-feed-${++mines}`;
  await createMine(as(admin(jurisdiction)), mineInput(mineId, { jurisdiction, statusEffectiveDate: '2025-01-01' }));
  return mineId;
};
const people = (peak: number): PersonnelDay => ({ shifts: { night: 0, morning: peak, afternoon: 3 }, peak });
const gas = (powerCut: boolean): GasDay => ({
  events: [{ sensorId: 'T0101', location: '1201 回风巷', peakPercent: 1.6, startedAt: '02:10', minutes: 14, powerCut }],
  outages: [],
});
const byMine = (mineId: string, peak: number, date = DAY) =>
  putFeed(as(mineUser(mineId)), mineId, date, 'personnel', people(peak));
const item = async (mineId: string, date = DAY) =>
  (await getItem<MonitorDay & Record<string, unknown>>(db, { PK: pk.mine(mineId), SK: sk.monitor(date) }))!;
const audits = (mineId: string) =>
  queryAll<{ action: string; reason?: string }>(db, { partition: pk.mine(mineId), beginsWith: sk.auditPrefix }).then(
    (a) => a.filter((e) => e.action.startsWith('monitoring.')),
  );

/** A platform file through the bulk path: checked, chunked, each chunk consumed (twice when asked). */
async function platformFile(kind: 'personnel' | 'gas', rows: Record<string, unknown>[], deliverTwice = false) {
  const sent: ImportChunkMessage[] = [];
  const meta = await startImport(as(INSPECTOR), { kind, file: parseFeedJsonRows(kind, rows, clock.now()) }, 'json', {
    send: async (_q, messages) => void sent.push(...messages.map((m) => JSON.parse(m.body) as ImportChunkMessage)),
  });
  const counted: boolean[] = [];
  for (const m of sent) {
    counted.push((await processImportChunk(db, m)).counted);
    if (deliverTwice) counted.push((await processImportChunk(db, m)).counted);
  }
  return { meta: await getImport(as(INSPECTOR), meta.importId, {}), counted };
}
const personnelRow = (mineId: string, peak: number, date = DAY) => ({
  creditCode: creditCodeFor(mineId),
  date,
  night: 0,
  morning: peak,
  afternoon: 3,
  peak,
});

describe('monitoring feeds: one item per mine-day with provenance', () => {
  it('a mine reports people underground; the same body again adds no history', async () => {
    const mineId = await newMine();
    expect((await byMine(mineId, 40)).kind).toBe('created');
    expect((await byMine(mineId, 40)).kind).toBe('unchanged');
    const stored = await item(mineId);
    expect(stored.personnel).toMatchObject({ peak: 40, provenance: { source: 'mine', byId: `staff@${mineId}` } });
    expect(stored.personnelRevisions).toBeUndefined();
    expect(await audits(mineId)).toHaveLength(1);
  });

  it('the two feeds are written apart on the same item and neither overwrites the other', async () => {
    const mineId = await newMine();
    await byMine(mineId, 40);
    await putFeed(as(mineUser(mineId)), mineId, DAY, 'gas', gas(true));
    await byMine(mineId, 41);
    const stored = await item(mineId);
    expect(stored.personnel?.peak).toBe(41);
    expect(stored.gas?.events[0]?.powerCut).toBe(true);
    expect(stored.personnelVersion).toBe(2);
    expect(stored.gasVersion).toBe(1);
  });

  it('a mine re-reporting a day keeps the previous value with who and when in the history', async () => {
    const mineId = await newMine();
    await byMine(mineId, 40);
    const r = await byMine(mineId, 12);
    expect(r.kind).toBe('revised');
    expect(r.day.personnel?.peak).toBe(12);
    expect(r.day.personnelRevisions).toEqual([
      expect.objectContaining({ previous: people(40), previousBy: `staff@${mineId}`, afterReview: false }),
    ]);
    expect((await audits(mineId)).map((a) => a.action).sort()).toEqual([
      'monitoring.personnel_created',
      'monitoring.personnel_revised',
    ]);
  });

  it('a mine revising a day after its review is flagged afterReview with an audit reason', async () => {
    const mineId = await newMine();
    await byMine(mineId, 40);
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: { PK: pk.mine(mineId), SK: sk.review(DAY), date: DAY } }),
    );
    const r = await byMine(mineId, 12);
    expect(r.day.personnelRevisions?.[0]?.afterReview).toBe(true);
    expect((await audits(mineId)).find((a) => a.action === 'monitoring.personnel_revised')?.reason).toBeTruthy();
  });

  it('a platform file over a mine report is in force and keeps the mine value as its declaration', async () => {
    const mineId = await newMine();
    await byMine(mineId, 12);
    const { meta } = await platformFile('personnel', [personnelRow(mineId, 40)]);
    expect(meta).toMatchObject({ kind: 'personnel', accepted: 1, rejected: 0, status: 'done' });
    const stored = await item(mineId);
    expect(stored.personnel).toMatchObject({ peak: 40, provenance: { source: 'platform', importId: meta.importId } });
    expect(stored.personnelDeclared).toMatchObject({ peak: 12, byId: `staff@${mineId}` });
  });

  it('a mine report for a day the platform recorded never replaces it and is kept as declaration', async () => {
    const mineId = await newMine();
    await platformFile('personnel', [personnelRow(mineId, 40)]);
    const r = await byMine(mineId, 12);
    expect(r.kind).toBe('declared');
    expect(r.message).toContain('矿方申报值');
    expect(r.day.personnel).toMatchObject({ peak: 40, provenance: { source: 'platform' } });
    expect(r.day.personnelDeclared?.peak).toBe(12);
  });

  it('a chunk delivered twice counts once and stores nothing twice', async () => {
    const mineId = await newMine();
    const { meta, counted } = await platformFile('personnel', [personnelRow(mineId, 40)], true);
    expect(counted).toEqual([true, false]);
    expect(meta).toMatchObject({ accepted: 1, chunksDone: 1 });
    expect((await audits(mineId)).length).toBe(1);
  });

  it('a file row for a mine outside the importer jurisdiction is rejected by row number', async () => {
    const own = await newMine();
    const foreign = await newMine('hlj/jixi/jiguan');
    const { meta } = await platformFile('personnel', [personnelRow(own, 30), personnelRow(foreign, 30)]);
    expect(meta).toMatchObject({ accepted: 1, rejected: 1 });
    expect(meta.rejectedRows).toEqual([expect.objectContaining({ row: 2, field: 'creditCode' })]);
    expect(await getItem(db, { PK: pk.mine(foreign), SK: sk.monitor(DAY) })).toBeUndefined();
  });

  it('gas rows of a mine-day form one GasDay; a none row records a day without events; bad rows by number', async () => {
    const a = await newMine();
    const b = await newMine();
    const code = (m: string) => creditCodeFor(m);
    const { meta } = await platformFile('gas', [
      {
        creditCode: code(a),
        date: DAY,
        kind: 'event',
        sensorId: 'T1',
        location: '回风巷',
        peakPercent: 1.6,
        startedAt: '02:10',
        minutes: 14,
        powerCut: 'false',
      },
      { creditCode: code(a), date: DAY, kind: 'outage', sensorId: 'T2', location: '主井', hoursOffline: 5 },
      { creditCode: code(b), date: DAY, kind: 'none' },
      {
        creditCode: code(b),
        date: DAY,
        kind: 'event',
        sensorId: 'T1',
        location: '回风巷',
        peakPercent: 101,
        startedAt: '02:10',
        minutes: 14,
        powerCut: 'true',
      },
    ]);
    expect(meta.rejectedRows).toEqual([expect.objectContaining({ row: 4, field: 'peakPercent' })]);
    expect((await item(a)).gas).toMatchObject({ events: [{ powerCut: false }], outages: [{ hoursOffline: 5 }] });
    expect((await item(b)).gas).toMatchObject({ events: [], outages: [], provenance: { source: 'platform' } });
  });

  it('a range of days is one query, for the mine itself and the bureau, never another mine', async () => {
    const mineId = await newMine();
    const other = await newMine();
    await byMine(mineId, 10, '2026-10-30');
    await byMine(mineId, 11, DAY);
    const r = await feedRange(as(INSPECTOR), mineId, { from: '2026-10-01', to: DAY });
    expect(r.items.map((d) => d.date)).toEqual(['2026-10-30', DAY]);
    expect((await feedRange(as(mineUser(mineId)), mineId, {})).items).toHaveLength(2);
    await expect(feedRange(as(mineUser(other)), mineId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(feedRange(as(INSPECTOR), mineId, { from: '2025-10-01', to: DAY })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('a date in the future is refused naming the date', async () => {
    const mineId = await newMine();
    await expect(byMine(mineId, 1, '2026-11-04')).rejects.toMatchObject({ fields: [{ field: 'params.date' }] });
  });
});
