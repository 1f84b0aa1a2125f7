import { NotFoundError } from '../errors.ts';
import { gsi1, pk, sk, stripKeys } from '../store/keys.ts';
import type { Page, PageRequest } from '../store/pagination.ts';
import { getItem, queryPage } from '../store/query.ts';
import type { TenantStore } from '../store/tenant-store.ts';
import { BLACKLIST_STATUS_LABELS, type BlacklistEntry, type BlacklistStatus } from './entry.ts';

/** The bureau's view of blacklist entries in its jurisdiction. */
export const entryView = (e: BlacklistEntry) => ({ ...e, statusLabel: BLACKLIST_STATUS_LABELS[e.status] });

export async function listEntries(store: TenantStore, query: PageRequest & { status?: BlacklistStatus | undefined; subjectType?: string | undefined; jurisdiction?: string | undefined }) {
  const under = store.listUnder(query.jurisdiction);
  if (under === null) return { items: [], nextCursor: null } as Page<ReturnType<typeof entryView>>;
  const page = await queryPage<Record<string, unknown>>(
    store.db,
    {
      index: 'GSI1',
      partition: gsi1.blacklistOfProvince(under),
      beginsWith: gsi1.jurisdictionPrefix(under),
      ...(query.status || query.subjectType
        ? {
            filter: {
              expression: [query.status ? '#status = :status' : '', query.subjectType ? '#st = :st' : ''].filter(Boolean).join(' AND '),
              names: { ...(query.status ? { '#status': 'status' } : {}), ...(query.subjectType ? { '#st': 'subjectType' } : {}) },
              values: { ...(query.status ? { ':status': query.status } : {}), ...(query.subjectType ? { ':st': query.subjectType } : {}) },
            },
          }
        : {}),
    },
    query,
  );
  return { items: page.items.map((i) => entryView(stripKeys(i) as unknown as BlacklistEntry)), nextCursor: page.nextCursor };
}

/** One entry by id; outside the caller's jurisdiction it does not exist. */
export async function getEntry(store: TenantStore, entryId: string) {
  const notFound = new NotFoundError(`名单记录 ${entryId} 不存在`);
  const pointer = await getItem<{ subjectPk: string; jurisdiction: string }>(store.db, { PK: pk.blacklistId(entryId), SK: sk.blacklistPointer });
  if (!pointer || store.listUnder(pointer.jurisdiction) !== pointer.jurisdiction) throw notFound;
  const entry = await getItem<Record<string, unknown>>(store.db, { PK: pointer.subjectPk, SK: sk.blacklistEntry(entryId) });
  if (!entry) throw notFound;
  return entryView(stripKeys(entry) as unknown as BlacklistEntry);
}
