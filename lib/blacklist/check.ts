import { residentIdHash } from '#lib/registry/pii.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { BlacklistEntry, SubjectType } from './entry.ts';
import type { Scope } from './grounds.ts';
import { type PublicEntry, publicEntry } from './public-list.ts';

/**
 * The partner departments' question (联合惩戒): is this enterprise or person restricted for this scope today? The
 * answer carries the entries that restrict it with their grounds and basis, in their published form only: a
 * person is found by the keyed hash of the ID asked about, and the ID itself is neither stored nor returned.
 */
export interface CheckQuery {
  readonly subjectType: SubjectType;
  readonly creditCode?: string | undefined;
  readonly residentId?: string | undefined;
  readonly scope: Scope;
}

export async function checkRestriction(db: Db, query: CheckQuery) {
  const key = query.subjectType === 'enterprise' ? query.creditCode! : await residentIdHash(query.residentId!);
  const today = todayInShanghai(db.now());
  const items = await queryAll<Record<string, unknown>>(db, {
    partition: pk.subject(query.subjectType, key),
    beginsWith: sk.blacklistEntryPrefix,
  });
  const entries = items
    .map((i) => stripKeys(i) as unknown as BlacklistEntry)
    .filter(
      (e) => e.status === 'published' && e.listedOn! <= today && today < e.endsOn! && e.scopes.includes(query.scope),
    );
  const shown: PublicEntry[] = entries.map(publicEntry);
  return {
    restricted: shown.length > 0,
    subjectType: query.subjectType,
    scope: query.scope,
    checkedOn: today,
    entries: shown,
  };
}
