import type { Actor } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { pk, sk } from '../store/keys.ts';
import { putNew, type Write } from '../store/transact.ts';
import { ConflictError } from '../errors.ts';
import { categoryName, type ViolationCategory } from './categories.ts';

/**
 * A violation record (违法违规行为) against a mine. The electricity review's confirmed cases create them here;
 * the enforcement-records capability adds inspectors' own records, listing and penalties.
 */
export interface ViolationRecord {
  readonly violationId: string;
  readonly mineId: string;
  readonly jurisdiction: string;
  readonly category: ViolationCategory;
  readonly categoryName: string;
  /** Business date of the act. */
  readonly date: string;
  readonly description: string;
  readonly source: { readonly kind: 'case' | 'inspection' | 'manual'; readonly id?: string };
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly version: number;
}

export function violationWrite(db: Db, v: Omit<ViolationRecord, 'categoryName' | 'version'>): { write: Write; record: ViolationRecord } {
  const record: ViolationRecord = { ...v, categoryName: categoryName(v.category), version: 1 };
  return {
    record,
    write: putNew(
      db,
      {
        PK: pk.mine(v.mineId),
        SK: sk.violation(v.violationId),
        entity: 'violation',
        GSI1PK: `VIOLATIONS#${v.jurisdiction.split('/')[0]}`,
        GSI1SK: `${v.jurisdiction}/#${v.date}#${v.violationId}`,
        ...record,
      },
      new ConflictError(`违法违规记录 ${v.violationId} 已存在`),
    ),
  };
}
