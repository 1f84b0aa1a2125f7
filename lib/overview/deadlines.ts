import type { Db } from '#lib/store/db.ts';
import { gsi2 } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { DEADLINE_DAYS } from './vocabulary.ts';

/**
 * The deadlines' figure: how many dated things of each mine fall due from `today` through the next DEADLINE_DAYS − 1
 * days, read from the due-date index (GSI2 `DUE#<date>`, one query per day for every mine, then kept for the
 * mines asked about). The one place the overview reads that index: when the index is keyed by jurisdiction, only
 * this function changes.
 */
const NOT_DEADLINES = new Set(['STATUS', 'SMSHELD']);

export async function deadlinesByMine(
  db: Db,
  today: string,
  mineIds: ReadonlySet<string>,
  days = DEADLINE_DAYS,
): Promise<Map<string, number>> {
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i));
  const items = (
    await Promise.all(
      dates.map((d) => queryAll<{ GSI2SK: string; mineId?: string }>(db, { index: 'GSI2', partition: gsi2.due(d) })),
    )
  ).flat();
  const counts = new Map<string, number>();
  for (const item of items) {
    const [kind, mineId] = item.GSI2SK.split('#');
    if (!kind || NOT_DEADLINES.has(kind) || !mineId || !mineIds.has(mineId)) continue;
    counts.set(mineId, (counts.get(mineId) ?? 0) + 1);
  }
  return counts;
}
