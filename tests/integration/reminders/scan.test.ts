// The morning's reminder scan on DynamoDB Local, with mines, licences and hazards recorded through their own
// capabilities: one reminder per item and stage, to the right people, in Chinese naming the mine and the days, an SMS
// of one message; a re-run records nothing new; the next day only the daily (overdue) items come again; a closed
// hazard is never reminded of. Then yesterday's missing daily readings, escalated after three days in a row.
// The tests of a describe run in order, one day after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnHazard, recordHazard } from '#lib/hazards/hazards.ts';
import { putFeed } from '#lib/monitoring/monitoring-service.ts';
import { type NotificationItem, SMS_MAX_CHARS } from '#lib/notifications/notification.ts';
import { recordReadings } from '#lib/power/readings.ts';
import { reviewMines } from '#lib/power/review-mines.ts';
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { meters } from '#lib/registry/equipment.ts';
import { licences } from '#lib/registry/licences.ts';
import { assignOfficial } from '#lib/registry/mine-contacts.ts';
import { getMine } from '#lib/registry/mines.ts';
import { assignedOfficialBody } from '#lib/registry/schemas.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import { runReminderScan } from '#lib/reminders/scan.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { findUser } from '#lib/users/directory.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { inDirectory } from '../../support/directory.ts';
import { ADMIN, type DistrictDb, DS, districtDb, INSPECTOR, OTHER_INSPECTOR } from '../../support/district-db.ts';
import { bureau, mineUser } from '../../support/registry-fixtures.ts';

const OFFICIAL = { userId: 'off-1', name: '张包保' };
const TO_OFFICIAL = { type: 'user', ...OFFICIAL };
const TO_LEADERS = { type: 'leaders', jurisdiction: DS };
const CREW = { night: 8, morning: 40, afternoon: 30 };

const queued: (OutgoingMessage & { queue: string })[] = [];
beforeAll(() =>
  installQueueSender({ send: async (queue, messages) => void queued.push(...messages.map((m) => ({ queue, ...m }))) }),
);
afterAll(() => installQueueSender(undefined));

const remindersOf = async (db: Db, mineId: string): Promise<NotificationItem[]> =>
  (await queryAll<NotificationItem>(db, { partition: pk.mine(mineId), beginsWith: sk.notificationPrefix })).filter(
    (n) => n.kind === 'reminder',
  );

async function withOfficial(ctx: DistrictDb, mineId: string): Promise<void> {
  // The official is a district inspector of the user directory (once per table).
  if (!(await findUser(ctx.db, OFFICIAL.userId)))
    await inDirectory(ctx.db, bureau('inspector', DS, OFFICIAL.userId), { name: OFFICIAL.name });
  const mine = await getMine(ctx.as(ADMIN), mineId);
  await assignOfficial(ctx.as(ADMIN), mineId, assignedOfficialBody.parse({ version: mine.version, ...OFFICIAL }));
}

function expectOneSms(n: NotificationItem): void {
  expect(n.sms.startsWith('【煤安监管】'), n.eventKey).toBe(true);
  expect(n.sms.length, n.sms).toBeLessThanOrEqual(SMS_MAX_CHARS);
}

