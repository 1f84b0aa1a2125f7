import { type FieldProblem, ValidationError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { findViolation } from '#lib/violations/violation-records.ts';
import type { ViolationRecord } from '#lib/violations/violations.ts';

/**
 * The violations a penalty is for, found through the violations module's own lookup by id (its keys are its own
 * business), so this is the one place that knows how.
 */
export async function violationsById(
  db: Db,
  mineId: string,
  ids: readonly string[],
): Promise<Map<string, ViolationRecord>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => findViolation(db, id, mineId)));
  return new Map(found.flatMap((v) => (v ? [[v.violationId, v] as const] : [])));
}

/** Every id must be a violation of this mine, named once: otherwise 400 naming the index. */
export async function checkViolationsOfMine(db: Db, mineId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await violationsById(db, mineId, ids);
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ field: `body.violationIds.${i}`, message: `重复的违法违规记录 ${id}` });
    // Another mine's violation reads exactly like one that does not exist.
    else if (found.get(id)?.mineId !== mineId)
      problems.push({ field: `body.violationIds.${i}`, message: `该矿没有违法违规记录 ${id}` });
  });
  if (problems.length)
    throw new ValidationError(`以下违法违规记录不是该矿的记录：${problems.map((p) => p.field).join(', ')}`, problems);
}
