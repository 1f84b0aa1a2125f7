import { jurisdictionCovers, type Principal } from '#lib/auth/principal.ts';
import { ForbiddenError, NotFoundError } from '#lib/errors.ts';
import type { Db } from './db.ts';
import { pk, sk } from './keys.ts';
import { getItem } from './query.ts';

/** The least every mine profile item carries, which is all tenancy needs. */
export interface MineTenancy {
  readonly mineId: string;
  readonly jurisdiction: string;
}

/**
 * The only door from a handler to the table: a store bound to the caller. Every mine-level operation starts with
 * `mine(mineId)`, which answers 404 for a mine the caller may not see, exactly as for one that does not exist.
 */
export class TenantStore {
  constructor(
    readonly db: Db,
    readonly principal: Principal,
  ) {}

  /** May this caller see a mine in this jurisdiction? */
  covers(mine: MineTenancy): boolean {
    const p = this.principal;
    if (p.kind === 'mine') return p.mineId === mine.mineId;
    if (p.kind === 'bureau') return jurisdictionCovers(p.jurisdiction, mine.jurisdiction);
    return false;
  }

  /** Loads a mine's profile if the caller may see it; otherwise 404 without revealing whether it exists. */
  async mine<T extends MineTenancy = MineTenancy>(mineId: string): Promise<T> {
    const p = this.principal;
    // A mine user asking for another mine learns nothing, not even by timing a read.
    if (p.kind === 'partner' || (p.kind === 'mine' && p.mineId !== mineId)) throw mineNotFound(mineId);
    const item = await getItem<T>(this.db, { PK: pk.mine(mineId), SK: sk.profile });
    if (!item || !this.covers(item)) throw mineNotFound(mineId);
    return item;
  }

  /** The jurisdiction a bureau caller lists under; a narrower filter must stay inside it. */
  bureauScope(): string {
    if (this.principal.kind !== 'bureau') throw new ForbiddenError('Only bureau users act on a jurisdiction');
    return this.principal.jurisdiction;
  }

  /**
   * Where a bureau list looks: the caller's jurisdiction, narrowed by a requested one inside it. A request outside
   * it answers null (the list is empty, as if those mines did not exist); a wider one is the caller's own.
   */
  listUnder(requested: string | undefined): string | null {
    const scope = this.bureauScope();
    if (!requested || jurisdictionCovers(requested, scope)) return scope;
    return jurisdictionCovers(scope, requested) ? requested : null;
  }

  /** A bureau may only place a mine inside its own jurisdiction. */
  assertMayPlaceIn(jurisdiction: string, field: string): void {
    const scope = this.bureauScope();
    if (!jurisdictionCovers(scope, jurisdiction)) {
      throw new ForbiddenError(`Jurisdiction ${jurisdiction} is outside your jurisdiction ${scope}`, [
        { field, message: `must be ${scope} or below it` },
      ]);
    }
  }
}

export const mineNotFound = (mineId: string): NotFoundError => new NotFoundError(`Mine ${mineId} not found`);
