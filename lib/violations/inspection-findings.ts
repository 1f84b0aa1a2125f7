import { RuleError } from '#lib/errors.ts';
import { type DatedRecord, datedKeys, INSPECTION_KIND, type Pointer } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { pk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { Write } from '#lib/store/transact.ts';

/**
 * A record found on an inspection in progress (现场检查) joins the inspection's findings in the transaction that
 * records it. Here, below both the hazards and the violations that record findings, and the inspections that own
 * them (lib/inspections): the condition and the update of the inspection's item.
 */

/** The status of an inspection under way on site (lib/inspections/vocabulary.ts lists it with the others). */
export const INSPECTION_IN_PROGRESS = 'in_progress';

export type FindingList = 'hazardIds' | 'violationIds';

interface InspectionRef extends DatedRecord {
  readonly inspectionId: string;
  readonly status: string;
}

/** The inspection a finding is recorded on, with the sort key of its item. */
export interface FindingTarget {
  readonly inspection: InspectionRef;
  readonly itemKey: { readonly PK: string; readonly SK: string };
}

const notInProgress = (inspectionId: string, field: string) =>
  new RuleError(`执法检查 ${inspectionId} 不是本矿正在进行的现场检查，不能据以记录检查发现`, [
    { field, message: '本矿没有这个正在进行的检查' },
  ]);

/** The inspection if it is one of this mine's (undefined otherwise, whatever its state). */
export async function inspectionOfMine(
  db: Db,
  mineId: string,
  inspectionId: string,
): Promise<FindingTarget | undefined> {
  const pointer = await getItem<Pointer>(db, datedKeys(INSPECTION_KIND).pointer(inspectionId));
  if (!pointer || pointer.mineId !== mineId) return undefined;
  const itemKey = { PK: pk.mine(mineId), SK: pointer.itemSk };
  const inspection = await getItem<InspectionRef>(db, itemKey);
  if (!inspection) return undefined;
  return { inspection, itemKey };
}

/** The in-progress inspection of this mine a finding is recorded on; 422 naming `field` otherwise. */
export async function inspectionInProgress(
  db: Db,
  mineId: string,
  inspectionId: string,
  field: string,
): Promise<FindingTarget> {
  const target = await inspectionOfMine(db, mineId, inspectionId);
  if (!target || target.inspection.status !== INSPECTION_IN_PROGRESS) throw notInProgress(inspectionId, field);
  return target;
}

/**
 * Adds the record to the inspection's findings: commits only while the inspection is still in progress (a close
 * that commits first makes this 422, and the record is not written either), and moves the inspection's version on,
 * so a close or decision prepared on the findings read before is refused as stale rather than losing this one.
 */
export function findingWrite(
  db: Db,
  target: FindingTarget,
  list: FindingList,
  id: string,
  at: string,
  field: string,
): Write {
  return {
    item: {
      Update: {
        TableName: db.tableName,
        Key: target.itemKey,
        UpdateExpression:
          'SET #findings.#list = list_append(#findings.#list, :ids), #version = #version + :one, #updatedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND #status = :inProgress AND #mineId = :mineId',
        ExpressionAttributeNames: {
          '#findings': 'findings',
          '#list': list,
          '#version': 'version',
          '#updatedAt': 'updatedAt',
          '#status': 'status',
          '#mineId': 'mineId',
        },
        ExpressionAttributeValues: {
          ':ids': [id],
          ':one': 1,
          ':at': at,
          ':inProgress': INSPECTION_IN_PROGRESS,
          ':mineId': target.inspection.mineId,
        },
      },
    },
    onConditionFailed: notInProgress(target.inspection.inspectionId, field),
  };
}
