import type * as z from 'zod/mini';
import { ConflictError, type FieldProblem, RuleError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type Actor, actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import {
  createWrites,
  type DatedListQuery,
  INSPECTION_KIND,
  latestOfMine,
  loadDated,
  mineRecordsBetween,
  mineRecordsPage,
  type Pointer,
  reachableRecordsPage,
  replaceWrites,
} from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type PastDate, refuseFutureDates } from '#lib/validators/past-dates.ts';
import { violationKeys } from '#lib/violations/violations.ts';
import {
  type Findings,
  INSPECTION_STATUS_LABELS,
  type InspectionRecord,
  type InspectionStatus,
  inspectionDueKeys,
  type LastInspection,
  lastInspectionKey,
} from './inspection-item.ts';
import type { createInspectionBody, inspectionActionBody } from './schemas.ts';

/**
 * Enforcement inspections: planned → done (completed, with findings) or cancelled; or recorded done directly. Each
 * change is audited in its transaction. Whenever an inspection is done, the mine's last inspection date (one item,
 * read with one GetItem by the credit model's planning) moves forward in the same transaction, never back.
 */
export function inspectionView(r: InspectionRecord, now: Date) {
  return {
    ...r,
    statusLabel: INSPECTION_STATUS_LABELS[r.status],
    overdue: r.status === 'planned' && !!r.plannedOn && r.plannedOn < todayInShanghai(now),
  };
}

