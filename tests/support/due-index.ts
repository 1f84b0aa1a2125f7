import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';

/** The items of one kind due on a date, whatever jurisdiction they are filed under (each path's partition read once). */
export async function dueAnywhere<T = Record<string, any>>(db: Db, date: string, kind: string): Promise<T[]> {
  const found: T[] = [];
  for (const jurisdiction of await dueIndexPaths(db))
    found.push(...(await queryDue<T>(db, { jurisdiction, from: date, to: date, kind })).map((e) => e.item));
  return found;
}
