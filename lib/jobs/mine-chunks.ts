import { jurisdictionCovers } from '#lib/auth/principal.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';

/**
 * How the nightly jobs find their work without a Scan: the list of jurisdictions with mines, then each one's mines
 * by index, cut into chunks a worker handles in one go. The electricity review and the credit classification both
 * fan out this way.
 */
export interface JurisdictionChunks {
  readonly path: string;
  readonly mines: number;
  readonly chunks: readonly (readonly string[])[];
}

/** Every jurisdiction path with mines, optionally only those a bureau's scope covers. */
export async function jurisdictionsWithMines(db: Db, scope?: string): Promise<string[]> {
  const all = await queryAll<{ path: string }>(db, {
    partition: pk.jurisdictions,
    ...(scope ? { beginsWith: scope } : {}),
  });
  return all.map((j) => j.path).filter((p) => !scope || jurisdictionCovers(scope, p));
}

/** The ids of the mines registered directly in each jurisdiction (not below it), a jurisdiction at a time. */
export async function* minesByJurisdiction(
  db: Db,
  scope?: string,
): AsyncGenerator<{ readonly path: string; readonly mineIds: string[] }> {
  for (const path of await jurisdictionsWithMines(db, scope)) {
    const mines = await queryAll<{ mineId: string }>(db, {
      index: 'GSI1',
      partition: gsi1.minesOfProvince(path),
      beginsWith: `${path}/#`,
    });
    if (mines.length > 0) yield { path, mineIds: mines.map((m) => m.mineId) };
  }
}

/** The mines registered directly in each jurisdiction (not below it), in chunks of `size`. */
export async function* mineChunks(db: Db, size: number, scope?: string): AsyncGenerator<JurisdictionChunks> {
  for await (const { path, mineIds } of minesByJurisdiction(db, scope)) {
    const chunks: string[][] = [];
    for (let i = 0; i < mineIds.length; i += size) chunks.push(mineIds.slice(i, i + size));
    yield { path, mines: mineIds.length, chunks };
  }
}
