import { BLACKLIST_STATUS_LABELS, type BlacklistStatus } from '#lib/blacklist/vocabulary.ts';
import { NotFoundError } from '#lib/errors.ts';
import {
  type PersonFileKind,
  type PersonFileRef,
  personFilePartition,
  personKeyOf,
} from '#lib/registry/responsible-persons.ts';
import { PERSON_ROLE_LABELS } from '#lib/registry/vocabulary.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { MineTenancy, TenantStore } from '#lib/store/tenant-store.ts';

/**
 * A person's file (个人档案): what a key person (关键少数) was named in, across the mines the caller may see. Read
 * from the person's own partitions, never by scanning: the pointers the records leave under the person
 * (PERSONFILE#<person key>), the person's posts at other mines (GSI1 PERSONID#<hash>, the resident-ID index) and
 * the blacklist entries about the person (SUBJECT#person#<hash>). Each item names its mine; only the mines the
 * caller may see (a bureau its jurisdiction, a mine user its own mine) are kept, checked against the mines' profiles
 * as they stand today. The resident ID appears masked only.
 */
export const PERSON_FILE_KIND_LABELS: Record<PersonFileKind, string> = {
  violation: '违法违规行为',
  accident: '生产安全事故',
  penalty: '行政处罚',
};

interface PersonItem {
  readonly personId: string;
  readonly mineId: string;
  readonly role: keyof typeof PERSON_ROLE_LABELS;
  readonly name: string;
  readonly residentIdMasked: string;
  readonly residentIdHash: string;
}

type StoredRef = PersonFileRef & {
  readonly roles?: readonly string[];
  readonly name?: string;
  readonly residentIdMasked?: string;
};

interface StoredEntry {
  readonly entryId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly status: BlacklistStatus;
  readonly proposedAt: string;
  readonly listedOn?: string;
  readonly endsOn?: string;
  readonly person?: { readonly roleLabel: string };
}

export async function personFile(store: TenantStore, mineId: string, personId: string) {
  const { db } = await store.mine(mineId);
  const person = await getItem<PersonItem>(db, { PK: pk.mine(mineId), SK: sk.person(personId) });
  const key = personKeyOf(personId);
  const [refs, posts, entries] = await Promise.all([
    queryAll<StoredRef>(store.shared, { partition: personFilePartition(key) }),
    // A mine user sees only its own mine, so its file's posts are its own post: the resident-ID index lists every
    // mine's, and a mine's credentials may not read it (lib/auth/mine-session-policy.ts).
    person && store.principal.kind !== 'mine'
      ? queryAll<PersonItem>(store.shared, { index: 'GSI1', partition: gsi1.personById(person.residentIdHash) })
      : Promise.resolve(person ? [person] : ([] as PersonItem[])),
    person
      ? queryAll<StoredEntry>(store.shared, {
          partition: pk.subject('person', person.residentIdHash),
          beginsWith: sk.blacklistEntryPrefix,
        })
      : Promise.resolve([] as StoredEntry[]),
  ]);
  const { profiles } = await store.mines<MineTenancy & { name?: string }>(
    [...refs.map((r) => r.mineId), ...posts.map((p) => p.mineId), ...entries.map((e) => e.mineId)],
    ['name'],
  );
  const seen = new Map(profiles.map((p) => [p.mineId, p]));
  const named = refs
    .filter((r) => seen.has(r.mineId))
    .map((r) => ({
      kind: r.kind,
      kindLabel: PERSON_FILE_KIND_LABELS[r.kind],
      recordId: r.recordId,
      mineId: r.mineId,
      mineName: seen.get(r.mineId)?.name ?? r.mineName,
      date: r.date,
      title: r.title,
      roles: [...(r.roles ?? [])],
    }))
    .sort((a, b) => b.date.localeCompare(a.date) || a.recordId.localeCompare(b.recordId));
  // The person as this mine's file knows them; else as the latest record naming them did.
  const latest = refs.filter((r) => seen.has(r.mineId)).sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!person && !latest) throw new NotFoundError(`关键人员 ${personId} 不存在`);
  return {
    personKey: key,
    personId,
    name: person?.name ?? latest?.name ?? '',
    residentIdMasked: person?.residentIdMasked ?? latest?.residentIdMasked ?? '',
    posts: posts
      .filter((p) => seen.has(p.mineId))
      .map((p) => ({
        personId: p.personId,
        mineId: p.mineId,
        mineName: seen.get(p.mineId)?.name ?? p.mineId,
        role: p.role,
        roleLabel: PERSON_ROLE_LABELS[p.role],
      })),
    named,
    blacklist: entries
      .filter((e) => seen.has(e.mineId))
      .map((e) => ({
        entryId: e.entryId,
        mineId: e.mineId,
        mineName: seen.get(e.mineId)?.name ?? e.mineName,
        status: e.status,
        statusLabel: BLACKLIST_STATUS_LABELS[e.status],
        ...(e.person?.roleLabel ? { roleLabel: e.person.roleLabel } : {}),
        proposedAt: e.proposedAt,
        ...(e.listedOn ? { listedOn: e.listedOn } : {}),
        ...(e.endsOn ? { endsOn: e.endsOn } : {}),
      })),
  };
}
