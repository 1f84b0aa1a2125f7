import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { type QuerySpec, queryAll, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { caseView } from './case-actions.ts';
import type { CaseItem } from './case-item.ts';
import { type CaseStatus, PENDING_STATUSES } from './vocabulary.ts';

/** A case still open or under investigation: the filter the overdue list and the mine's file share. */
const PENDING = {
  expression: `#status IN (${PENDING_STATUSES.map((_, i) => `:pending${i}`).join(', ')})`,
  names: { '#status': 'status' },
  values: Object.fromEntries(PENDING_STATUSES.map((status, i) => [`:pending${i}`, status])),
};

/** Lists cases: one mine's (its partition) or the caller's jurisdiction's (GSI1 by path prefix), filtered. */
export async function listCases(
  store: TenantStore,
  query: PageRequest & {
    status?: CaseStatus | undefined;
    mineId?: string | undefined;
    overdue?: 'true' | 'false' | undefined;
  },
) {
  const now = store.now();
  const today = todayInShanghai(now);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (query.status) {
    names['#status'] = 'status';
    values[':status'] = query.status;
    conditions.push('#status = :status');
  }
  if (query.overdue === 'true') {
    Object.assign(names, PENDING.names, { '#deadline': 'deadline' });
    Object.assign(values, PENDING.values, { ':today': today });
    conditions.push(`${PENDING.expression} AND #deadline < :today`);
  }
  const filter = conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {};
  const own = store.principal.kind === 'mine' ? store.principal.mineId : query.mineId;
  let page: Page<CaseItem>;
  if (own) {
    const { db } = await store.mine(own);
    page = await mineCasesPage(db, own, query, filter);
  } else {
    const scope = store.bureauScope();
    page = await queryPage<CaseItem>(
      store.shared,
      { index: 'GSI1', partition: gsi1.casesOfProvince(scope), beginsWith: `${scope}/`, ...filter },
      query,
    );
  }
  return { items: page.items.map((c) => caseView(stripKeys(c) as CaseItem, now)), nextCursor: page.nextCursor };
}

/** A page of one mine's cases, newest first, from its partition (the caller has already checked its scope). */
const mineCasesPage = (db: Db, mineId: string, page: PageRequest, filter: Partial<Pick<QuerySpec, 'filter'>> = {}) =>
  queryPage<CaseItem>(
    db,
    { partition: pk.mine(mineId), beginsWith: sk.casePrefix, newestFirst: true, ...filter },
    page,
  );

/**
 * Every case of a mine still open or under investigation, newest first, as the case list shows them, for a read
 * model that has already loaded the mine through the caller's scope (the mine's file): however many newer cases were
 * closed since, an old open one is listed. Its cases are read with the closed ones filtered out (a mine's cases are
 * few: one per act the review or a tip-off brought).
 */
export async function pendingCasesOf(db: Db, mineId: string, now: Date = db.now()) {
  const items = await queryAll<CaseItem>(db, {
    partition: pk.mine(mineId),
    beginsWith: sk.casePrefix,
    newestFirst: true,
    filter: PENDING,
  });
  return items.map((c) => caseView(stripKeys(c) as CaseItem, now));
}
