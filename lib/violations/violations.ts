import { ConflictError } from '#lib/errors.ts';
import type { NamedPerson } from '#lib/registry/responsible-persons.ts';
import type { Actor } from '#lib/store/audit.ts';
import { createWrites, datedKeys, VIOLATION_KIND } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import type { Write } from '#lib/store/transact.ts';
import { categoryName, type ViolationCategory } from './categories.ts';

/**
 * A violation record (违法违规行为) against a mine: recorded by an inspector (on an inspection, or on its own) or by a
 * confirmed investigation case. Records are never deleted; a correction is a new version with a reason.
 *
 * Keys (see dated-record.ts): PK MINE#<mineId>, SK VIOLATION#<date>#<id>; GSI1 VIOLATIONS#<province> /
 * <path>/#<date>#<id>; pointer VIOLATIONID#<id> / VIOLATION.
 */
export const violationKeys = datedKeys(VIOLATION_KIND);

export const VIOLATION_SOURCE_KINDS = ['case', 'inspection', 'manual'] as const;
export type ViolationSourceKind = (typeof VIOLATION_SOURCE_KINDS)[number];

export interface ViolationRecord {
  readonly violationId: string;
  readonly mineId: string;
  /** The mine's name when recorded, for lists across a jurisdiction. */
  readonly mineName?: string;
  readonly jurisdiction: string;
  readonly category: ViolationCategory;
  readonly categoryName: string;
  /** Business date of the act. */
  readonly date: string;
  readonly description: string;
  /** References to the evidence (photo ids, document numbers, notes). */
  readonly evidence?: readonly string[];
  readonly source: { readonly kind: ViolationSourceKind; readonly id?: string };
  /** The responsible key persons named (copied from the mine's file when named). */
  readonly responsiblePersons?: readonly NamedPerson[];
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: Actor;
}

/**
 * The writes that record a violation: the record and its id pointer (both go in the caller's transaction, with the
 * caller's audit event). `write` alone is the record; use `writes` so the violation can be found by its id.
 */
export function violationWrite(
  db: Db,
  v: Omit<ViolationRecord, 'categoryName' | 'version'>,
): { write: Write; writes: Write[]; record: ViolationRecord } {
  const record: ViolationRecord = { ...v, categoryName: categoryName(v.category), version: 1 };
  const writes = createWrites(db, VIOLATION_KIND, record, new ConflictError(`违法违规记录 ${v.violationId} 已存在`));
  return { record, write: writes[0]!, writes };
}
