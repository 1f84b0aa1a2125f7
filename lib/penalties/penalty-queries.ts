import type { Db } from '#lib/store/db.ts';
import { pk, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { type QuerySpec, queryAll, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { PenaltyItem } from './penalty-item.ts';
import { penaltyGsi1, penaltySk } from './penalty-keys.ts';
import { type PenaltyView, penaltyView } from './penalty-read.ts';
import { daysOverdue, isOverdueOn } from './penalty-rules.ts';
import type { PenaltyFilters } from './schemas.ts';

/**
 * Reading penalties: a mine's, the caller's by filter, the newest for the mine's file, those unexecuted as of a day.
 * Writing them (create, the actions) is in penalties.ts.
 */

/** The filter expression of a list: status (overdue is computed from the due date), kind, major. */
function filterOf(
  query: Omit<PenaltyFilters, 'cursor' | 'limit' | 'mineId'>,
  today: string,
): Pick<QuerySpec, 'filter'> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (query.status) {
    names['#status'] = 'status';
    if (query.status === 'overdue' || query.status === 'effective') {
      names['#due'] = 'executionDue';
      Object.assign(values, { ':status': 'effective', ':today': today });
      conditions.push(`#status = :status AND #due ${query.status === 'overdue' ? '<' : '>='} :today`);
    } else {
      values[':status'] = query.status;
      conditions.push('#status = :status');
    }
  }
  if (query.kind) {
    names['#kind'] = 'kind';
    values[':kind'] = query.kind;
    conditions.push('#kind = :kind');
  }
  if (query.major) {
    names['#major'] = 'major';
    values[':major'] = query.major === 'true';
    conditions.push('#major = :major');
  }
  return conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {};
}

/** One mine's penalties, newest first. */
export async function listMinePenalties(
  store: TenantStore,
  mineId: string,
  query: PageRequest & Omit<PenaltyFilters, 'mineId'>,
) {
  const { db } = await store.mine(mineId);
  const now = store.now();
  const page = await queryPage<PenaltyItem>(
    db,
    {
      partition: pk.mine(mineId),
      beginsWith: penaltySk.penaltyPrefix,
      newestFirst: true,
      ...filterOf(query, todayInShanghai(now)),
    },
    query,
  );
  return { items: page.items.map((p) => penaltyView(stripKeys(p) as PenaltyItem, now)), nextCursor: page.nextCursor };
}

/** The caller's penalties: a mine user's own mine's, else the bureau's jurisdiction's (GSI1 by path prefix) or one mine's. */
export async function listPenalties(store: TenantStore, query: PenaltyFilters) {
  const own = store.principal.kind === 'mine' ? store.principal.mineId : query.mineId;
  if (own) return listMinePenalties(store, own, query);
  const scope = store.bureauScope();
  const now = store.now();
  const page = await queryPage<PenaltyItem>(
    store.shared,
    {
      index: 'GSI1',
      partition: penaltyGsi1.penaltiesOfProvince(scope),
      beginsWith: `${scope}/`,
      newestFirst: true,
      ...filterOf(query, todayInShanghai(now)),
    },
    query,
  );
  return { items: page.items.map((p) => penaltyView(stripKeys(p) as PenaltyItem, now)), nextCursor: page.nextCursor };
}

/**
 * A mine's latest penalties, newest first, for the mine's record page (GET /v1/mines/{id}/record). The caller has
 * checked the mine is in scope.
 */
export async function recentPenalties(db: Db, mineId: string, limit = 10): Promise<PenaltyView[]> {
  const page = await queryPage<PenaltyItem>(
    db,
    { partition: pk.mine(mineId), beginsWith: penaltySk.penaltyPrefix, newestFirst: true },
    { limit },
  );
  const now = db.now();
  return page.items.map((p) => penaltyView(stripKeys(p) as PenaltyItem, now));
}

export interface UnexecutedPenalty {
  readonly penaltyId: string;
  readonly kind: PenaltyItem['kind'];
  readonly major: boolean;
  readonly decisionNo?: string;
  readonly effectiveOn: string;
  readonly executionDue: string;
  /** Due before `asOf` and still not executed then: what the credit model deducts for. */
  readonly overdue: boolean;
  readonly daysOverdue: number;
}

/**
 * The penalties of a mine that were in force and not executed as of a day (one executed later counts as not
 * executed on the days before), each saying whether it was overdue then. For the credit model, which deducts for
 * a penalty not executed on time and recomputes any past day the same way.
 */
export async function unexecutedPenaltiesOf(db: Db, mineId: string, asOf: string): Promise<UnexecutedPenalty[]> {
  const items = await queryAll<PenaltyItem>(db, { partition: pk.mine(mineId), beginsWith: penaltySk.penaltyPrefix });
  return items
    .filter(
      (p) =>
        (p.status === 'effective' || p.status === 'executed') &&
        p.effectiveOn &&
        p.effectiveOn <= asOf &&
        !(p.executedOn && p.executedOn <= asOf),
    )
    .map((p) => ({
      penaltyId: p.penaltyId,
      kind: p.kind,
      major: p.major,
      ...(p.decisionNo ? { decisionNo: p.decisionNo } : {}),
      effectiveOn: p.effectiveOn!,
      executionDue: p.executionDue!,
      overdue: isOverdueOn(p, asOf),
      daysOverdue: isOverdueOn(p, asOf) ? daysOverdue(p, asOf) : 0,
    }));
}
