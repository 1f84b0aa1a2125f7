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

/** The mines registered directly in each jurisdiction (not below it), in chunks of `size`. */
export async function* mineChunks(db: Db, size: number, scope?: string): AsyncGenerator<JurisdictionChunks> {
  for (const path of await jurisdictionsWithMines(db, scope)) {
    const mines = await queryAll<{ mineId: string }>(db, {
      index: 'GSI1',
      partition: gsi1.minesOfProvince(path),
      beginsWith: `${path}/#`,
    });
    if (mines.length === 0) continue;
    const chunks: string[][] = [];
    for (let i = 0; i < mines.length; i += size) chunks.push(mines.slice(i, i + size).map((m) => m.mineId));
    yield { path, mines: mines.length, chunks };
  }
}
