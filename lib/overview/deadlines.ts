import type { Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { DEADLINE_DAYS } from './vocabulary.ts';

/**
 * The deadlines' figure: how many dated things of each mine fall due from `today` through the next DEADLINE_DAYS − 1
 * days, read from the due-date index: one Query per district over the range (the index is keyed by jurisdiction).
 * A status change taking effect and a text message held overnight are on the index for a job, not deadlines.
 */
const NOT_DEADLINES = new Set(['STATUS', 'SMSHELD']);

export async function deadlinesByMine(
  db: Db,
  districts: readonly string[],
  today: string,
  days = DEADLINE_DAYS,
): Promise<Map<string, number>> {
  const to = addDays(today, days - 1);
  const entries = (
    await Promise.all(districts.map((jurisdiction) => queryDue(db, { jurisdiction, from: today, to })))
  ).flat();
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (NOT_DEADLINES.has(e.kind) || !e.mineId) continue;
    counts.set(e.mineId, (counts.get(e.mineId) ?? 0) + 1);
  }
  return counts;
}
