import type * as z from 'zod/mini';
import { ConflictError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { namePersons, type PersonFileRef, personFileWrites } from '#lib/registry/responsible-persons.ts';
import { actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import {
  ACCIDENT_KIND,
  createWrites,
  type DatedListQuery,
  latestOfMine,
  loadDated,
  loadDatedIn,
  mineRecordsBetween,
  mineRecordsPage,
  reachableRecordsPage,
  replaceWrites,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { type PastDate, refuseFutureDates } from '#lib/validators/past-dates.ts';
import { ACCIDENT_LEVEL_LABELS, type AccidentLevel, type AccidentRecord, levelProblem } from './accident-item.ts';
import type { correctAccidentBody, recordAccidentBody } from './schemas.ts';

/** Recording, listing and correcting accidents; each change audited in its own transaction, never deleted. */
export const accidentView = (a: AccidentRecord) => ({
  ...a,
  levelLabel: ACCIDENT_LEVEL_LABELS[a.level],
  responsiblePersons: a.responsiblePersons ?? [],
});

const fileRef = (a: AccidentRecord): PersonFileRef => ({
  kind: 'accident',
  recordId: a.accidentId,
  mineId: a.mineId,
  mineName: a.mineName ?? a.mineId,
  date: a.date,
  title: `${ACCIDENT_LEVEL_LABELS[a.level]}事故`,
});

/** The day an accident happened: not after today. */
const occurredOn = (date: string | undefined): PastDate => ({ field: 'body.date', label: '事故发生日期', date });

const stale = (id: string, version?: number) =>
  new ConflictError(
    `事故 ${id} 已被他人更正，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `current version is ${version}` }],
  );

export async function recordAccident(store: TenantStore, mineId: string, body: z.infer<typeof recordAccidentBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  refuseFutureDates(db.now(), occurredOn(body.date));
  const { responsiblePersons: personIds, ...fields } = body;
  const named = await namePersons(db, mineId, personIds, 'body.responsiblePersons');
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const accidentId = db.newId('acc');
  const record: AccidentRecord = {
    accidentId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    ...fields,
    ...(named.length > 0 ? { responsiblePersons: named } : {}),
    recordedBy: actor,
    recordedAt: at,
    version: 1,
    updatedAt: at,
  };
  await transact(db, [
    ...createWrites(db, ACCIDENT_KIND, record, new ConflictError(`事故 ${accidentId} 已存在`)),
    ...personFileWrites(db, fileRef(record), [], named),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'accident.recorded',
        entityType: 'accident',
        entityId: accidentId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return accidentView(record);
}

export const getAccident = async (store: TenantStore, accidentId: string) =>
  accidentView(await loadDated<AccidentRecord>(store, ACCIDENT_KIND, accidentId));

/**
 * Corrects an accident (a concealment found later, a revised death toll, …): a new version, audited with the fields
 * before and after and the reason. The corrected record must still have a level its casualties allow.
 */
export async function correctAccident(
  store: TenantStore,
  accidentId: string,
  body: z.infer<typeof correctAccidentBody>,
) {
  const {
    record: before,
    scope: { db },
  } = await loadDatedIn<AccidentRecord>(store, ACCIDENT_KIND, accidentId);
  const { version, reason, responsiblePersons: personIds, ...changes } = body;
  if (version !== before.version) throw stale(accidentId, before.version);
  refuseFutureDates(db.now(), occurredOn(changes.date));
  const named = await namePersons(
    db,
    before.mineId,
    personIds,
    'body.responsiblePersons',
    before.responsiblePersons ?? [],
  );
  const candidate: AccidentRecord = { ...before, ...changes, responsiblePersons: named };
  const problem = levelProblem(candidate);
  if (problem) throw new ValidationError(problem, [{ field: 'body.level', message: problem }]);
  const diff = changedFields({ ...before, responsiblePersons: before.responsiblePersons ?? [] }, { ...candidate });
  if (Object.keys(diff.after).length === 0) return accidentView(before);
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const after: AccidentRecord = { ...candidate, version: before.version + 1, updatedAt: at, updatedBy: actor };
  await transact(db, [
    ...replaceWrites(db, ACCIDENT_KIND, before, after, version, stale(accidentId)),
    ...personFileWrites(db, fileRef(after), before.responsiblePersons ?? [], named),
    auditWrite(
      db,
      actor,
      {
        mineId: before.mineId,
        jurisdiction: before.jurisdiction,
        action: 'accident.corrected',
        entityType: 'accident',
        entityId: accidentId,
        ...diff,
        reason,
      },
      at,
    ),
  ]);
  return accidentView(after);
}

type AccidentQuery = DatedListQuery & { level?: AccidentLevel | undefined };

export async function listMineAccidents(store: TenantStore, mineId: string, query: AccidentQuery) {
  const page = await mineRecordsPage<AccidentRecord>(store, ACCIDENT_KIND, mineId, query, { level: query.level });
  return { items: page.items.map(accidentView), nextCursor: page.nextCursor };
}

export async function listAccidents(store: TenantStore, query: AccidentQuery) {
  const page = await reachableRecordsPage<AccidentRecord>(store, ACCIDENT_KIND, query, { level: query.level });
  return { items: page.items.map(accidentView), nextCursor: page.nextCursor };
}

/**
 * A mine's accidents that happened `from`..`to` (inclusive business dates), oldest first: one key-range query.
 * For the blacklist (特别重大/重大; two 较大 within 12 months; 瞒报/谎报) and the credit model.
 */
export async function accidentsOf(db: Db, mineId: string, from: string, to: string) {
  return (await mineRecordsBetween<AccidentRecord>(db, ACCIDENT_KIND, mineId, from, to)).map(accidentView);
}

/** A mine's latest accidents by date, for the mine's file page (the caller has checked the mine). */
export async function recentAccidents(db: Db, mineId: string, limit: number) {
  return (await latestOfMine<AccidentRecord>(db, ACCIDENT_KIND, mineId, limit)).map(accidentView);
}
