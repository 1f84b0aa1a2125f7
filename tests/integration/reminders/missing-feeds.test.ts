// Missing monitoring feeds on DynamoDB Local, reminded like missing readings by the morning scan: the mine is told
// which feeds (人员位置监测 / 安全监控) it did not send and for how many days; after three days in a row, its official
// and the leaders too; one reminder per mine and day naming everything missed; nothing twice. A closed mine (no
// monitoring system running) and a review stored before the feeds existed are never reminded of feeds.
// The tests run in order, one day after another.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putFeed } from '#lib/monitoring/monitoring-service.ts';
import { type NotificationItem, SMS_MAX_CHARS } from '#lib/notifications/notification.ts';
import { recordReadings } from '#lib/power/readings.ts';
import { reviewMines } from '#lib/power/review-mines.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { meters } from '#lib/registry/equipment.ts';
import { assignOfficial } from '#lib/registry/mine-contacts.ts';
import { getMine } from '#lib/registry/mines.ts';
import { assignedOfficialBody } from '#lib/registry/schemas.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import { runReminderScan } from '#lib/reminders/scan.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { inDirectory } from '../../support/directory.ts';
import { ADMIN, type DistrictDb, DS, districtDb } from '../../support/district-db.ts';
import { bureau, mineUser } from '../../support/registry-fixtures.ts';

const D1 = '2026-07-01';
const OFFICIAL = { userId: 'off-feeds', name: '李包保' };
const TO_MINE = (mineId: string) => ({ type: 'mine', mineId });
const TO_OFFICIAL = { type: 'user', ...OFFICIAL };
const TO_LEADERS = { type: 'leaders', jurisdiction: DS };
const CREW = { night: 8, morning: 40, afternoon: 30 };
/** Sends only gas: its personnel location system is not connected. */
const NO_PEOPLE = 'm-nopeople';
/** Sends nothing at all: no reading, no feed. */
const SILENT = 'm-silent';
/** Closed: a zero reading, no feeds (no monitoring system runs in a closed mine). */
const CLOSED = 'm-shut';
/** Reports everything. */
const FULL = 'm-full';
/** Its review of the day was stored before the feeds existed (no `witnesses`), with a reading. */
const OLD = 'm-old';
const MINES = [NO_PEOPLE, SILENT, CLOSED, FULL, OLD];

let ctx: DistrictDb;
let db: Db;

beforeAll(async () => {
  installQueueSender({ send: async () => undefined });
  ctx = await districtDb(addDays(D1, -1), MINES);
  db = ctx.db;
  await inDirectory(db, bureau('inspector', DS, OFFICIAL.userId), { name: OFFICIAL.name });
  const mine = await getMine(ctx.as(ADMIN), NO_PEOPLE);
  await assignOfficial(ctx.as(ADMIN), NO_PEOPLE, assignedOfficialBody.parse({ version: mine.version, ...OFFICIAL }));
  for (const mineId of MINES) await meters.put(ctx.as(ADMIN), mineId, 'mt-1', { name: '总进线电能表', multiplier: 1 });
  await changeStatus(ctx.as(ADMIN), CLOSED, { status: 'closed', effectiveDate: '2026-01-05', reason: '关闭退出' });
});
afterAll(() => installQueueSender(undefined));

const reading = (mineId: string, date: string, kwh: number) =>
  recordReadings(db, actorOf(mineUser(mineId)), { mineId, jurisdiction: DS }, [{ meterId: 'mt-1', date, kwh }], {
    source: 'mine',
  });
const people = (mineId: string, date: string) =>
  putFeed(ctx.as(mineUser(mineId)), mineId, date, 'personnel', { shifts: CREW, peak: 40 });
const gas = (mineId: string, date: string) =>
  putFeed(ctx.as(mineUser(mineId)), mineId, date, 'gas', { events: [], outages: [] });

/** The review OLD would have had before the feeds: its keys, a reading, no `witnesses`. */
async function oldReview(date: string) {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        PK: pk.mine(OLD),
        SK: sk.review(date),
        entity: 'review',
        GSI1PK: gsi1.reviewsOfProvince(DS, date),
        GSI1SK: gsi1.reviewInJurisdiction(DS, OLD),
        mineId: OLD,
        date,
        status: 'producing',
        verdict: 'normal',
        totalKwh: 41_000,
        findings: [],
        policyVersion: 0,
      },
    }),
  );
}

/** The day's reports, the night's review (the morning after), then that morning's scan. */
async function reviewThenScan(date: string) {
  const morning = addDays(date, 1);
  ctx.on(morning);
  await reading(NO_PEOPLE, date, 40_000);
  await gas(NO_PEOPLE, date);
  await reading(CLOSED, date, 0);
  await reading(FULL, date, 42_000);
  await people(FULL, date);
  await gas(FULL, date);
  expect((await reviewMines(db, date, [NO_PEOPLE, SILENT, CLOSED, FULL])).reviewed).toBe(4);
  await oldReview(date);
  return runReminderScan(db, morning);
}

