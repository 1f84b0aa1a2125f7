import { type DomainError, NotFoundError } from '#lib/errors.ts';
import type { Db } from './db.ts';
import { creditIndex, pk, stripKeys } from './keys.ts';
import type { Page, PageRequest } from './pagination.ts';
import { getItem, queryAll, queryPage } from './query.ts';
import { recordFilter } from './record-filter.ts';
import type { MineScope, TenantStore } from './tenant-store.ts';
import { deleteVersioned, put, putNew, putVersioned, type Write } from './transact.ts';

/**
 * The layout the enforcement records share (violations 违法违规行为, inspections 执法检查, accidents 事故, interviews
 * 约谈): a record
 * dated by a business day, kept under its mine, listed by the jurisdiction and found by its id alone.
 *
 * | access pattern                                  | table / index | key condition                                               |
 * |-------------------------------------------------|---------------|-------------------------------------------------------------|
 * | records of a mine, newest first / over dates     | table         | PK = MINE#<id>, SK BETWEEN <P>#<from> AND <P>#<to>#~         |
 * | records of a jurisdiction (prefix, any depth)    | GSI1          | GSI1PK = <P>S#<province>, begins_with(GSI1SK, <path>/)       |
 * | a record by id (from /v1/<records>/{id})         | table         | PK = <P>ID#<id>, SK = <P> (pointer: mine and sort key)       |
 *
 * `<P>` is VIOLATION, INSPECTION, ACCIDENT or INTERVIEW (the kinds below). The date leads the sort key so a mine's records over a window (the
 * credit model's 12 months, the blacklist's "two 较大 accidents in 12 months") are one key-range query. A record whose
 * date is corrected moves to its new key in the same transaction as the pointer and the audit event.
 */
export interface DatedKind {
  /** Stored `entity` and audit entity type: `violation`, `inspection`, `accident`. */
  readonly entity: string;
  /** Sort-key prefix and pointer sort key: `VIOLATION`, `INSPECTION`, `ACCIDENT`. */
  readonly prefix: string;
  /** The record's id attribute: `violationId`, … */
  readonly idField: string;
  /** In messages: 违法违规记录, 执法检查, 事故. */
  readonly label: string;
  /** Records of this kind can move the mine's safety credit: they carry the credit index (GSI3), by their date. */
  readonly creditIndexed?: boolean;
}

/** The dated kinds the table holds: violations and accidents move a mine's credit, interviews may (a policy line), inspections do not. */
export const VIOLATION_KIND: DatedKind = {
  entity: 'violation',
  prefix: 'VIOLATION',
  idField: 'violationId',
  label: '违法违规记录',
  creditIndexed: true,
};
export const ACCIDENT_KIND: DatedKind = {
  entity: 'accident',
  prefix: 'ACCIDENT',
  idField: 'accidentId',
  label: '事故',
  creditIndexed: true,
};
export const INSPECTION_KIND: DatedKind = {
  entity: 'inspection',
  prefix: 'INSPECTION',
  idField: 'inspectionId',
  label: '执法检查',
};
/**
 * 约谈: a record of its own, not a penalty. It is on the credit index so the credit policy's `interviewPoints` line
 * can count it; by default that line is 0 and an interview moves nothing.
 */
export const INTERVIEW_KIND: DatedKind = {
  entity: 'interview',
  prefix: 'INTERVIEW',
  idField: 'interviewId',
  label: '约谈记录',
  creditIndexed: true,
};

export interface DatedRecord {
  readonly mineId: string;
  readonly jurisdiction: string;
  /** The business date the record is filed under. */
  readonly date: string;
  readonly version: number;
}

export interface Pointer {
  readonly mineId: string;
  readonly jurisdiction: string;
  /** The record's sort key under its mine (it carries the date, so it moves with a corrected date). */
  readonly itemSk: string;
}