describe('licences and hazards', () => {
  const TODAY = '2026-06-10';
  const TOMORROW = addDays(TODAY, 1);
  const FOUND = addDays(TODAY, -10);
  let ctx: DistrictDb;
  let db: Db;
  let overdueId: string;
  let soonId: string;
  let closedId: string;
  let firstRun: NotificationItem[];

  beforeAll(async () => {
    ctx = await districtDb(FOUND, ['m-1']);
    db = ctx.db;
    await withOfficial(ctx, 'm-1');
    await licences.put(ctx.as(ADMIN), 'm-1', 'safety_production', {
      number: '（黑）MK安许证字〔2023〕0101',
      issuedOn: '2023-07-10',
      expiresOn: addDays(TODAY, 30),
    });
    await licences.put(ctx.as(ADMIN), 'm-1', 'mining', {
      number: 'C2300002009011120001234',
      issuedOn: '2016-08-09',
      expiresOn: addDays(TODAY, 60),
    });
    // Hazards recorded on the day they were found, ten days ago; their deadlines have passed (or come soon) today.
    const hazard = (description: string, deadline: string) =>
      recordHazard(ctx.as(INSPECTOR), 'm-1', { level: 'general', description, location: '主斜井 +850m', deadline });
    overdueId = (await hazard('主斜井皮带机托辊损坏', addDays(TODAY, -4))).hazardId;
    soonId = (await hazard('局部通风机无备用电源', addDays(TODAY, 3))).hazardId;
    const closed = await hazard('井下消防器材过期', addDays(TODAY, -4));
    closedId = closed.hazardId;
    ctx.on(addDays(TODAY, -6));
    const staff = ctx.as(mineUser('m-1'));
    const started = await actOnHazard(staff, closedId, { action: 'start', version: closed.version });
    const submitted = await actOnHazard(staff, closedId, {
      action: 'submit',
      version: started.version,
      note: '已更换全部消防器材',
    });
    expect(
      await actOnHazard(ctx.as(OTHER_INSPECTOR), closedId, { action: 'verify', version: submitted.version }),
    ).toMatchObject({ status: 'verified' });
    ctx.on(TODAY);
    queued.length = 0;
  });

  it('records one reminder per item and stage, to the expected people', async () => {
    expect(await runReminderScan(db, TODAY)).toEqual({
      date: TODAY,
      due: 4,
      created: 4,
      missingReadings: 0,
      resent: 0,
    });
    firstRun = await remindersOf(db, 'm-1');
    const byKey = new Map(firstRun.map((n) => [n.eventKey, n]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        `reminder:LICENCE#m-1#safety_production:${addDays(TODAY, 30)}:T-30`,
        `reminder:LICENCE#m-1#mining:${addDays(TODAY, 60)}:T-60`,
        `reminder:HAZARD#m-1#${overdueId}:${addDays(TODAY, -4)}:overdue-4`,
        `reminder:HAZARD#m-1#${soonId}:${addDays(TODAY, 3)}:T-3`,
      ].sort(),
    );
    for (const n of firstRun) {
      expect(n).toMatchObject({ kind: 'reminder', status: 'queued', mineId: 'm-1', jurisdiction: DS });
      expectOneSms(n);
    }

    const safety = byKey.get(`reminder:LICENCE#m-1#safety_production:${addDays(TODAY, 30)}:T-30`)!;
    expect(safety).toMatchObject({
      severity: 'info',
      title: '证照到期提醒：m-1 煤矿安全生产许可证',
      body: `m-1 煤矿安全生产许可证（（黑）MK安许证字〔2023〕0101）还有 30 天（${addDays(TODAY, 30)}）。`,
      sms: '【煤安监管】m-1 煤矿安全生产许可证30天后到期，请及时办理',
      recipients: [{ type: 'mine', mineId: 'm-1' }, TO_OFFICIAL],
      ref: { entityType: 'licence', entityId: 'm-1/safety_production' },
    });
    const mining = byKey.get(`reminder:LICENCE#m-1#mining:${addDays(TODAY, 60)}:T-60`)!;
    expect(mining).toMatchObject({
      severity: 'info',
      title: '证照到期提醒：m-1 煤矿采矿许可证',
      recipients: [{ type: 'mine', mineId: 'm-1' }, TO_OFFICIAL],
    });
    expect(mining.body).toContain('还有 60 天');
    expect(mining.sms).toContain('60天后到期');

    // Four days overdue: past the hazard rule's three, so the leaders are told too.
    const overdue = byKey.get(`reminder:HAZARD#m-1#${overdueId}:${addDays(TODAY, -4)}:overdue-4`)!;
    expect(overdue).toMatchObject({
      severity: 'critical',
      title: '隐患整改期限：m-1 煤矿',
      body: `m-1 煤矿事故隐患“主斜井皮带机托辊损坏”整改期限已逾期 4 天（${addDays(TODAY, -4)} 到期），已报局领导督办。`,
      sms: '【煤安监管】m-1 煤矿隐患整改已逾期4天',
      recipients: [{ type: 'mine', mineId: 'm-1' }, TO_OFFICIAL, TO_LEADERS],
      ref: { entityType: 'hazard', entityId: overdueId },
    });
    const soon = byKey.get(`reminder:HAZARD#m-1#${soonId}:${addDays(TODAY, 3)}:T-3`)!;
    expect(soon).toMatchObject({
      severity: 'info',
      sms: '【煤安监管】m-1 煤矿隐患整改期限还有3天',
      recipients: [{ type: 'mine', mineId: 'm-1' }, TO_OFFICIAL],
    });
    expect(soon.body).toContain('还有 3 天');

    // Each goes to the dispatcher.
    expect(queued.map((m) => [m.queue, JSON.parse(m.body).notificationId]).sort()).toEqual(
      firstRun.map((n) => [notificationsQueue.name, n.notificationId]).sort(),
    );
  });

  it('a closed (verified) hazard is not reminded of', () => {
    expect(firstRun.some((n) => n.ref.entityId === closedId)).toBe(false);
  });

  it('a second run the same morning records and sends nothing new', async () => {
    expect(await runReminderScan(db, TODAY)).toEqual({
      date: TODAY,
      due: 4,
      created: 0,
      missingReadings: 0,
      resent: 0,
    });
    expect(await remindersOf(db, 'm-1')).toHaveLength(4);
    expect(queued).toHaveLength(4);
  });

  it('the next day only the overdue hazard comes again (overdue-5), nothing for the licences', async () => {
    ctx.on(TOMORROW);
    queued.length = 0;
    // The four of yesterday were never dispatched (no consumer here): still queued, they are sent again.
    expect(await runReminderScan(db, TOMORROW)).toEqual({
      date: TOMORROW,
      due: 1,
      created: 1,
      missingReadings: 0,
      resent: 4,
    });
    const all = await remindersOf(db, 'm-1');
    const fresh = all.filter((n) => !firstRun.some((f) => f.notificationId === n.notificationId));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      eventKey: `reminder:HAZARD#m-1#${overdueId}:${addDays(TODAY, -4)}:overdue-5`,
      severity: 'critical',
      sms: '【煤安监管】m-1 煤矿隐患整改已逾期5天',
      recipients: [{ type: 'mine', mineId: 'm-1' }, TO_OFFICIAL, TO_LEADERS],
    });
    expect(fresh[0]!.body).toContain('已逾期 5 天');
    expect(all.some((n) => n.ref.entityId === closedId)).toBe(false);
    expect(queued.map((m) => JSON.parse(m.body).notificationId).sort()).toEqual(
      [...firstRun, fresh[0]!].map((n) => n.notificationId).sort(),
    );
  });
});