const remindersOf = async (mineId: string, date?: string): Promise<NotificationItem[]> =>
  (await queryAll<NotificationItem>(db, { partition: pk.mine(mineId), beginsWith: sk.notificationPrefix })).filter(
    (n) => n.kind === 'reminder' && n.ref.entityType === 'review' && (!date || n.ref.entityId === `${mineId}@${date}`),
  );

function expectOneSms(n: NotificationItem): void {
  expect(n.sms.startsWith('【煤安监管】'), n.sms).toBe(true);
  expect(n.sms.length, n.sms).toBeLessThanOrEqual(SMS_MAX_CHARS);
  expect(n.sms.endsWith('…'), n.sms).toBe(false);
}

describe('missing monitoring feeds', () => {
  it('the day before: the reviews say which witness did not report', async () => {
    await reviewThenScan(D1);
    const witnesses = async (mineId: string) =>
      (await getItem<{ witnesses?: unknown; status: string }>(db, { PK: pk.mine(mineId), SK: sk.review(D1) }))!;
    expect(await witnesses(NO_PEOPLE)).toMatchObject({
      witnesses: { personnel: 'no_data', gas: 'normal' },
    });
    expect(await witnesses(CLOSED)).toMatchObject({
      status: 'closed',
      witnesses: { personnel: 'no_data', gas: 'no_data' },
    });
    expect((await witnesses(OLD)).witnesses).toBeUndefined();
  });

  it('a mine without its personnel feed is reminded, naming the feed; one reminder for everything missed', async () => {
    const [n, ...more] = await remindersOf(NO_PEOPLE, D1);
    expect(more).toEqual([]);
    expect(n).toMatchObject({
      eventKey: `reminder:MISSING#${NO_PEOPLE}:${D1}`,
      severity: 'warning',
      title: `监测数据未报送：${NO_PEOPLE} 煤矿`,
      body: `${NO_PEOPLE} 煤矿${D1} 的人员位置监测数据未按时报送，请于今日 10:00 前补报，并检查监测系统联网上传。`,
      recipients: [TO_MINE(NO_PEOPLE)],
      ref: { entityType: 'review', entityId: `${NO_PEOPLE}@${D1}` },
    });
    expect(n!.body).not.toContain('安全监控');
    expectOneSms(n!);

    // The silent mine: one reminder naming its reading and both feeds.
    const [s, ...others] = await remindersOf(SILENT, D1);
    expect(others).toEqual([]);
    expect(s).toMatchObject({ title: `用电量及监测数据未报送：${SILENT} 煤矿`, recipients: [TO_MINE(SILENT)] });
    expect(s!.body).toContain('日用电量、人员位置监测数据、安全监控数据未按时报送');
    expectOneSms(s!);
  });

  it('a closed mine, a mine that sent everything and a review from before the feeds are not reminded', async () => {
    expect(await remindersOf(CLOSED)).toEqual([]);
    expect(await remindersOf(FULL)).toEqual([]);
    expect(await remindersOf(OLD)).toEqual([]);
  });

  it('two days in a row: the run is named, not yet escalated', async () => {
    const D2 = addDays(D1, 1);
    expect((await reviewThenScan(D2)).missingReadings).toBe(2);
    const [n] = await remindersOf(NO_PEOPLE, D2);
    expect(n).toMatchObject({ severity: 'warning', recipients: [TO_MINE(NO_PEOPLE)] });
    expect(n!.body).toContain('人员位置监测数据未按时报送（已连续 2 天）');
    expect(n!.sms).toContain('人员定位（连续2天）');
  });

  it('three days in a row: the official and the leaders are told too; a re-run records nothing new', async () => {
    const D3 = addDays(D1, 2);
    expect((await reviewThenScan(D3)).missingReadings).toBe(2);
    const [n] = await remindersOf(NO_PEOPLE, D3);
    expect(n).toMatchObject({
      severity: 'critical',
      recipients: [TO_MINE(NO_PEOPLE), TO_OFFICIAL, TO_LEADERS],
    });
    expect(n!.body).toContain('（已连续 3 天）');
    expect(n!.body).toContain('已报局领导');
    expectOneSms(n!);
    // The silent mine has no official: its leaders are told.
    const [s] = await remindersOf(SILENT, D3);
    expect(s).toMatchObject({ severity: 'critical', recipients: [TO_MINE(SILENT), TO_LEADERS] });
    expectOneSms(s!);

    const before = (await remindersOf(NO_PEOPLE)).length + (await remindersOf(SILENT)).length;
    expect(await runReminderScan(db, addDays(D3, 1))).toMatchObject({ created: 0, missingReadings: 2 });
    expect((await remindersOf(NO_PEOPLE)).length + (await remindersOf(SILENT)).length).toBe(before);
    expect(await remindersOf(CLOSED)).toEqual([]);
    expect(await remindersOf(OLD)).toEqual([]);
  });

  it('the feed back: the run ends, nothing more is reminded of that mine', async () => {
    const D4 = addDays(D1, 3);
    ctx.on(addDays(D4, 1));
    await people(NO_PEOPLE, D4);
    await reviewThenScan(D4);
    expect(await remindersOf(NO_PEOPLE, D4)).toEqual([]);
    expect(await remindersOf(SILENT, D4)).toHaveLength(1);
  });
});
