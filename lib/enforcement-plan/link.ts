import { ConflictError, RuleError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import type { Write } from '#lib/store/transact.ts';
import { type PlanDone, type PlanItem, type PlanRecord, planKey, planMonthKey } from './plan-item.ts';

/**
 * An inspection recorded against a planned inspection (lib/inspections): the plan must be approved, the planned
 * inspection in force and of the inspection's mine, and not done yet (422 / 409 naming the field). When the
 * inspection is done, the planned one is marked done in the inspection's own transaction, once: a second inspection
 * against it fails the condition (409), and it leaves its month's open list, so it is not reminded any more.
 */
export interface PlanLink {
  readonly planId: string;
  readonly itemId: string;
}

const refuse = (field: string, message: string) => new RuleError(message, [{ field, message }]);

export async function plannedInspection(db: Db, mineId: string, link: PlanLink, field: string): Promise<PlanItem> {
  const plan = await getItem<PlanRecord>(db, planKey(link.planId));
  // An unknown plan and a plan of another bureau read the same: the planned inspection must be of this mine.
  const item = plan?.items.find((i) => i.itemId === link.itemId);
  if (!plan || !item || item.mineId !== mineId) throw refuse(field, '不是本矿执法计划中的检查');
  if (plan.revision < 1) throw refuse(field, '执法计划尚未审批，不能按计划记录检查');
  if (plan.done[link.itemId]) throw alreadyDone(field, plan.done[link.itemId]!);
  return item;
}

const alreadyDone = (field: string, d?: PlanDone) =>
  new ConflictError('该计划检查已完成', [
    { field, message: d ? `已由执法检查 ${d.inspectionId} 于 ${d.doneOn} 完成` : '已由另一次执法检查完成' },
  ]);

/** The writes marking the planned inspection done, for the transaction that records the inspection done. */
export function plannedDoneWrites(
  db: Db,
  link: PlanLink & Pick<PlanItem, 'month'>,
  done: PlanDone,
  field: string,
): Write[] {
  return [
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: planKey(link.planId),
          UpdateExpression: 'SET #done.#id = :d',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#done.#id)',
          ExpressionAttributeNames: { '#done': 'done', '#id': link.itemId },
          ExpressionAttributeValues: { ':d': done },
        },
      },
      onConditionFailed: alreadyDone(field),
    },
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: planMonthKey(link.planId, link.month),
          UpdateExpression: 'REMOVE #pending.#id',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#pending': 'pending', '#id': link.itemId },
        },
      },
      onConditionFailed: new ConflictError('执法计划正在修订，请稍后重试'),
    },
  ];
}
