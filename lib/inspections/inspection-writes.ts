import { type PlanLink, plannedDoneWrites, plannedInspection } from '#lib/enforcement-plan/link.ts';
import { ConflictError, type FieldProblem, RuleError, ValidationError } from '#lib/errors.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Pointer } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import type { PastDate } from '#lib/validators/past-dates.ts';
import { violationKeys } from '#lib/violations/violations.ts';
import {
  type InspectionRecord,
  type Inspector,
  type LastInspection,
  lastInspectionKey,
  type PlannedRef,
} from './inspection-item.ts';

/**
 * What an inspection's writes share, when it is recorded and when it is acted on: the stale-version refusal, the
 * checks of its findings and dates, and the move of the mine's last inspection date in the same transaction.
 */
export const stale = (id: string, version?: number) =>
  new ConflictError(
    `执法检查 ${id} 已被他人修改，请刷新后重试`,
    version === undefined ? [] : [{ field: 'body.version', message: `当前版本为 ${version}，请刷新后重试` }],
  );

/** The condition on the last-inspection item failed: another inspection of the mine moved it meanwhile. */
class LastInspectionMoved extends ConflictError {}

/** Every violation found must be one of this mine's (400 naming each one that is not). */
export async function assertViolationsOfMine(
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
export async function transactWithLast(
  db: Db,
  record: InspectionRecord,
  at: string,
  writes: () => Write[],
): Promise<void> {
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
export const doneOn = (date: string): PastDate => ({ field: 'body.doneOn', label: '检查日期', date });

/** The day an inspection started on site: not after today. */
export const startedOn = (date: string): PastDate => ({ field: 'body.startedOn', label: '检查开始日期', date });

/** The team's leader (the schema has checked the id is one of the team's). */
export const leaderOf = (inspectors: readonly Inspector[], userId: string): Inspector =>
  inspectors.find((i) => i.userId === userId) ?? inspectors[0]!;

/**
 * The planned inspection of the year's enforcement plan an inspection carries out: the one the request names
 * (checked: of an approved plan, of this mine, not yet done; 422 / 409 naming `field`), else the one it already
 * carries. A request may not move an inspection to another planned inspection (422).
 */
export async function planRefOf(
  db: Db,
  mineId: string,
  named: PlanLink | undefined,
  current: PlannedRef | undefined,
  field: string,
): Promise<PlannedRef | undefined> {
  if (!named) return current;
  if (current && (current.planId !== named.planId || current.itemId !== named.itemId)) {
    throw new RuleError('本次检查已对应另一项计划检查', [{ field, message: `已对应计划检查 ${current.itemId}` }]);
  }
  const item = await plannedInspection(db, mineId, named, field);
  return { planId: named.planId, itemId: named.itemId, month: item.month };
}

/** When an inspection is done against a planned inspection: the writes marking that one done (once). */
export const planDoneWrites = (db: Db, record: InspectionRecord, field: string): Write[] =>
  record.status === 'done' && record.planItem
    ? plannedDoneWrites(
        db,
        record.planItem,
        { inspectionId: record.inspectionId, mineId: record.mineId, doneOn: record.doneOn! },
        field,
      )
    : [];