describe('an expired licence of a producing mine', () => {
  const TODAY = '2026-06-10';
  let ctx: DistrictDb;
  const licenceKeys = async (mineId: string) =>
    (await remindersOf(ctx.db, mineId)).filter((n) => n.ref.entityType === 'licence').map((n) => n.eventKey);

  beforeAll(async () => {
    ctx = await districtDb(TODAY, ['m-exp', 'm-exp-stopped']);
    for (const mineId of ['m-exp', 'm-exp-stopped']) {
      await licences.put(ctx.as(ADMIN), mineId, 'safety_production', {
        number: `AQ-${mineId}`,
        issuedOn: '2023-06-08',
        expiresOn: addDays(TODAY, -2),
      });
      await licences.put(ctx.as(ADMIN), mineId, 'mining', {
        number: `CK-${mineId}`,
        issuedOn: '2016-06-01',
        expiresOn: addDays(TODAY, -7),
      });
    }
    await changeStatus(ctx.as(ADMIN), 'm-exp-stopped', {
      status: 'suspended',
      reason: '停产检修',
      effectiveDate: addDays(TODAY, -20),
    });
    queued.length = 0;
  });

  it('is reminded every day after expiry while the mine produces, the leaders too from a week on', async () => {
    await runReminderScan(ctx.db, TODAY);
    const notes = (await remindersOf(ctx.db, 'm-exp')).filter((n) => n.ref.entityType === 'licence');
    const byKey = new Map(notes.map((n) => [n.eventKey, n]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        `reminder:LICENCE#m-exp#safety_production:${addDays(TODAY, -2)}:overdue-2`,
        `reminder:LICENCE#m-exp#mining:${addDays(TODAY, -7)}:overdue-7`,
      ].sort(),
    );
    expect(byKey.get(`reminder:LICENCE#m-exp#safety_production:${addDays(TODAY, -2)}:overdue-2`)).toMatchObject({
      severity: 'warning',
      body: `m-exp 煤矿安全生产许可证（AQ-m-exp）已逾期 2 天（${addDays(TODAY, -2)} 到期）。`,
      recipients: [{ type: 'mine', mineId: 'm-exp' }],
    });
    expect(byKey.get(`reminder:LICENCE#m-exp#mining:${addDays(TODAY, -7)}:overdue-7`)).toMatchObject({
      severity: 'critical',
      recipients: [{ type: 'mine', mineId: 'm-exp' }, TO_LEADERS],
    });
    for (const n of notes) expectOneSms(n);

    ctx.on(addDays(TODAY, 1));
    await runReminderScan(ctx.db, addDays(TODAY, 1));
    expect(await licenceKeys('m-exp')).toContain(
      `reminder:LICENCE#m-exp#safety_production:${addDays(TODAY, -2)}:overdue-3`,
    );
  });

  it('a stopped mine is not chased for it', async () => {
    expect(await licenceKeys('m-exp-stopped')).toEqual([]);
  });

  it('once renewed, the old expiry is reminded of no more', async () => {
    const day = addDays(TODAY, 2);
    ctx.on(day);
    const current = await licences.get(ctx.as(ADMIN), 'm-exp', 'safety_production');
    await licences.put(ctx.as(ADMIN), 'm-exp', 'safety_production', {
      version: current.version,
      number: 'AQ-m-exp-2',
      issuedOn: addDays(TODAY, 1),
      expiresOn: addDays(TODAY, 3 * 365),
    });
    await runReminderScan(ctx.db, day);
    const keys = await licenceKeys('m-exp');
    // The mining licence, still expired, comes again; the renewed 安全生产许可证 does not.
    expect(keys).toContain(`reminder:LICENCE#m-exp#mining:${addDays(TODAY, -7)}:overdue-9`);
    expect(keys.filter((k) => k.includes('safety_production') && k.endsWith('overdue-4'))).toEqual([]);
  });
});