/** Key builders of a kind; lib/store/keys.ts lists the same shapes in its access-pattern table. */
export const datedKeys = (kind: DatedKind) => ({
  item: (mineId: string, date: string, id: string) => ({ PK: pk.mine(mineId), SK: `${kind.prefix}#${date}#${id}` }),
  /** Sort-key bounds of a mine's records from `from` to `to`, both inclusive, either open. */
  range: (from?: string, to?: string): readonly [string, string] => [
    `${kind.prefix}#${from ?? ''}`,
    to ? `${kind.prefix}#${to}#~` : `${kind.prefix}#~`,
  ],
  provincePartition: (jurisdiction: string) => `${kind.prefix}S#${jurisdiction.split('/')[0]}`,
  index: (jurisdiction: string, date: string, id: string) => ({
    GSI1PK: `${kind.prefix}S#${jurisdiction.split('/')[0]}`,
    GSI1SK: `${jurisdiction}/#${date}#${id}`,
  }),
  pointer: (id: string) => ({ PK: `${kind.prefix}ID#${id}`, SK: kind.prefix }),
});

const idOf = (kind: DatedKind, record: DatedRecord): string =>
  (record as unknown as Record<string, string>)[kind.idField]!;

/** The full stored item of a record: its keys under the mine, the jurisdiction index, and the record. */
export function datedItem(
  kind: DatedKind,
  record: DatedRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const keys = datedKeys(kind);
  const id = idOf(kind, record);
  const credit = kind.creditIndexed ? creditIndex(record.mineId, record.date, kind.prefix, id) : {};
  return {
    ...keys.item(record.mineId, record.date, id),
    entity: kind.entity,
    ...keys.index(record.jurisdiction, record.date, id),
    ...credit,
    ...extra,
    ...(record as object),
  };
}

/** The pointer from the id to the record, written (or moved) in the same transaction as the record. */
export function pointerWrite(db: Db, kind: DatedKind, record: DatedRecord): Write {
  const keys = datedKeys(kind);
  const id = idOf(kind, record);
  const pointer: Pointer = {
    mineId: record.mineId,
    jurisdiction: record.jurisdiction,
    itemSk: keys.item(record.mineId, record.date, id).SK,
  };
  return put(db, { ...keys.pointer(id), entity: `${kind.entity}Pointer`, [kind.idField]: id, ...pointer });
}

/** A new record and its pointer; `duplicate` if the id was used. */
export function createWrites(
  db: Db,
  kind: DatedKind,
  record: DatedRecord,
  duplicate: DomainError,
  extra: Record<string, unknown> = {},
): Write[] {
  return [putNew(db, datedItem(kind, record, extra), duplicate), pointerWrite(db, kind, record)];
}

/**
 * Replaces a record if its stored version is still `expectedVersion`: in place when the date is unchanged, else
 * deleted at the old key (same condition) and put at the new one, with the pointer moved along.
 */
export function replaceWrites(
  db: Db,
  kind: DatedKind,
  before: DatedRecord,
  after: DatedRecord,
  expectedVersion: number,
  stale: DomainError,
  extra: Record<string, unknown> = {},
): Write[] {
  const keys = datedKeys(kind);
  const id = idOf(kind, before);
  if (before.date === after.date) return [putVersioned(db, datedItem(kind, after, extra), expectedVersion, stale)];
  return [
    deleteVersioned(db, keys.item(before.mineId, before.date, id), expectedVersion, stale),
    putNew(db, datedItem(kind, after, extra), stale),
    pointerWrite(db, kind, after),
  ];
}

/**
 * Finds a record by id without a tenancy check (callers check the mine): undefined when there is none, or when
 * `ofMine` is given and the record is another mine's (its partition is then not even read).
 */
export async function findDated<T extends DatedRecord>(
  db: Db,
  kind: DatedKind,
  id: string,
  ofMine?: string,
): Promise<T | undefined> {
  const keys = datedKeys(kind);
  // A correction moves the record and its pointer together; a read between the two reads may miss it once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const pointer = await getItem<Pointer>(db, keys.pointer(id));
    if (!pointer || (ofMine !== undefined && pointer.mineId !== ofMine)) return undefined;
    const item = await getItem<T>(db, { PK: pk.mine(pointer.mineId), SK: pointer.itemSk });
    if (item) return stripKeys(item) as T;
  }
  return undefined;
}

/** Finds a record by id if the caller may see its mine; otherwise the same 404 as for an id that does not exist. */
export async function loadDated<T extends DatedRecord>(store: TenantStore, kind: DatedKind, id: string): Promise<T> {
  return (await loadDatedIn<T>(store, kind, id)).record;
}

