// The morning's reminder scan for a blacklist notice's objection deadline (陈述申辩期): two days before it and on
// the day, to the leaders and to the mine the notice was served on, so the mine can still object in time; a proposal
// not yet served is reminded to nobody, and nothing is reminded after the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnEntry } from '#lib/blacklist/blacklist-service.ts';
import { proposeEntry } from '#lib/blacklist/proposals.ts';
import { entryActionBody, proposeEntryBody } from '#lib/blacklist/schemas.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import type { NotificationItem } from '#lib/notifications/notification.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { runReminderScan } from '#lib/reminders/scan.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { type DistrictDb, DS, districtDb, INSPECTOR } from '../../support/district-db.ts';

const TO_LEADERS = { type: 'leaders', jurisdiction: DS };
const TO_MINE = { type: 'mine', mineId: 'm-1' };

beforeAll(() => installQueueSender({ send: async () => {} }));
afterAll(() => installQueueSender(undefined));

const remindersOf = async (db: Db): Promise<NotificationItem[]> =>
  (await queryAll<NotificationItem>(db, { partition: pk.mine('m-1'), beginsWith: sk.notificationPrefix })).filter(
    (n) => n.kind === 'reminder',
  );

describe('the objection deadline of a notice', () => {
  const START = '2026-06-01';
  const DEADLINE = addDays(START, 7);
  let ctx: DistrictDb;
  let db: Db;
  let entryId: string;

  const morning = async (date: string) => {
    ctx.on(date);
    const before = (await remindersOf(db)).length;
    await runReminderScan(db, date);
    return (await remindersOf(db)).slice(before);
  };

  beforeAll(async () => {
    ctx = await districtDb(START, ['m-1']);
    db = ctx.db;
    const entry = await proposeEntry(
      ctx.as(INSPECTOR),
      proposeEntryBody.parse({
        subjectType: 'enterprise',
        mineId: 'm-1',
        grounds: ['REFUSING_PENALTY'],
        scopes: ['safety_licence'],
        note: '拒不执行停产整顿决定',
      }),
    );
    entryId = entry.entryId;
  });

  it('a proposal not yet served is reminded to nobody', async () => {
    expect(await morning(addDays(DEADLINE, -2))).toEqual([]);
  });

  it('two days before the deadline and on the day: the mine and the leaders, in words for both', async () => {
    ctx.on(START);
    await actOnEntry(
      ctx.as(INSPECTOR),
      entryId,
      entryActionBody.parse({ action: 'serve_notice', version: 1, servedOn: START }) as never,
      creditOnListing,
    );
    const before = await morning(addDays(DEADLINE, -2));
    expect(before).toHaveLength(1);
    expect(before[0]!.recipients).toEqual(expect.arrayContaining([TO_MINE, TO_LEADERS]));
    expect(before[0]!.body).toContain('煤矿可在期内提出陈述申辩');
    const onTheDay = await morning(DEADLINE);
    expect(onTheDay).toHaveLength(1);
    expect(onTheDay[0]!.recipients).toEqual(expect.arrayContaining([TO_MINE, TO_LEADERS]));
  });

  it('nothing after the deadline', async () => {
    expect(await morning(addDays(DEADLINE, 1))).toEqual([]);
  });
});