const stale = (id: string, version?: number) =>
  new ConflictError(
    `执法检查 ${id} 已被他人修改，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `current version is ${version}` }],
  );

/** The condition on the last-inspection item failed: another inspection of the mine moved it meanwhile. */
class LastInspectionMoved extends ConflictError {}

/** Every violation found must be one of this mine's (400 naming each one that is not). */
async function assertViolationsOfMine(
  db: Db,
  mineId: string,
  violationIds: readonly string[],
  field: string,
): Promise<void> {
  if (violationIds.length === 0) return;
  const pointers = await batchGet<Pointer & { violationId: string }>(
    db,
    violationIds.map((id) => violationKeys.pointer(id)),
  );
  const ofMine = new Set(pointers.filter((p) => p.mineId === mineId).map((p) => p.violationId));
  const problems: FieldProblem[] = violationIds.flatMap((id, i) =>
    ofMine.has(id) ? [] : [{ field: `${field}.${i}`, message: `${id} 不是本矿的违法违规记录` }],
  );
  if (problems.length) throw new ValidationError('检查发现的违法违规记录须为本矿的记录', problems);
}

/**
 * The write moving the mine's last inspection date to `doneOn` when that is later than the stored one (none when it
 * is not). Its condition keeps the date from ever moving back, even against a concurrent completion.
 */
async function lastInspectionWrite(db: Db, record: InspectionRecord, at: string): Promise<Write | undefined> {
  const doneOn = record.doneOn!;
  const current = await getItem<LastInspection>(db, lastInspectionKey(record.mineId));
  if (current && current.lastInspectionOn >= doneOn) return undefined;
  const item: LastInspection = {
    mineId: record.mineId,
    jurisdiction: record.jurisdiction,
    lastInspectionOn: doneOn,
    inspectionId: record.inspectionId,
    updatedAt: at,
  };
  return {
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...lastInspectionKey(record.mineId), entity: 'lastInspection', ...item },
        ConditionExpression: 'attribute_not_exists(PK) OR lastInspectionOn < :doneOn',
        ExpressionAttributeValues: { ':doneOn': doneOn },
      },
    },
    onConditionFailed: new LastInspectionMoved('另一检查同时更新了本矿最近检查日期'),
  };
}

/**
 * Runs a transaction that may carry the last-inspection write. The mine's last-inspection item is shared by all of
 * its inspections, so a concurrent completion may move it (its condition fails) or be in flight on it (DynamoDB's
 * TransactionConflict): both are tried again with the date read afresh. A failed condition of the inspection's
 * own writes (stale version) is the caller's 409 and is not retried.
 */
async function transactWithLast(db: Db, record: InspectionRecord, at: string, writes: () => Write[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const last = record.status === 'done' ? await lastInspectionWrite(db, record, at) : undefined;
    const own = writes();
    try {
      await transact(db, [...own, ...(last ? [last] : [])]);
      return;
    } catch (error) {
      const ownCondition = own.some((w) => w.onConditionFailed === error);
      const retryable =
        error instanceof LastInspectionMoved || (last !== undefined && error instanceof ConflictError && !ownCondition);
      if (!retryable || attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}

/** The day an inspection was done: not after today (a planned one's day may be). */
const doneOn = (date: string): PastDate => ({ field: 'body.doneOn', label: '检查日期', date });

type CreateBody = z.infer<typeof createInspectionBody>;
type ActionBody = z.infer<typeof inspectionActionBody>;

export async function createInspection(store: TenantStore, mineId: string, body: CreateBody) {
  const mine = await store.mine<MineItem>(mineId);
  const { db } = store;
  const now = db.now();
  if (body.kind === 'done') {
    refuseFutureDates(now, doneOn(body.doneOn));
    await assertViolationsOfMine(db, mineId, body.findings.violationIds, 'body.findings.violationIds');
  }
  const at = now.toISOString();
  const actor = actorOf(store.principal);
  const inspectionId = db.newId('insp');
  const base = {
    inspectionId,
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    inspectors: body.inspectors,
    recordedBy: actor,
    recordedAt: at,
    version: 1,
    updatedAt: at,
  };
  const record: InspectionRecord =
    body.kind === 'planned'
      ? {
          ...base,
          status: 'planned',
          date: body.plannedOn,
          plannedOn: body.plannedOn,
          purpose: body.purpose,
          findings: { hazardIds: [], violationIds: [] },
          steps: [{ action: 'plan', at, by: actor }],
        }
      : {
          ...base,
          status: 'done',
          date: body.doneOn,
          ...(body.plannedOn ? { plannedOn: body.plannedOn } : {}),
          doneOn: body.doneOn,
          ...(body.purpose ? { purpose: body.purpose } : {}),
          summary: body.summary,
          findings: body.findings,
          steps: [{ action: 'record', at, by: actor }],
        };
  await transactWithLast(db, record, at, () => [
    ...createWrites(
      db,
      INSPECTION_KIND,
      record,
      new ConflictError(`执法检查 ${inspectionId} 已存在`),
      inspectionDueKeys(record),
    ),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: body.kind === 'planned' ? 'inspection.planned' : 'inspection.recorded',
        entityType: 'inspection',
        entityId: inspectionId,
        after: { ...record },
      },
      at,
    ),
  ]);
  return inspectionView(record, db.now());
}

export async function getInspection(store: TenantStore, inspectionId: string) {
  return inspectionView(await loadDated<InspectionRecord>(store, INSPECTION_KIND, inspectionId), store.db.now());
}

/** complete (with the day, inspectors, summary and findings) or cancel (with a reason) a planned inspection. */
export async function actOnInspection(store: TenantStore, inspectionId: string, body: ActionBody) {
  const before = await loadDated<InspectionRecord>(store, INSPECTION_KIND, inspectionId);
  const { db } = store;
  if (body.version !== before.version) throw stale(inspectionId, before.version);
  if (before.status !== 'planned') {
    throw new RuleError(
      `执法检查当前状态为“${INSPECTION_STATUS_LABELS[before.status]}”，不能${body.action === 'complete' ? '完成' : '取消'}`,
      [{ field: 'body.action', message: `not allowed from ${before.status}` }],
    );
  }
  const now = db.now();
  const at = now.toISOString();
  const actor: Actor = actorOf(store.principal);
  let after: InspectionRecord;
  if (body.action === 'complete') {
    refuseFutureDates(now, doneOn(body.doneOn));
    if (before.plannedOn && body.doneOn < before.plannedOn) {
      throw new ValidationError('检查日期不能早于计划日期', [
        { field: 'body.doneOn', message: `must be on or after ${before.plannedOn}` },
      ]);
    }
    await assertViolationsOfMine(db, before.mineId, body.findings.violationIds, 'body.findings.violationIds');
    const findings: Findings = body.findings;
    after = {
      ...before,
      status: 'done',
      date: body.doneOn,
      doneOn: body.doneOn,
      inspectors: body.inspectors,
      summary: body.summary,
      findings,
      steps: [...before.steps, { action: 'complete', at, by: actor }],
      version: before.version + 1,
      updatedAt: at,
    };
  } else {
    after = {
      ...before,
      status: 'cancelled',
      cancelReason: body.reason,
      steps: [...before.steps, { action: 'cancel', at, by: actor, note: body.reason }],
      version: before.version + 1,
      updatedAt: at,
    };
  }
  const { steps: _b, ...beforeFields } = before;
  const { steps: _a, ...afterFields } = after;
  const diff = changedFields({ ...beforeFields }, { ...afterFields });
  await transactWithLast(db, after, at, () => [
    ...replaceWrites(db, INSPECTION_KIND, before, after, body.version, stale(inspectionId), inspectionDueKeys(after)),
    auditWrite(
      db,
      actor,
      {
        mineId: before.mineId,
        jurisdiction: before.jurisdiction,
        action: body.action === 'complete' ? 'inspection.completed' : 'inspection.cancelled',
        entityType: 'inspection',
        entityId: inspectionId,
        ...diff,
        reason: body.action === 'cancel' ? body.reason : undefined,
      },
      at,
    ),
  ]);
  return inspectionView(after, db.now());
}

type InspectionQuery = DatedListQuery & { status?: InspectionStatus | undefined };

export async function listMineInspections(store: TenantStore, mineId: string, query: InspectionQuery) {
  const page = await mineRecordsPage<InspectionRecord>(store, INSPECTION_KIND, mineId, query, { status: query.status });
  const now = store.db.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

export async function listInspections(store: TenantStore, query: InspectionQuery) {
  const page = await reachableRecordsPage<InspectionRecord>(store, INSPECTION_KIND, query, { status: query.status });
  const now = store.db.now();
  return { items: page.items.map((r) => inspectionView(r, now)), nextCursor: page.nextCursor };
}

/** A mine's latest inspections by date (planned ones included), for the mine's file page. */
export async function recentInspections(db: Db, mineId: string, limit: number) {
  const now = db.now();
  return (await latestOfMine<InspectionRecord>(db, INSPECTION_KIND, mineId, limit)).map((r) => inspectionView(r, now));
}

/** The date of the mine's last done inspection, or undefined if it has none: one GetItem (for the credit plan). */
export async function lastInspectionOn(db: Db, mineId: string): Promise<string | undefined> {
  return (await getItem<LastInspection>(db, lastInspectionKey(mineId)))?.lastInspectionOn;
}

/** A mine's inspections filed under `from`..`to` (inclusive), oldest first (done ones by the day they were done). */
export async function inspectionsOf(db: Db, mineId: string, from: string, to: string) {
  const now = db.now();
  return (await mineRecordsBetween<InspectionRecord>(db, INSPECTION_KIND, mineId, from, to)).map((r) =>
    inspectionView(r, now),
  );
}
