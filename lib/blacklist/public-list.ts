import { NotFoundError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { Page, PageRequest } from '#lib/store/pagination.ts';
import { getItem, queryAll, queryPage } from '#lib/store/query.ts';
import { put, remove, type Write } from '#lib/store/transact.ts';
import type { BlacklistEntry } from './entry.ts';
import { SCOPE_LABELS } from './grounds.ts';

/**
 * The public list (公示): a projection of each published entry holding only what may be published (name, credit
 * code, grounds, legal basis, decision number, dates; a person's ID masked and nothing else about the person). It
 * is written with the entry's publication and deleted when it leaves the list, and the public routes read nothing
 * else, so no field of the full entry can reach an anonymous caller.
 *
 * Published persons are also found by their masked ID (`LISTEDMASK#…`), the part of the ID the list shows: a check
 * naming a listed person's visible digits is about that person, whatever birth date it tries, and the bureau that
 * listed the person sees it (lib/blacklist/check-log.ts).
 *
 * | access pattern                      | table / index | key condition                                     |
 * |-------------------------------------|---------------|---------------------------------------------------|
 * | one published entry                 | table         | PK = PUBLICENTRY#<entryId>, SK = PUBLIC           |
 * | every published entry, newest first | GSI1          | GSI1PK = PUBLICBLACKLIST, GSI1SK = <listedOn>#<entryId> |
 * | published persons by masked ID      | table         | PK = LISTEDMASK#<masked ID>, begins_with(SK, ENTRY#) |
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

const maskedKey = (residentIdMasked: string, entryId: string) => ({
  PK: pk.listedMask(residentIdMasked),
  SK: sk.blacklistEntry(entryId),
});

/**
 * The public list's writes for a change of an entry, in the entry's transaction: its projection (and, for a
 * person, the masked-ID pointer) put while it is published, deleted when it leaves the list.
 */
export function publicListWrites(db: Db, before: BlacklistEntry, after: BlacklistEntry): Write[] {
  const person = after.subjectType === 'person' ? after.person : undefined;
  if (after.status === 'published') {
    return [
      put(db, publicEntryItem(after)),
      ...(person
        ? [
            put(db, {
              ...maskedKey(person.residentIdMasked, after.entryId),
              entity: 'listedMask',
              entryId: after.entryId,
              jurisdiction: after.jurisdiction,
            }),
          ]
        : []),
    ];
  }
  if (before.status !== 'published') return [];
  return [
    remove(db, publicEntryKey(after.entryId)),
    ...(person ? [remove(db, maskedKey(person.residentIdMasked, after.entryId))] : []),
  ];
}

/** The published persons whose ID reads like this one on the public list: their entries and jurisdictions. */
export async function listedWithMask(
  db: Db,
  residentIdMasked: string,
): Promise<{ entryId: string; jurisdiction: string }[]> {
  const items = await queryAll<{ entryId: string; jurisdiction: string }>(db, {
    partition: pk.listedMask(residentIdMasked),
    beginsWith: sk.blacklistEntryPrefix,
  });
  return items.map(({ entryId, jurisdiction }) => ({ entryId, jurisdiction }));
}

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
