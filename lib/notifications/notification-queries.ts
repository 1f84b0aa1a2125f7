import { gsi1, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { queryPage } from '#lib/store/query.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import type { NotificationItem, NotificationStatus } from './notification.ts';

/** The bureau's log of notifications in its jurisdiction, newest first (ids are not time-ordered, so by creation time within a page). */
export async function listNotifications(
  store: TenantStore,
  query: PageRequest & {
    status?: NotificationStatus | undefined;
    mineId?: string | undefined;
    jurisdiction?: string | undefined;
  },
): Promise<Page<NotificationItem>> {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  const filter = recordFilter({ status: query.status, mineId: query.mineId });
  const page = await queryPage<Record<string, unknown>>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.notificationsOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(filter ? { filter } : {}),
    },
    query,
  );
  const items = page.items.map((i) => stripKeys(i) as unknown as NotificationItem);
  return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), nextCursor: page.nextCursor };
}
