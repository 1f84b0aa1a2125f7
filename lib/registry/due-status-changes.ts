import { ConflictError } from '#lib/errors.ts';
import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi2, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import type { MineItem } from './mine-item.ts';
import { writeProfile } from './profile-write.ts';
import { appliedEntryWrite, currentEntry, STATUS_DUE_KIND, type StatusEntry } from './status-history.ts';

/**
 * Applies status changes whose effective date has come. It looks back a week on the due-date index, so a night
 * the job did not run is caught up, and an entry already applied is off the index, so a second run changes nothing.
 */
export const CATCH_UP_DAYS = 7;

export interface DueStatusResult {
  readonly applied: { mineId: string; status: string; effectiveDate: string }[];
  readonly retried: number;
}

export async function applyDueStatusChanges(
  db: Db,
  date: string,
  job = 'mine-status-effective',
): Promise<DueStatusResult> {
  const due: StatusEntry[] = [];
  for (let i = CATCH_UP_DAYS - 1; i >= 0; i--) {
    due.push(
      ...(await queryAll<StatusEntry>(db, {
        index: 'GSI2',
        partition: gsi2.due(addDays(date, -i)),
        beginsWith: `${STATUS_DUE_KIND}#`,
      })),
    );
  }
  const result: DueStatusResult = { applied: [], retried: 0 };
  // Oldest first, so two changes scheduled for one mine land in order.
  due.sort((a, b) => (a.effectiveDate + a.recordedAt).localeCompare(b.effectiveDate + b.recordedAt));
  for (const entry of due) {
    const stored = await currentEntry(db, entry);
    if (!stored || stored.applied) continue;
    for (let attempt = 0; ; attempt++) {
      const mine = await getItem<MineItem>(db, { PK: pk.mine(entry.mineId), SK: sk.profile });
      if (!mine) break;
      try {
        await writeProfile(
          db,
          systemActor(job),
          mine,
          mine.version,
          { status: entry.status, statusSince: entry.effectiveDate },
          'mine.status_changed',
          {
            reason: entry.reason,
            writes: [appliedEntryWrite(db, entry)],
          },
        );
        result.applied.push({ mineId: entry.mineId, status: entry.status, effectiveDate: entry.effectiveDate });
        break;
      } catch (error) {
        // Someone edited the mine meanwhile: read it again and retry a few times.
        if (!(error instanceof ConflictError) || attempt >= 3) throw error;
        (result as { retried: number }).retried++;
      }
    }
  }
  return result;
}
