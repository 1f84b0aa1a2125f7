import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { type QuerySpec, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { caseView } from './case-actions.ts';
import type { CaseItem } from './case-item.ts';
import type { CaseStatus } from './vocabulary.ts';

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
    names['#status'] = 'status';
    names['#deadline'] = 'deadline';
    Object.assign(values, { ':open': 'open', ':inv': 'investigating', ':today': today });
    conditions.push('(#status = :open OR #status = :inv) AND #deadline < :today');
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
 * A mine's latest cases as the case list shows them, for a read model that has already loaded the mine through the
 * caller's scope (the mine's file): no second read of its profile.
 */
export async function recentCasesOf(db: Db, mineId: string, limit: number, now: Date = db.now()) {
  const page = await mineCasesPage(db, mineId, { limit });
  return page.items.map((c) => caseView(stripKeys(c) as CaseItem, now));
}
