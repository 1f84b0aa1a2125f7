import type { Principal } from '#lib/auth/principal.ts';
import { NotFoundError, ValidationError } from '#lib/errors.ts';
import { batchGet, keyId } from '#lib/store/batch.ts';
import { updateItem } from '#lib/store/item.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { inboxKey } from './dispatch.ts';

/**
 * The in-app inbox (`GET /v1/me/notifications`): what was sent to the caller, to the caller's mine (a mine user)
 * or to the leaders of the caller's jurisdiction (a bureau admin), newest first. Read marks are per person, on the
 * item (a mine's inbox is shared by its users). Items expire after 180 days, which bounds each inbox.
 */
export const inboxesOf = (p: Principal): string[] => [
  `user#${p.sub}`,
  ...(p.kind === 'mine' ? [`mine#${p.mineId}`] : []),
  ...(p.kind === 'bureau' && p.role === 'bureau_admin' ? [`leaders#${p.jurisdiction}`] : []),
];

interface InboxItem {
  readonly notificationId: string;
  readonly kind: string;
  readonly severity: string;
  readonly title: string;
  readonly body: string;
  readonly ref: { entityType: string; entityId: string };
  readonly mineId?: string;
  readonly createdAt: string;
  readonly readBy?: Set<string>;
}

const view = (item: InboxItem & { PK: string }, sub: string) => {
  const {
    readBy,
    expiresAt: _ttl,
    ...rest
  } = stripKeys(item as unknown as Record<string, unknown>) as unknown as InboxItem & { expiresAt?: number };
  return { ...rest, inbox: item.PK.replace(/^INBOX#/, ''), read: readBy?.has(sub) ?? false };
};

/** What the list is ordered, counted and paged by: every item of the caller's inboxes is read for these alone. */
interface InboxHead {
  readonly PK: string;
  readonly SK: string;
  readonly notificationId: string;
  readonly createdAt: string;
  readonly readBy?: Set<string>;
}
const HEAD: readonly (keyof InboxHead)[] = ['PK', 'SK', 'notificationId', 'createdAt', 'readBy'];

/**
 * The caller's notifications, newest first, with the count of unread ones (the menu's badge asks on every page with
 * `limit=0`: the count alone). An inbox holds up to 180 days of items; they are read for their order and read marks
 * only, and the page's items whole by key, so a long inbox does not carry every title and body to show one.
 */
export async function myNotifications(
  store: TenantStore,
  query: { unread?: 'true' | 'false' | undefined; limit?: number | undefined; cursor?: string | undefined },
) {
  const p = store.principal;
  const listed = new Set<string>();
  const heads = (
    await Promise.all(
      inboxesOf(p).map((inbox) => queryAll<InboxHead>(store.shared, { partition: `INBOX#${inbox}`, attributes: HEAD })),
    )
  )
    .flat()
    .map((h) => ({ ...h, read: h.readBy?.has(p.sub) ?? false }))
    // Sent to the caller twice (in person and as a leader): listed once, from the first inbox (the one read marks go to).
    .filter((h) => {
      if (listed.has(h.notificationId)) return false;
      listed.add(h.notificationId);
      return true;
    })
    .filter((h) => query.unread !== 'true' || !h.read)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.notificationId.localeCompare(b.notificationId));
  const offset =
    query.cursor === undefined ? 0 : Number.parseInt(Buffer.from(query.cursor, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(offset) || offset < 0)
    throw new ValidationError('cursor 无效', [{ field: 'query.cursor', message: 'not a cursor of this list' }]);
  const limit = query.limit ?? 50;
  const page = heads.slice(offset, offset + limit);
  const whole = new Map(
    (
      await batchGet<InboxItem & { PK: string; SK: string }>(
        store.shared,
        page.map(({ PK, SK }) => ({ PK, SK })),
      )
    ).map((i) => [keyId(i), i] as const),
  );
  // An item that expired between the two reads is left out of the page.
  const items = page.flatMap((h) => {
    const item = whole.get(keyId(h));
    return item ? [view(item, p.sub)] : [];
  });
  // A page of none (the menu's badge, limit 0) is the count alone: nothing read whole, no next page.
  const next =
    limit > 0 && offset + limit < heads.length
      ? Buffer.from(String(offset + limit), 'utf8').toString('base64url')
      : null;
  return { items, unread: heads.filter((h) => !h.read).length, nextCursor: next };
}

export async function markRead(store: TenantStore, notificationId: string) {
  const p = store.principal;
  for (const inbox of inboxesOf(p)) {
    const key = inboxKey(inbox, notificationId);
    if (!(await getItem(store.shared, key))) continue;
    await updateItem(store.shared, key, 'ADD readBy :me', {
      condition: 'attribute_exists(PK)',
      values: { ':me': new Set([p.sub]) },
    });
    return view((await getItem<InboxItem & { PK: string }>(store.shared, key))!, p.sub);
  }
  throw new NotFoundError(`通知 ${notificationId} 不存在`);
}
