import { jurisdictionCovers } from '#lib/auth/principal.ts';
import type { Db } from './db.ts';
import { migrateLegacyDueIndex } from './due-index-migration.ts';
import { gsi2, pk } from './keys.ts';
import { queryAll } from './query.ts';

/**
 * The one way to read the due-date index (GSI2): a jurisdiction's deadlines over a range of days is one Query on its
 * partition (`GSI2PK = DUE#<path>`, `GSI2SK BETWEEN <from># AND <to>#~`), page by page, in date order. Items are
 * filed under the path of their mine's jurisdiction, or of the jurisdiction they belong to (a tip-off, a calendar
 * entry, a month of the enforcement plan), so a district's reading never holds another's items; a city or a
 * province reads each path under it (dueIndexPaths).
 */
export interface DueEntry<T = Record<string, unknown>> {
  /** The due date (YYYY-MM-DD). */
  readonly date: string;
  /** The kind the entry names (`HAZARD`, `LICENCE`, …). */
  readonly kind: string;
  /** The mine, undefined for an item of no mine. */
  readonly mineId: string | undefined;
  /** The rest of the sort key: the record's id (it may itself hold `#`). */
  readonly ref: string;
  /** The stored item. */
  readonly item: T & { readonly GSI2SK: string };
}

export interface DueQuery {
  /** The jurisdiction path whose partition is read (exactly that path, not the paths below it). */
  readonly jurisdiction: string;
  /** First and last day, both included. */
  readonly from: string;
  readonly to: string;
  /** Only entries of this kind (exact, so `INSPECTION` is not `INSPECTIONDUE`). The date leads the sort key, so the
   *  kind is kept after the read: a job reading one kind reads the range once and drops the rest. */
  readonly kind?: string;
  /** Only these attributes of each item (its sort key always): what a reader words its items from. */
  readonly attributes?: readonly string[];
}

/** The parts of a due-date sort key: `<date>#<kind>#<mineId>#<ref>`. */
export function parseDueSk(sortKey: string): Omit<DueEntry, 'item'> {
  const [date = '', kind = '', mine = '', ...ref] = sortKey.split('#');
  return { date, kind, mineId: mine && mine !== '-' ? mine : undefined, ref: ref.join('#') };
}

export async function queryDue<T = Record<string, unknown>>(db: Db, q: DueQuery): Promise<DueEntry<T>[]> {
  if (q.from > q.to) return [];
  const items = await queryAll<T & { GSI2SK: string }>(db, {
    index: 'GSI2',
    partition: gsi2.due(q.jurisdiction),
    between: [gsi2.dueFrom(q.from), gsi2.dueTo(q.to)],
    ...(q.attributes ? { attributes: ['GSI2SK', ...q.attributes] } : {}),
  });
  const entries = items.map((item) => ({ ...parseDueSk(item.GSI2SK), item }));
  return q.kind ? entries.filter((e) => e.kind === q.kind) : entries;
}

/** The path and every ancestor of it, nearest last: `hlj/hegang/dongshan` → `hlj`, `hlj/hegang`, `hlj/hegang/dongshan`. */
const withAncestors = (path: string): string[] => path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));

/**
 * Every partition of the due-date index a job reads to see all of it (optionally only those under a scope): the
 * jurisdictions with mines (PK = JURISDICTIONS) and the cities and provinces above them, where the items of a
 * jurisdiction (its calendar, its tip-offs, its enforcement plan) are filed. One Query, no Scan; under a scope, only
 * that scope's range of the list.
 */
export async function dueIndexPaths(db: Db, scope?: string): Promise<string[]> {
  // The jobs read the whole index (no scope): a table from before the index was keyed by path is moved over first.
  if (!scope) await migrateLegacyDueIndex(db, db.now().toISOString().slice(0, 10));
  // A bureau's scope reads only the paths under it (the sort key is the path), not the whole country's list.
  const listed = await queryAll<{ path: string }>(db, {
    partition: pk.jurisdictions,
    ...(scope ? { beginsWith: scope } : {}),
  });
  const paths = new Set(listed.flatMap((j) => withAncestors(j.path)));
  return [...paths].filter((p) => !scope || jurisdictionCovers(scope, p)).sort();
}