/** As loadDated, with the scope of the record's mine, for a change written to it. */
export async function loadDatedIn<T extends DatedRecord>(
  store: TenantStore,
  kind: DatedKind,
  id: string,
): Promise<{ record: T; scope: MineScope }> {
  const notFound = new NotFoundError(`${kind.label} ${id} 不存在`);
  const keys = datedKeys(kind);
  // The pointer is shared; the record is read only through its mine's scope, once the caller may see that mine.
  // The mine's profile decides, not the jurisdiction the record was filed under (a mine may have moved since).
  for (let attempt = 0; attempt < 2; attempt++) {
    const pointer = await getItem<Pointer>(store.shared, keys.pointer(id));
    if (!pointer) throw notFound;
    const scope = await store.mine(pointer.mineId).catch(() => {
      throw notFound;
    });
    const item = await getItem<T>(scope.db, { PK: pk.mine(pointer.mineId), SK: pointer.itemSk });
    // Filed under the mine's jurisdiction of today: a change saved after a move lands on the new district's list.
    if (item) return { record: { ...(stripKeys(item) as T), jurisdiction: scope.profile.jurisdiction }, scope };
  }
  throw notFound;
}

export interface DatedListQuery extends PageRequest {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly mineId?: string | undefined;
}

/** One mine's records, newest first, over a date window: a key-range query on the mine's partition. */
export async function mineRecordsPage<T>(
  store: TenantStore,
  kind: DatedKind,
  mineId: string,
  query: DatedListQuery,
  equals: Record<string, string | undefined> = {},
): Promise<Page<T>> {
  const { db } = await store.mine(mineId);
  const filter = recordFilter(equals);
  const page = await queryPage<T>(
    db,
    {
      partition: pk.mine(mineId),
      between: datedKeys(kind).range(query.from, query.to),
      newestFirst: true,
      ...(filter ? { filter } : {}),
    },
    query,
  );
  return { items: page.items.map((i) => stripKeys(i as Record<string, unknown>) as T), nextCursor: page.nextCursor };
}

/**
 * Records across the caller's reach: a mine user gets its own mine's; a bureau its jurisdiction's and everything
 * below it (GSI1 by path prefix), or one mine's when it names one (404 for a mine outside its jurisdiction).
 */
export async function reachableRecordsPage<T>(
  store: TenantStore,
  kind: DatedKind,
  query: DatedListQuery,
  equals: Record<string, string | undefined> = {},
): Promise<Page<T>> {
  const p = store.principal;
  const mineId = query.mineId ?? (p.kind === 'mine' ? p.mineId : undefined);
  if (mineId) return mineRecordsPage<T>(store, kind, mineId, query, equals);
  const scope = store.bureauScope();
  const filter = recordFilter(equals, query);
  const page = await queryPage<T>(
    store.shared,
    {
      index: 'GSI1',
      partition: datedKeys(kind).provincePartition(scope),
      beginsWith: `${scope}/`,
      newestFirst: true,
      ...(filter ? { filter } : {}),
    },
    query,
  );
  return { items: page.items.map((i) => stripKeys(i as Record<string, unknown>) as T), nextCursor: page.nextCursor };
}

/** A mine's latest records by date (for the mine's file page; the caller has checked the mine). */
export async function latestOfMine<T>(db: Db, kind: DatedKind, mineId: string, limit: number): Promise<T[]> {
  const page = await queryPage<T>(
    db,
    { partition: pk.mine(mineId), between: datedKeys(kind).range(), newestFirst: true },
    { limit },
  );
  return page.items.map((i) => stripKeys(i as Record<string, unknown>) as T);
}

/** Every record of a mine dated `from`..`to` (inclusive), oldest first: one key-range query. */
export async function mineRecordsBetween<T>(
  db: Db,
  kind: DatedKind,
  mineId: string,
  from: string,
  to: string,
): Promise<T[]> {
  const items = await queryAll<T>(db, { partition: pk.mine(mineId), between: datedKeys(kind).range(from, to) });
  return items.map((i) => stripKeys(i as Record<string, unknown>) as T);
}
