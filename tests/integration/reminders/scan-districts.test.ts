// The morning scan over two districts of one city, on DynamoDB Local: it reads each jurisdiction's partition of the
// due-date index once (one Query for its whole window), a district's items are never in another's reading, and each
// item is reminded to its own district. A bureau's list of deadlines reads the same partitions of its own scope,
// its own partition while it learns the jurisdictions under it.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationItem } from '#lib/notifications/notification.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { licences } from '#lib/registry/licences.ts';
import { createMine } from '#lib/registry/mines.ts';
import { listDeadlines } from '#lib/reminders/deadlines.ts';
import { LOOK_AHEAD_DAYS, LOOK_BACK_DAYS, runReminderScan } from '#lib/reminders/scan.ts';
import type { Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { admin, mineInput } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const TODAY = '2026-06-10';
const DONGSHAN = 'hlj/hegang/dongshan';
const XIANGYANG = 'hlj/hegang/xiangyang';
const MINES = { 'm-ds': DONGSHAN, 'm-xy': XIANGYANG } as const;

let db: Db;
/** The due-date index partitions the scan queried, one entry per Query sent. */
const dueReads: string[] = [];

beforeAll(async () => {
  installQueueSender({ send: async () => undefined });
  const clock = testClock(`${TODAY}T01:00:00.000Z`);
  const base = await testDb({ now: clock.now });
  const root = new TenantStore(base, admin('hlj', 'province-admin'));
  for (const [mineId, jurisdiction] of Object.entries(MINES)) {
    await createMine(root, mineInput(mineId, { jurisdiction, statusEffectiveDate: '2020-01-01' }));
    const store = new TenantStore(base, admin(jurisdiction, `admin@${jurisdiction}`));
    await licences.put(store, mineId, 'safety_production', {
      number: `（黑）MK安许证字〔2023〕${mineId}`,
      issuedOn: '2023-07-10',
      expiresOn: addDays(TODAY, 30),
    });
    await licences.put(store, mineId, 'mining', {
      number: `C23000020090111${mineId}`,
      issuedOn: '2019-01-01',
      expiresOn: addDays(TODAY, -3),
    });
  }
  // The same table, with every Query on the due-date index noted.
  db = watchedDb(base, {
    sent: (command) => {
      if (command instanceof QueryCommand && command.input.IndexName === 'GSI2')
        dueReads.push(String(command.input.ExpressionAttributeValues?.[':pk']));
    },
  });
}, 60_000);

afterAll(() => installQueueSender(undefined));

const remindersOf = async (mineId: string) =>
  (await queryAll<NotificationItem>(db, { partition: pk.mine(mineId), beginsWith: sk.notificationPrefix })).filter(
    (n) => n.kind === 'reminder',
  );

describe('the morning scan over two districts', () => {
  it('reads each partition of the index once, the districts and the city and province above them', async () => {
    const result = await runReminderScan(db, TODAY);
    expect(result.due).toBe(4);
    expect([...dueReads].sort()).toEqual(['DUE#hlj', 'DUE#hlj/hegang', `DUE#${DONGSHAN}`, `DUE#${XIANGYANG}`].sort());
  });

  it('reminds each item to its own district', async () => {
    for (const [mineId, jurisdiction] of Object.entries(MINES)) {
      const reminders = await remindersOf(mineId);
      expect(reminders).toHaveLength(2);
      for (const r of reminders) expect(r).toMatchObject({ mineId, jurisdiction });
    }
  });

  it("never holds a district's items in another's reading", async () => {
    const window = { from: addDays(TODAY, -LOOK_BACK_DAYS), to: addDays(TODAY, LOOK_AHEAD_DAYS) };
    const ds = await queryDue(db, { jurisdiction: DONGSHAN, ...window });
    const xy = await queryDue(db, { jurisdiction: XIANGYANG, ...window });
    expect(ds.map((e) => e.mineId)).toEqual(['m-ds', 'm-ds']);
    expect(xy.map((e) => e.mineId)).toEqual(['m-xy', 'm-xy']);
  });

  it('a re-run records nothing new, and reads each partition once again', async () => {
    dueReads.length = 0;
    const again = await runReminderScan(db, TODAY);
    expect(again.created).toBe(0);
    expect(dueReads).toHaveLength(4);
    expect(new Set(dueReads).size).toBe(4);
  });
});

describe("a bureau's deadlines (GET /v1/deadlines)", () => {
  /** The requests of one listing, as waits: requests sent while others are in flight join their wait. */
  async function listing(jurisdiction: string) {
    let inFlight = 0;
    const waves: string[][] = [];
    const watching = watchedDb(db, {
      sent: (command) => {
        if (inFlight === 0) waves.push([]);
        const { RequestItems, ExpressionAttributeValues } = command.input;
        waves.at(-1)!.push(RequestItems ? 'mines' : String(ExpressionAttributeValues?.[':pk']));
        inFlight++;
      },
      settled: () => void inFlight--,
    });
    const store = new TenantStore(watching, admin(jurisdiction, `admin@${jurisdiction}`));
    const { items } = await listDeadlines(store, { from: addDays(TODAY, -10), to: addDays(TODAY, 40) });
    return { items, waves: waves.map((w) => w.sort()) };
  }

  it("a district's: its own partition read alongside the list under it, then its mines' names", async () => {
    const { items, waves } = await listing(DONGSHAN);
    expect(items.map((i) => [i.mineId, i.jurisdiction])).toEqual([
      ['m-ds', DONGSHAN],
      ['m-ds', DONGSHAN],
    ]);
    expect(items.every((i) => i.mineName)).toBe(true);
    expect(waves).toEqual([[`DUE#${DONGSHAN}`, 'JURISDICTIONS'].sort(), ['mines']]);
  });

  it("a city's: its own partition alongside the list, then its districts' side by side", async () => {
    const { items, waves } = await listing('hlj/hegang');
    expect(new Set(items.map((i) => i.jurisdiction))).toEqual(new Set([DONGSHAN, XIANGYANG]));
    expect(waves).toEqual([
      ['DUE#hlj/hegang', 'JURISDICTIONS'].sort(),
      [`DUE#${DONGSHAN}`, `DUE#${XIANGYANG}`],
      ['mines'],
    ]);
  });
});
