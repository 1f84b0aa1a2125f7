// The morning's reminder scan on DynamoDB Local for the two dated kinds it used to pass over, recorded through their
// own capabilities: a penalty's execution due date (before it, on the day, daily once overdue, the leaders from the
// third day) and a planned inspection (before its day, on it, daily until it is done, the leaders after a week, never
// the mine). Each stage is reminded once: every morning runs the scan twice. Executing the penalty and completing
// the inspection end their reminders. The tests of the describe run in order, one morning after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { createInspectionBody, inspectionActionBody } from '#lib/inspections/schemas.ts';
import { type NotificationItem, SMS_MAX_CHARS } from '#lib/notifications/notification.ts';
import { actOnPenalty, createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody, penaltyActionBody } from '#lib/penalties/schemas.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { assignOfficial } from '#lib/registry/mine-contacts.ts';
import { getMine } from '#lib/registry/mines.ts';
import { assignedOfficialBody } from '#lib/registry/schemas.ts';
import { runReminderScan } from '#lib/reminders/scan.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { findUser } from '#lib/users/directory.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { inDirectory } from '../../support/directory.ts';
import { ADMIN, type DistrictDb, DS, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { bureau } from '../../support/registry-fixtures.ts';

const OFFICIAL = { userId: 'off-1', name: '张包保' };
const TO_OFFICIAL = { type: 'user', ...OFFICIAL };
const TO_LEADERS = { type: 'leaders', jurisdiction: DS };
const TO_MINE = { type: 'mine', mineId: 'm-1' };
const INSPECTORS = [{ userId: 'insp-a', name: '王检查' }];
const TO_INSPECTOR = { type: 'user', ...INSPECTORS[0] };

beforeAll(() => installQueueSender({ send: async () => {} }));
afterAll(() => installQueueSender(undefined));

const remindersOf = async (db: Db): Promise<NotificationItem[]> =>
  (await queryAll<NotificationItem>(db, { partition: pk.mine('m-1'), beginsWith: sk.notificationPrefix })).filter(
    (n) => n.kind === 'reminder',
  );

describe('penalty execution due dates and planned inspections', () => {
  // The penalty takes effect on START; the default policy gives it 30 days to be executed.
  const START = '2026-06-01';
  const DUE = addDays(START, 30);
  const PLANNED = addDays(START, 3);
  let ctx: DistrictDb;
  let db: Db;
  let penaltyId: string;
  let inspectionId: string;
  let seen: NotificationItem[] = [];

  /** The morning of `date`: the scan runs twice; what it recorded that morning (nothing on the second run). */
  async function morning(date: string): Promise<NotificationItem[]> {
    ctx.on(date);
    const first = await runReminderScan(db, date);
    const again = await runReminderScan(db, date);
    expect(again.created, `second run on ${date}`).toBe(0);
    expect(again.due).toBe(first.due);
    const all = await remindersOf(db);
    const fresh = all.filter((n) => !seen.some((s) => s.notificationId === n.notificationId));
    expect(fresh, `recorded on ${date}`).toHaveLength(first.created);
    seen = all;
    for (const n of fresh) expect(n.sms.length, n.sms).toBeLessThanOrEqual(SMS_MAX_CHARS);
    return fresh.sort((a, b) => a.eventKey.localeCompare(b.eventKey));
  }
  const keys = (ns: NotificationItem[]) => ns.map((n) => n.eventKey);
  const penaltyKey = (stage: string) => `reminder:PENALTY#m-1#${penaltyId}:${DUE}:${stage}`;
  const inspectionKey = (stage: string) => `reminder:INSPECTION#m-1#${inspectionId}:${PLANNED}:${stage}`;

  beforeAll(async () => {
    ctx = await districtDb(START, ['m-1']);
    db = ctx.db;
    if (!(await findUser(db, OFFICIAL.userId)))
      await inDirectory(db, bureau('inspector', DS, OFFICIAL.userId), { name: OFFICIAL.name });
    const mine = await getMine(ctx.as(ADMIN), 'm-1');
    await assignOfficial(ctx.as(ADMIN), 'm-1', assignedOfficialBody.parse({ version: mine.version, ...OFFICIAL }));
    const penalty = await createPenalty(
      ctx.as(INSPECTOR),
      'm-1',
      createPenaltyBody.parse({
        kind: 'fine',
        amountYuan: 50_000,
        decisionNo: '（鹤东）煤安罚〔2026〕7号',
        basis: '《煤矿安全监察条例》第四十七条',
        description: '超能力组织生产',
      }),
    );
    expect(penalty).toMatchObject({ status: 'effective', executionDue: DUE });
    penaltyId = penalty.penaltyId;
    const inspection = await createInspection(
      ctx.as(INSPECTOR),
      'm-1',
      createInspectionBody.parse({
        kind: 'planned',
        plannedOn: PLANNED,
        inspectors: INSPECTORS,
        purpose: '季度执法检查',
      }),
    );
    inspectionId = inspection.inspectionId;
  });

  it('three days before the planned inspection: its inspector is told, not the mine', async () => {
    const fresh = await morning(START);
    expect(keys(fresh)).toEqual([inspectionKey('T-3')]);
    expect(fresh[0]).toMatchObject({
      kind: 'reminder',
      mineId: 'm-1',
      jurisdiction: DS,
      severity: 'info',
      title: '计划检查：m-1 煤矿',
      body: `m-1 煤矿执法检查（季度执法检查）计划于 ${PLANNED} 进行，还有 3 天，请按计划检查并记录结果。`,
      sms: '【煤安监管】m-1 煤矿计划检查3天后',
      recipients: [TO_INSPECTOR],
      ref: { entityType: 'inspection', entityId: inspectionId },
    });
  });

  it('nothing on a day between stages', async () => {
    expect(await morning(addDays(START, 1))).toEqual([]);
  });

  it('on the planned day, then daily while it is not recorded; the leaders from a week late', async () => {
    expect(keys(await morning(PLANNED))).toEqual([inspectionKey('T0')]);
    const late = await morning(addDays(PLANNED, 1));
    expect(keys(late)).toEqual([inspectionKey('overdue-1')]);
    expect(late[0]).toMatchObject({ severity: 'warning', recipients: [TO_INSPECTOR] });
    expect(late[0]!.body).toContain('已逾期 1 天仍未记录检查结果');
    expect(keys(await morning(addDays(PLANNED, 6)))).toEqual([inspectionKey('overdue-6')]);
    const week = await morning(addDays(PLANNED, 7));
    expect(keys(week)).toEqual([inspectionKey('overdue-7')]);
    expect(week[0]).toMatchObject({ severity: 'critical', recipients: [TO_INSPECTOR, TO_LEADERS] });
    expect(week[0]!.body).toContain('；已报局领导');
  });

  it('a completed inspection is reminded of no more', async () => {
    ctx.on(addDays(PLANNED, 7));
    await actOnInspection(
      ctx.as(INSPECTOR),
      inspectionId,
      inspectionActionBody.parse({
        action: 'complete',
        version: 1,
        doneOn: addDays(PLANNED, 7),
        inspectors: INSPECTORS,
        summary: '检查通风、瓦斯',
      }),
    );
    expect(await morning(addDays(PLANNED, 8))).toEqual([]);
  });

  it('a week and three days before the execution due date: the mine and its official', async () => {
    const week = await morning(addDays(DUE, -7));
    expect(keys(week)).toEqual([penaltyKey('T-7')]);
    expect(week[0]).toMatchObject({
      kind: 'reminder',
      mineId: 'm-1',
      jurisdiction: DS,
      severity: 'info',
      title: '行政处罚执行期限：m-1 煤矿',
      body: `m-1 煤矿行政处罚“罚款”（（鹤东）煤安罚〔2026〕7号）执行期限还有 7 天（${DUE}）。`,
      sms: '【煤安监管】m-1 煤矿行政处罚执行期限还有7天',
      recipients: [TO_MINE, TO_OFFICIAL],
      ref: { entityType: 'penalty', entityId: penaltyId },
    });
    expect(await morning(addDays(DUE, -6))).toEqual([]);
    expect(keys(await morning(addDays(DUE, -3)))).toEqual([penaltyKey('T-3')]);
  });

  it('on the due date, then daily while it is not executed; the leaders from the third day', async () => {
    const onTheDay = await morning(DUE);
    expect(keys(onTheDay)).toEqual([penaltyKey('T0')]);
    expect(onTheDay[0]!.sms).toBe('【煤安监管】m-1 煤矿行政处罚今天执行期满');
    const late = await morning(addDays(DUE, 1));
    expect(keys(late)).toEqual([penaltyKey('overdue-1')]);
    expect(late[0]).toMatchObject({
      severity: 'warning',
      body: `m-1 煤矿行政处罚“罚款”（（鹤东）煤安罚〔2026〕7号）执行期限已逾期 1 天（${DUE} 到期），逾期未执行。`,
      sms: '【煤安监管】m-1 煤矿行政处罚逾期未执行1天',
      recipients: [TO_MINE, TO_OFFICIAL],
    });
    expect(keys(await morning(addDays(DUE, 2)))).toEqual([penaltyKey('overdue-2')]);
    const third = await morning(addDays(DUE, 3));
    expect(keys(third)).toEqual([penaltyKey('overdue-3')]);
    expect(third[0]).toMatchObject({ severity: 'critical', recipients: [TO_MINE, TO_OFFICIAL, TO_LEADERS] });
    expect(third[0]!.body).toContain('逾期未执行，已报局领导督办。');
  });

  it('an executed penalty is reminded of no more', async () => {
    ctx.on(addDays(DUE, 3));
    await actOnPenalty(
      ctx.as(INSPECTOR),
      penaltyId,
      penaltyActionBody.parse({ action: 'execute', version: 1, executedOn: addDays(DUE, 3), evidence: ['缴款书'] }),
    );
    expect(await morning(addDays(DUE, 4))).toEqual([]);
    // Each stage once over the whole run.
    const all = await remindersOf(db);
    expect(new Set(keys(all)).size).toBe(all.length);
    expect(all.filter((n) => n.ref.entityType === 'penalty')).toHaveLength(6);
    expect(all.filter((n) => n.ref.entityType === 'inspection')).toHaveLength(5);
  });
});
