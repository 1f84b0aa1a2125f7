import { ConflictError } from '#lib/errors.ts';
import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
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
  // Each jurisdiction's week is one Query on its partition of the index.
  for (const path of await dueIndexPaths(db)) {
    const entries = await queryDue<StatusEntry>(db, {
      jurisdiction: path,
      from: addDays(date, -(CATCH_UP_DAYS - 1)),
      to: date,
      kind: STATUS_DUE_KIND,
    });
    due.push(...entries.map((e) => e.item));
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
