import type * as z from 'zod/mini';
import { ConflictError, RuleError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { namePersons, type PersonFileRef, personFileWrites } from '#lib/registry/responsible-persons.ts';
import { actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import {
  type DatedListQuery,
  findDated,
  latestOfMine,
  loadDated,
  loadDatedIn,
  mineRecordsBetween,
  mineRecordsPage,
  reachableRecordsPage,
  replaceWrites,
  VIOLATION_KIND,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { type PastDate, refuseFutureDates } from '#lib/validators/past-dates.ts';
import { categoryName, categoryNo, VIOLATION_CATEGORIES, type ViolationCategory } from './categories.ts';
import { type FindingTarget, findingWrite, INSPECTION_IN_PROGRESS, inspectionOfMine } from './inspection-findings.ts';
import type { correctViolationBody, recordViolationBody } from './schemas.ts';
import { type ViolationRecord, violationWrite } from './violations.ts';

/** Recording, listing and correcting violation records; each change audited in its own transaction. */

export const violationCategories = () => VIOLATION_CATEGORIES.map((c) => ({ code: c.code, no: c.no, name: c.name }));

export const violationView = (v: ViolationRecord) => ({
  ...v,
  categoryNo: categoryNo(v.category),
  evidence: v.evidence ?? [],
  responsiblePersons: v.responsiblePersons ?? [],
});

const fileRef = (v: ViolationRecord): PersonFileRef => ({
  kind: 'violation',
  recordId: v.violationId,
  mineId: v.mineId,
  mineName: v.mineName ?? v.mineId,
  date: v.date,
  title: v.categoryName,
});

/** The day of the act: not after today. */
const actOn = (date: string | undefined): PastDate => ({ field: 'body.date', label: '违法违规行为日期', date });

const stale = (id: string, version?: number) =>
  new ConflictError(
    `违法违规记录 ${id} 已被他人更正，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `当前版本为 ${version}，请刷新后重试` }],
  );

export async function recordViolation(store: TenantStore, mineId: string, body: z.infer<typeof recordViolationBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  refuseFutureDates(db.now(), actOn(body.date));
  let onInspection: FindingTarget | undefined;
  if (body.source.kind === 'inspection') {
    const target = await inspectionOfMine(db, mineId, body.source.id);
    // Whether it does not exist or belongs to another mine, the answer is the same: not an inspection of this mine.
    if (!target) {
      throw new ValidationError(`执法检查 ${body.source.id} 不是本矿的检查`, [
        { field: 'body.source.id', message: '本矿没有这次检查' },
      ]);
    }
    if (target.inspection.status === 'cancelled') {
      throw new RuleError(`执法检查 ${body.source.id} 已取消，不能据以记录违法违规行为`, [
        { field: 'body.source.id', message: '这次检查已取消' },
      ]);
    }
    // Found on site while the inspection is under way: it joins the inspection's findings in the same transaction.
    if (target.inspection.status === INSPECTION_IN_PROGRESS) onInspection = target;
  }
  const named = await namePersons(db, mineId, body.responsiblePersons, 'body.responsiblePersons');
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const violationId = db.newId('vio');
  const { record, writes } = violationWrite(db, {
    violationId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    category: body.category,
    date: body.date,
    description: body.description,
    evidence: body.evidence,
    source: body.source.kind === 'inspection' ? { kind: 'inspection', id: body.source.id } : { kind: 'manual' },
    ...(named.length > 0 ? { responsiblePersons: named } : {}),
    recordedBy: actor,
    recordedAt: at,
  });
  await transact(db, [
    ...writes,
    ...personFileWrites(db, fileRef(record), [], named),
    ...(onInspection ? [findingWrite(db, onInspection, 'violationIds', violationId, at, 'body.source.id')] : []),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: 'violation.recorded',
        entityType: 'violation',
        entityId: violationId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return violationView(record);
}

export const getViolation = async (store: TenantStore, violationId: string) =>
  violationView(await loadDated<ViolationRecord>(store, VIOLATION_KIND, violationId));

/** Finds a violation by id without a tenancy check (for other modules that have checked the mine), of `ofMine` only if given. */
export const findViolation = (db: Db, violationId: string, ofMine?: string) =>
  findDated<ViolationRecord>(db, VIOLATION_KIND, violationId, ofMine);

export async function listMineViolations(
  store: TenantStore,
  mineId: string,
  query: DatedListQuery & { category?: ViolationCategory | undefined },
) {
  const page = await mineRecordsPage<ViolationRecord>(store, VIOLATION_KIND, mineId, query, {
    category: query.category,
  });
  return { items: page.items.map(violationView), nextCursor: page.nextCursor };
}

export async function listViolations(
  store: TenantStore,
  query: DatedListQuery & { category?: ViolationCategory | undefined },
) {
  const page = await reachableRecordsPage<ViolationRecord>(store, VIOLATION_KIND, query, { category: query.category });
  return { items: page.items.map(violationView), nextCursor: page.nextCursor };
}

/**
 * Corrects a violation record: a new version, audited with the fields before and after and the reason. The record
 * is never deleted; a corrected date moves it to its new key in the same transaction.
 */
export async function correctViolation(
  store: TenantStore,
  violationId: string,
  body: z.infer<typeof correctViolationBody>,
) {
  const {
    record: before,
    scope: { db },
  } = await loadDatedIn<ViolationRecord>(store, VIOLATION_KIND, violationId);
  const { version, reason, responsiblePersons: personIds, ...changes } = body;
  if (version !== before.version) throw stale(violationId, before.version);
  refuseFutureDates(db.now(), actOn(changes.date));
  const category = changes.category ?? before.category;
  const named = await namePersons(
    db,
    before.mineId,
    personIds,
    'body.responsiblePersons',
    before.responsiblePersons ?? [],
  );
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const candidate: ViolationRecord = {
    ...before,
    ...changes,
    evidence: changes.evidence ?? before.evidence ?? [],
    category,
    categoryName: categoryName(category),
    responsiblePersons: named,
  };
  const diff = changedFields(
    { ...before, evidence: before.evidence ?? [], responsiblePersons: before.responsiblePersons ?? [] },
    { ...candidate },
  );
  if (Object.keys(diff.after).length === 0) return violationView(before);
  const after: ViolationRecord = { ...candidate, version: before.version + 1, updatedAt: at, updatedBy: actor };
  await transact(db, [
    ...replaceWrites(db, VIOLATION_KIND, before, after, version, stale(violationId)),
    ...personFileWrites(db, fileRef(after), before.responsiblePersons ?? [], named),
    auditWrite(
      db,
      actor,
      {
        mineId: before.mineId,
        jurisdiction: before.jurisdiction,
        action: 'violation.corrected',
        entityType: 'violation',
        entityId: violationId,
        ...diff,
        reason,
      },
      at,
    ),
  ]);
  return violationView(after);
}

/** A mine's latest violations by date, for the mine's file page (the caller has checked the mine). */
export async function recentViolations(db: Db, mineId: string, limit: number) {
  return (await latestOfMine<ViolationRecord>(db, VIOLATION_KIND, mineId, limit)).map(violationView);
}

/** A mine's violations dated `from`..`to` (inclusive), oldest first, for the credit model. */
export async function violationsOf(db: Db, mineId: string, from: string, to: string) {
  return (await mineRecordsBetween<ViolationRecord>(db, VIOLATION_KIND, mineId, from, to)).map(violationView);
}
