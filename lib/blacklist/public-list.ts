import { NotFoundError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { getItem, queryPage } from '#lib/store/query.ts';
import type { BlacklistEntry } from './entry.ts';
import { SCOPE_LABELS } from './grounds.ts';

/**
 * The public list (公示): a projection of each published entry holding only what may be published (name, credit
 * code, grounds, legal basis, decision number, dates; a person's ID masked and nothing else about the person). It
 * is written with the entry's publication and deleted when it leaves the list, and the public routes read nothing
 * else, so no field of the full entry can reach an anonymous caller.
 *
 * | access pattern                      | table / index | key condition                                     |
 * |-------------------------------------|---------------|---------------------------------------------------|
 * | one published entry                 | table         | PK = PUBLICENTRY#<entryId>, SK = PUBLIC           |
 * | every published entry, newest first | GSI1          | GSI1PK = PUBLICBLACKLIST, GSI1SK = <listedOn>#<entryId> |
 */
const PUBLIC_PARTITION = 'PUBLICBLACKLIST';
export const publicEntryKey = (entryId: string) => ({ PK: `PUBLICENTRY#${entryId}`, SK: 'PUBLIC' });

export interface PublicEntry {
  readonly entryId: string;
  readonly subjectType: 'enterprise' | 'person';
  readonly name: string;
  /** Enterprises only. */
  readonly creditCode?: string;
  /** Persons only: digits 7–14 hidden. */
  readonly residentIdMasked?: string;
  readonly grounds: readonly { readonly code: string; readonly name: string; readonly basis: string }[];
  readonly decisionNo: string;
  readonly listedOn: string;
  readonly endsOn: string;
  readonly restrictions: readonly string[];
}

export function publicEntry(e: BlacklistEntry): PublicEntry {
  return {
    entryId: e.entryId,
    subjectType: e.subjectType,
    name: e.subjectName,
    ...(e.subjectType === 'enterprise'
      ? { creditCode: e.creditCode }
      : { residentIdMasked: e.person!.residentIdMasked }),
    grounds: e.grounds.map((g) => ({ code: g.code, name: g.name, basis: g.basis })),
    decisionNo: e.decisionNo!,
    listedOn: e.listedOn!,
    endsOn: e.endsOn!,
    restrictions: e.scopes.map((s) => SCOPE_LABELS[s]),
  };
}

export const publicEntryItem = (e: BlacklistEntry) => ({
  ...publicEntryKey(e.entryId),
  entity: 'publicBlacklistEntry',
  GSI1PK: PUBLIC_PARTITION,
  GSI1SK: `${e.listedOn}#${e.entryId}`,
  ...publicEntry(e),
});

export async function listPublicEntries(db: Db, page: PageRequest): Promise<Page<PublicEntry>> {
  const found = await queryPage<Record<string, unknown>>(
    db,
    { index: 'GSI1', partition: PUBLIC_PARTITION, newestFirst: true },
    page,
  );
  return { items: found.items.map((i) => stripKeys(i) as unknown as PublicEntry), nextCursor: found.nextCursor };
}

export async function getPublicEntry(db: Db, entryId: string): Promise<PublicEntry> {
  const item = await getItem<Record<string, unknown>>(db, publicEntryKey(entryId));
  if (!item) throw new NotFoundError(`名单记录 ${entryId} 未公示或不存在`);
  return stripKeys(item) as unknown as PublicEntry;
}
