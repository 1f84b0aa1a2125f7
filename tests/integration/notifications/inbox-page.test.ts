// A long inbox on DynamoDB Local: the list is ordered, counted and paged from each item's id, time and read marks,
// and only the page's items are read whole, so a page of one does not carry half a year of texts, and the menu's
// badge (limit 0, the count alone) carries none.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { inboxKey } from '#lib/notifications/dispatch.ts';
import { markRead, myNotifications } from '#lib/notifications/inbox.ts';
import { batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { DS } from '../../support/district-db.ts';
import { admin } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const LEADER: Principal = admin(DS, 'leader-1');
const COUNT = 30;
let db: Db;

const inboxItem = (to: string, i: number) => ({
  ...inboxKey(to, `n-${String(i).padStart(3, '0')}`),
  entity: 'inbox',
  notificationId: `n-${String(i).padStart(3, '0')}`,
  kind: 'reminder',
  severity: 'info',
  title: `隐患整改期限提醒 ${i}`,
  body: '测试煤矿的隐患整改期限将至，请督促落实。'.repeat(10),
  ref: { entityType: 'hazard', entityId: `h-${i}` },
  createdAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00.000Z`,
});

/** The store of a caller whose DynamoDB answers are watched: requests, and how many items came back with a body. */
function watched(principal: Principal) {
  const seen = { withBody: 0, items: 0, requests: [] as string[] };
  const watching = watchedDb(db, {
    sent: (command) => void seen.requests.push(command.constructor.name),
    answered: (_, out) => {
      for (const item of [...(out.Items ?? []), ...Object.values(out.Responses ?? {}).flat()] as object[]) {
        seen.items++;
        if ('body' in item) seen.withBody++;
      }
    },
  });
  return { store: new TenantStore(watching, principal), seen };
}

beforeAll(async () => {
  db = await testDb();
  // Sent in person and to the jurisdiction's leaders: n-000 … n-029 in the leaders' inbox, n-000 … n-004 also in
  // the leader's own.
  await batchPut(db, [
    ...Array.from({ length: COUNT }, (_, i) => inboxItem(`leaders#${DS}`, i)),
    ...Array.from({ length: 5 }, (_, i) => inboxItem(`user#${LEADER.sub}`, i)),
  ]);
});

describe('a long inbox', () => {
  it('the badge: the unread count of all and no item, read from the inboxes alone (limit 0)', async () => {
    const { store, seen } = watched(LEADER);
    const badge = await myNotifications(store, { unread: 'true', limit: 0 });
    expect(badge).toEqual({ items: [], unread: COUNT, nextCursor: null });
    expect(seen.withBody).toBe(0);
    expect(seen.requests).toEqual(['QueryCommand', 'QueryCommand']);
  });

  it('a page of one: the unread count of all, one item read whole', async () => {
    const { store, seen } = watched(LEADER);
    const first = await myNotifications(store, { unread: 'true', limit: 1 });
    expect(first.unread).toBe(COUNT);
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ title: expect.stringContaining('隐患整改期限提醒'), read: false });
    expect(first.items[0]!.body).toContain('请督促落实');
    expect(first.items[0]).not.toHaveProperty('PK');
    expect(first.items[0]).not.toHaveProperty('readBy');
    expect(seen.withBody).toBe(1);
    expect(seen.items).toBe(COUNT + 5 + 1);
  });

  it('pages cover every notification once, newest first, each from the first inbox it is in', async () => {
    const listed: { notificationId: string; createdAt: string; inbox: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await myNotifications(new TenantStore(db, LEADER), { limit: 7, ...(cursor ? { cursor } : {}) });
      listed.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toHaveLength(COUNT);
    expect(new Set(listed.map((n) => n.notificationId)).size).toBe(COUNT);
    const times = listed.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(
      listed
        .filter((n) => n.inbox === `user#${LEADER.sub}`)
        .map((n) => n.notificationId)
        .sort(),
    ).toEqual(['n-000', 'n-001', 'n-002', 'n-003', 'n-004']);
  });

  it('a read mark counts at once: the unread count drops and the unread list skips it', async () => {
    const newest = (await myNotifications(new TenantStore(db, LEADER), { limit: 1 })).items[0]!;
    await markRead(new TenantStore(db, LEADER), newest.notificationId);
    const after = await myNotifications(new TenantStore(db, LEADER), { unread: 'true', limit: 1 });
    expect(after.unread).toBe(COUNT - 1);
    expect(after.items[0]!.notificationId).not.toBe(newest.notificationId);
    const all = await myNotifications(new TenantStore(db, LEADER), { limit: 1 });
    expect(all.items[0]).toMatchObject({ notificationId: newest.notificationId, read: true });
  });
});
