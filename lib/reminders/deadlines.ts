import { ValidationError } from '#lib/errors.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { datedKindOf } from './dated-kinds.ts';

/** The longest range one request reads: a year and a day. */
export const MAX_DEADLINE_DAYS = 366;

export interface Deadline {
  readonly date: string;
  /** The index kind (`HAZARD`, `LICENCE`, …). */
  readonly kind: string;
  readonly jurisdiction: string;
  readonly mineId?: string;
  /** The record's id (a licence's type, a hazard's id, …). */
  readonly ref: string;
}

/**
 * The caller's deadlines over [from, to] (GET /v1/deadlines): what the morning scan reminds of, read from the
 * due-date index with one Query per jurisdiction of the caller's scope (a district: its own partition; a city: its
 * own and each district's under it), through the caller's store, so no partition outside its jurisdiction is read.
 * Only the kinds people are reminded of, and only their keys (never a held SMS's number or text).
 */
export async function listDeadlines(store: TenantStore, query: { from: string; to: string }) {
  const scope = store.bureauScope();
  if (query.to < query.from)
    throw new ValidationError('结束日期不能早于开始日期', [{ field: 'query.to', message: 'must not be before from' }]);
  if (query.to > addDays(query.from, MAX_DEADLINE_DAYS - 1))
    throw new ValidationError(`一次最多查询 ${MAX_DEADLINE_DAYS} 天`, [
      { field: 'query.to', message: `at most ${MAX_DEADLINE_DAYS} days after from` },
    ]);
  const db = store.shared;
  const paths = new Set([scope, ...(await dueIndexPaths(db, scope))]);
  const items: Deadline[] = [];
  for (const jurisdiction of [...paths].sort()) {
    for (const e of await queryDue(db, { jurisdiction, from: query.from, to: query.to })) {
      const kind = datedKindOf(e.kind);
      if (!kind || 'notReminded' in kind) continue;
      items.push({ date: e.date, kind: e.kind, jurisdiction, ...(e.mineId ? { mineId: e.mineId } : {}), ref: e.ref });
    }
  }
  items.sort((a, b) => a.date.localeCompare(b.date) || a.jurisdiction.localeCompare(b.jurisdiction));
  return { items };
}
