import type { Db } from './db.ts';
import { isConditionFailure, putItem, updateItem } from './item.ts';
import { gsi2, pk, sk } from './keys.ts';
import { getItem, queryAll } from './query.ts';

/**
 * Before the due-date index was keyed by jurisdiction, every dated item was filed under `DUE#<date>` with the sort
 * key `<kind>#<mineId>#<ref>`. A table written then (a deployed stage, a local `.data/`) keeps those items where no
 * reader looks, so their reminders and scheduled status changes would silently stop. The jobs that read the index
 * call this first: it reads the old date partitions once (a Query per date, never a Scan), files each item under its
 * mine's current jurisdiction (or its own, for an item of no mine) with the date leading its sort key, and then
 * records that the table is done, so every later run costs one GetItem (and nothing once this process has seen it).
 * A new table is marked done when it is created (nothing old can be in it).
 */
export const DUE_INDEX_MIGRATED = { PK: 'MIGRATIONS', SK: 'DUEINDEX#BY-JURISDICTION' } as const;

/** How far the old partitions are read around today: dated items older or later than this do not exist. */
const YEARS_BACK = 3;
const YEARS_AHEAD = 5;
const DATES_AT_ONCE = 16;

export interface DueIndexMigration {
  /** Items moved to their jurisdiction's partition by this call. */
  readonly moved: number;
  /** Items whose jurisdiction could not be found (their mine gone): left where they were, counted on the marker. */
  readonly unplaced: number;
  /** Old date partitions read (0 when the table was already done). */
  readonly datesRead: number;
}

const done = new WeakSet<Db>();
const LEGACY_PARTITION = (date: string) => `DUE#${date}`;

const datesAround = (today: string): string[] => {
  const start = Date.UTC(Number(today.slice(0, 4)) - YEARS_BACK, Number(today.slice(5, 7)) - 1, Number(today.slice(8)));
  const end = Date.UTC(Number(today.slice(0, 4)) + YEARS_AHEAD, Number(today.slice(5, 7)) - 1, Number(today.slice(8)));
  const out: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

export async function migrateLegacyDueIndex(db: Db, today: string): Promise<DueIndexMigration> {
  if (done.has(db) || (await getItem(db, DUE_INDEX_MIGRATED))) {
    done.add(db);
    return { moved: 0, unplaced: 0, datesRead: 0 };
  }
  const profiles = new Map<string, Promise<string | undefined>>();
  const pathOfMine = (mineId: string) => {
    if (!profiles.has(mineId))
      profiles.set(
        mineId,
        getItem<{ jurisdiction?: string }>(db, { PK: pk.mine(mineId), SK: sk.profile }).then((p) => p?.jurisdiction),
      );
    return profiles.get(mineId)!;
  };
  let moved = 0;
  let unplaced = 0;
  const dates = datesAround(today);
  for (let i = 0; i < dates.length; i += DATES_AT_ONCE) {
    await Promise.all(
      dates.slice(i, i + DATES_AT_ONCE).map(async (date) => {
        const items = await queryAll<Record<string, unknown> & { PK: string; SK: string; GSI2SK: string }>(db, {
          index: 'GSI2',
          partition: LEGACY_PARTITION(date),
        });
        for (const item of items) {
          const mineId = item.PK.startsWith('MINE#') ? item.PK.slice('MINE#'.length) : undefined;
          const path = (mineId ? await pathOfMine(mineId) : undefined) ?? (item.jurisdiction as string | undefined);
          if (!path) {
            unplaced++;
            continue;
          }
          try {
            await updateItem(db, { PK: item.PK, SK: item.SK }, 'SET GSI2PK = :pk, GSI2SK = :sk', {
              condition: 'GSI2PK = :old AND GSI2SK = :oldSk',
              values: {
                ':pk': gsi2.due(path),
                ':sk': `${date}#${item.GSI2SK}`,
                ':old': LEGACY_PARTITION(date),
                ':oldSk': item.GSI2SK,
              },
            });
            moved++;
          } catch (error) {
            // Changed since it was read (closed, rescheduled by its own code): its writer filed it anew.
            if (!isConditionFailure(error)) throw error;
          }
        }
      }),
    );
  }
  // Marked done even when an item found no place (its mine is gone): the count stays on the marker to be looked at,
  // and the next run does not read eight years of partitions again for it.
  await putItem(db, { ...DUE_INDEX_MIGRATED, at: db.now().toISOString(), moved, unplaced });
  done.add(db);
  return { moved, unplaced, datesRead: dates.length };
}