describe('missing daily readings', () => {
  const D1 = '2026-06-01';
  let ctx: DistrictDb;
  let db: Db;

  /** The night's review of `date` (the morning after), then that morning's scan. */
  async function reviewThenScan(date: string) {
    const morning = addDays(date, 1);
    ctx.on(morning);
    // m-ok reports the day in the morning after it; m-pw has a meter and never a reading. Both send their monitoring
    // feeds (tests/integration/reminders/missing-feeds.test.ts is about those), so only the reading is missed.
    for (const mineId of ['m-pw', 'm-ok']) {
      await putFeed(ctx.as(mineUser(mineId)), mineId, date, 'personnel', { shifts: CREW, peak: 40 });
      await putFeed(ctx.as(mineUser(mineId)), mineId, date, 'gas', { events: [], outages: [] });
    }
    const recorded = await recordReadings(
      db,
      actorOf(mineUser('m-ok')),
      { mineId: 'm-ok', jurisdiction: DS },
      [{ meterId: 'mt-1', date, kwh: 42_000 }],
      { source: 'mine' },
    );
    expect(recorded).toMatchObject({ created: 1, rejected: [] });
    const reviewed = await reviewMines(db, date, ['m-pw', 'm-ok']);
    expect(reviewed.reviewed).toBe(2);
    expect(
      (
        await queryAll<{ mineId: string; verdict: string }>(db, {
          partition: pk.mine('m-pw'),
          beginsWith: sk.review(date),
        })
      )[0],
    ).toMatchObject({ verdict: 'no_data' });
    return runReminderScan(db, morning);
  }
  const missingOf = async (date: string) =>
    (await remindersOf(db, 'm-pw')).filter((n) => n.ref.entityType === 'review' && n.ref.entityId === `m-pw@${date}`);

  beforeAll(async () => {
    ctx = await districtDb(addDays(D1, -1), ['m-pw', 'm-ok']);
    db = ctx.db;
    await withOfficial(ctx, 'm-pw');
    for (const mineId of ['m-pw', 'm-ok'])
      await meters.put(ctx.as(ADMIN), mineId, 'mt-1', { name: '总进线电能表', multiplier: 1 });
  });

  it('a day without a reading: the mine is reminded the next morning', async () => {
    const result = await reviewThenScan(D1);
    expect(result.missingReadings).toBe(1);
    const [n, ...more] = await missingOf(D1);
    expect(more).toEqual([]);
    expect(n).toMatchObject({
      eventKey: `reminder:MISSING#m-pw:${D1}`,
      severity: 'warning',
      title: '用电量未报送：m-pw 煤矿',
      body: `m-pw 煤矿${D1} 的日用电量未按时报送，请于今日 10:00 前补报。`,
      recipients: [{ type: 'mine', mineId: 'm-pw' }],
      ref: { entityType: 'review', entityId: `m-pw@${D1}` },
    });
    expectOneSms(n!);
    // The mine that reported is not reminded.
    expect((await remindersOf(db, 'm-ok')).filter((r) => r.ref.entityType === 'review')).toEqual([]);
  });

  it('two days in a row: the count is named, not yet escalated', async () => {
    const D2 = addDays(D1, 1);
    expect((await reviewThenScan(D2)).missingReadings).toBe(1);
    const [n] = await missingOf(D2);
    expect(n).toMatchObject({ severity: 'warning', recipients: [{ type: 'mine', mineId: 'm-pw' }] });
    expect(n!.body).toContain('（已连续 2 天）');
    expect(n!.sms).toContain('连续2天');
    expectOneSms(n!);
  });

  it('three days in a row: the official and the leaders are told too', async () => {
    const D3 = addDays(D1, 2);
    expect((await reviewThenScan(D3)).missingReadings).toBe(1);
    const [n] = await missingOf(D3);
    expect(n).toMatchObject({
      severity: 'critical',
      recipients: [{ type: 'mine', mineId: 'm-pw' }, TO_OFFICIAL, TO_LEADERS],
    });
    expect(n!.body).toContain('（已连续 3 天）');
    expect(n!.body).toContain('已报局领导');
    expect(n!.sms).toContain('连续3天');
    expectOneSms(n!);

    // The same morning again: nothing new.
    const before = (await remindersOf(db, 'm-pw')).length;
    expect(await runReminderScan(db, addDays(D3, 1))).toMatchObject({ created: 0, missingReadings: 1 });
    expect(await remindersOf(db, 'm-pw')).toHaveLength(before);
  });
});
