import { jurisdictionCovers, type Principal } from '#lib/auth/principal.ts';
import { ForbiddenError, NotFoundError } from '#lib/errors.ts';
import { batchGet } from './batch.ts';
import type { Db } from './db.ts';
import { pk, sk } from './keys.ts';
import { guardDb, type PartitionAccess } from './partition-guard.ts';
import { getItem } from './query.ts';

/** The least every mine profile item carries, which is all tenancy needs. */
export interface MineTenancy {
  readonly mineId: string;
  readonly jurisdiction: string;
}

/**
 * One mine the caller may see: its profile, and a Db that can only address this mine's partition (and the shared
 * partitions its records point from: id pointers, counters, idempotency records). A key of another mine, or a
 * jurisdiction-wide index, is refused by the Db itself.
 */
export interface MineScope<T extends MineTenancy = MineTenancy> {
  readonly mineId: string;
  readonly profile: T;
  readonly db: Db;
}

const MINE_PARTITION = 'MINE#';
/** Index partitions that hold one mine's items only (`CREDIT#<mineId>`) or a lookup value, not a jurisdiction. */
const GSI3 = 'GSI3';
const GSI1 = 'GSI1';
const GSI2 = 'GSI2';
const DUE_PARTITION = 'DUE#';
const PERSON_LOOKUP = 'PERSONID#';

/**
 * The only door from a handler to the table: a store bound to the caller. It hands out no raw client:
 * - `mine(mineId)` answers 404 for a mine the caller may not see (exactly as for one that does not exist) and
 *   otherwise a scope whose Db addresses that mine's partition only;
 * - `shared` reaches what lies outside every mine's partition (id pointers, policies, the user directory,
 *   jurisdiction names) and the jurisdiction-wide indexes, limited to the caller's jurisdiction.
 */
export class TenantStore {
  readonly #db: Db;
  /** Reads and writes outside any mine's partition; a mine's partition only through `mine()`. */
  readonly shared: Db;

