import { gsi1, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { queryPage } from '#lib/store/query.ts';
import { recordFilter } from '#lib/store/record-filter.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { type BlacklistEntry, type BlacklistStatus, entryView, type SubjectType } from './entry.ts';

/** The bureau's list of blacklist entries in its jurisdiction, filtered by status, subject type or mine. */
export async function listEntries(
  store: TenantStore,
  query: PageRequest & {
    status?: BlacklistStatus | undefined;
    subjectType?: SubjectType | undefined;
    jurisdiction?: string | undefined;
    mineId?: string | undefined;
  },
) {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null };
  const filter = recordFilter({ status: query.status, subjectType: query.subjectType, mineId: query.mineId });
  const page = await queryPage<Record<string, unknown>>(
    store.shared,
    {
      index: 'GSI1',
      partition: gsi1.blacklistOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(filter ? { filter } : {}),
    },
    query,
  );
  return {
    items: page.items.map((i) => entryView(stripKeys(i) as unknown as BlacklistEntry)),
    nextCursor: page.nextCursor,
  };
}