  constructor(
    db: Db,
    readonly principal: Principal,
  ) {
    this.#db = db;
    this.shared = guardDb(db, (access) => this.#sharedRefusal(access));
  }

  now(): Date {
    return this.#db.now();
  }

  /** May this caller see a mine in this jurisdiction? */
  covers(mine: MineTenancy): boolean {
    const p = this.principal;
    if (p.kind === 'mine') return p.mineId === mine.mineId;
    if (p.kind === 'bureau') return jurisdictionCovers(p.jurisdiction, mine.jurisdiction);
    return false;
  }

  /** Loads a mine the caller may see, as a scope bound to its partition; otherwise 404 without saying it exists. */
  async mine<T extends MineTenancy = MineTenancy>(mineId: string): Promise<MineScope<T>> {
    const p = this.principal;
    // A mine user asking for another mine learns nothing, not even by timing a read.
    if (p.kind === 'partner' || (p.kind === 'mine' && p.mineId !== mineId)) throw mineNotFound(mineId);
    const profile = await getItem<T>(this.#db, { PK: pk.mine(mineId), SK: sk.profile });
    if (!profile || !this.covers(profile)) throw mineNotFound(mineId);
    return { mineId, profile, db: guardDb(this.#db, (access) => mineRefusal(mineId, access)) };
  }

  /**
   * A record found by its id: reads the id's pointer (`<KIND>ID#<id>`, which names the record's mine) and answers
   * that mine's scope with the pointer, or `notFound` when there is no such id or the caller may not see its mine.
   */
  async mineOf<P extends { readonly mineId: string }, T extends MineTenancy = MineTenancy>(
    pointerKey: { readonly PK: string; readonly SK: string },
    notFound: Error,
  ): Promise<MineScope<T> & { readonly pointer: P }> {
    const pointer = await getItem<P>(this.shared, pointerKey);
    if (!pointer) throw notFound;
    const scope = await this.mine<T>(pointer.mineId).catch(() => {
      throw notFound;
    });
    return { ...scope, pointer };
  }

  /**
   * Several mines at once (a jurisdiction's plan or list reading each mine's item): the profiles of those the caller
   * may see, in one batch read, and a Db that reaches only their partitions. Mines it may not see are left out.
   */
  async mines<T extends MineTenancy = MineTenancy>(
    mineIds: readonly string[],
    /** Only these attributes of each profile besides the id and jurisdiction the check reads (a list's names). */
    attributes?: readonly (keyof T & string)[],
  ): Promise<{ readonly profiles: T[]; readonly db: Db }> {
    const wanted = [...new Set(mineIds)];
    const p = this.principal;
    const allowed = p.kind === 'mine' ? wanted.filter((id) => id === p.mineId) : p.kind === 'bureau' ? wanted : [];
    const profiles = (
      await batchGet<T>(
        this.#db,
        allowed.map((id) => ({ PK: pk.mine(id), SK: sk.profile })),
        attributes ? { attributes: ['mineId', 'jurisdiction', ...attributes] } : {},
      )
    ).filter((profile) => this.covers(profile));
    return { profiles, db: this.#minesDb(profiles) };
  }

  /**
   * Mines read from a jurisdiction list through `shared` (lib/store/mines-under.ts): those the caller may see, and a
   * Db that reaches only their partitions.
   */
  minesListed<T extends MineTenancy>(listed: readonly T[]): { readonly profiles: T[]; readonly db: Db } {
    const profiles = listed.filter((profile) => this.covers(profile));
    return { profiles, db: this.#minesDb(profiles) };
  }

  #minesDb(profiles: readonly MineTenancy[]): Db {
    const ids = new Set(profiles.map((profile) => profile.mineId));
    return guardDb(this.#db, (access) => {
      const owner = access.partition.startsWith(MINE_PARTITION)
        ? access.partition.slice(MINE_PARTITION.length)
        : access.index === GSI3
          ? access.partition.slice('CREDIT#'.length)
          : undefined;
      if (owner !== undefined && !ids.has(owner)) return `${access.partition} is not among the mines read`;
      if (access.index !== undefined && access.index !== GSI3)
        return 'A scope of several mines reads their partitions only';
      return undefined;
    });
  }

  /**
   * The identity of a mine the caller may not see, when a mine it files clashes with it (the same id or credit
   * code): its id, jurisdiction and name, to tell the bureau above both, never a scope and never for the answer.
   */
  async clashingMine(mineId: string): Promise<(MineTenancy & { readonly name?: string }) | undefined> {
    const found = await getItem<MineTenancy & { name?: string }>(this.#db, { PK: pk.mine(mineId), SK: sk.profile });
    return found && { mineId: found.mineId, jurisdiction: found.jurisdiction, name: found.name };
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

  /**
   * A new mine's partition, for the bureau that files it: the jurisdiction must be the caller's or below it (403
   * naming `field` otherwise). The Db reaches that mine's partition only, as a scope of an existing mine does.
   */
  newMine(mineId: string, jurisdiction: string, field: string): Db {
    this.assertMayPlaceIn(jurisdiction, field);
    return guardDb(this.#db, (access) => mineRefusal(mineId, access));
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

  #sharedRefusal(access: PartitionAccess): string | undefined {
    if (access.partition.startsWith(MINE_PARTITION))
      return `A mine's partition (${access.partition}) is reached only through store.mine()`;
    if (access.index === GSI3) return 'The credit index is one mine’s: read it through store.mine()';
    if (access.index === GSI1 && !access.partition.startsWith(PERSON_LOOKUP)) {
      // A jurisdiction-wide list: only a bureau, and only at or below its own jurisdiction.
      const path = jurisdictionOfPrefix(access.sortPrefix);
      const p = this.principal;
      if (p.kind !== 'bureau' || !path || !jurisdictionCovers(p.jurisdiction, path))
        return `A jurisdiction list (${access.partition}, ${access.sortPrefix ?? 'no prefix'}) outside the caller's jurisdiction`;
    }
    if (access.index === GSI2) {
      // A partition of the due-date index is one jurisdiction's (DUE#<path>): a bureau reads its own and those below.
      const p = this.principal;
      if (p.kind !== 'bureau') return 'The due-date index is read by bureaus only';
      const path = access.partition.startsWith(DUE_PARTITION) ? access.partition.slice(DUE_PARTITION.length) : '';
      if (!path || !jurisdictionCovers(p.jurisdiction, path))
        return `A due-date partition (${access.partition}) outside the caller's jurisdiction`;
    }
    return undefined;
  }
}

/**
 * The jurisdiction a list's sort-key prefix is limited to: `<path>/` (everything at or below it) or `<path>/#…`
 * (one mine's or one status's items there). Undefined when the prefix names no jurisdiction.
 */
function jurisdictionOfPrefix(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  const cut = prefix.indexOf('/#');
  if (cut > 0) return prefix.slice(0, cut);
  return prefix.endsWith('/') ? prefix.slice(0, -1) : undefined;
}

/** What a mine's scope may not address: another mine's partition, or a list across mines. */
function mineRefusal(mineId: string, access: PartitionAccess): string | undefined {
  const own = pk.mine(mineId);
  if (access.partition.startsWith(MINE_PARTITION) && access.partition !== own)
    return `Mine ${mineId}'s scope cannot reach ${access.partition}`;
  if (access.index === GSI3 && access.partition !== `CREDIT#${mineId}`)
    return `Mine ${mineId}'s scope cannot read ${access.partition} of the credit index`;
  if (
    access.index !== undefined &&
    access.index !== GSI3 &&
    !access.partition.startsWith(PERSON_LOOKUP) &&
    access.partition !== `CONTACTS#mine#${mineId}`
  )
    return `Mine ${mineId}'s scope cannot read the ${access.index} list ${access.partition}`;
  const owner = access.item?.mineId;
  if (access.write && owner !== undefined && owner !== mineId)
    return `Mine ${mineId}'s scope cannot write an item of mine ${String(owner)}`;
  return undefined;
}

export const mineNotFound = (mineId: string): NotFoundError => new NotFoundError(`Mine ${mineId} not found`);
