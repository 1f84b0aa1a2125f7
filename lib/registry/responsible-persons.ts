import { RuleError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { put, remove, type Write } from '#lib/store/transact.ts';
import { PERSON_ROLE_LABELS, type PERSON_ROLES, type PersonFileKind } from './vocabulary.ts';

export { PERSON_FILE_KINDS, type PersonFileKind } from './vocabulary.ts';

/**
 * The responsible key persons (关键少数) a violation, an accident or a penalty names. A record names persons of its
 * own mine only, as they stand on the mine's file when named: name, role and the masked ID are copied onto the
 * record, so the record reads the same after the person leaves the file. Each naming leaves a pointer under the
 * person (PK PERSONFILE#<person key>, SK <KIND>#<recordId>), written and removed in the record's own transaction,
 * so a person's file across mines is one query, never a scan. The person key is the part of the person id that the
 * keyed hash of the resident ID gives (persons.ts): the same person at two mines, or in two roles, has one key.
 * A pointer names its mine, not a jurisdiction: who may see it is decided by the mine's profile when read, so a
 * mine's move leaves the pointers as they are.
 */
export interface NamedPerson {
  readonly personId: string;
  readonly name: string;
  readonly role: (typeof PERSON_ROLES)[number];
  readonly roleLabel: string;
  readonly residentIdMasked: string;
}

/** What a person's file shows of a record naming them, stored on the pointer. */
export interface PersonFileRef {
  readonly kind: PersonFileKind;
  readonly recordId: string;
  readonly mineId: string;
  /** The mine's name when named (the file shows the name the mine has today). */
  readonly mineName: string;
  /** The record's business date. */
  readonly date: string;
  /** A short line: the category, the accident's level, the penalty's decision. */
  readonly title: string;
}

/** The person key of a person id (`p-<12 hex of the ID hash>-<role>`); the id itself for any other form. */
export const personKeyOf = (personId: string): string => /^p-([0-9a-f]{12})-/.exec(personId)?.[1] ?? personId;

export const personFilePartition = (personKey: string) => `PERSONFILE#${personKey}`;
const pointerSk = (kind: PersonFileKind, recordId: string) => `${kind.toUpperCase()}#${recordId}`;

interface StoredPerson {
  readonly personId: string;
  readonly name: string;
  readonly role: (typeof PERSON_ROLES)[number];
  readonly residentIdMasked: string;
}

/**
 * The persons `ids` name, checked against the mine's key persons: each must be one of them now, or already be named
 * on the record (`before`, a correction of an older record whose person has since left the file). Refused with 422
 * naming the entry (`<field>.<i>`). Undefined ids: the record names whom it named before.
 */
export async function namePersons(
  db: Db,
  mineId: string,
  ids: readonly string[] | undefined,
  field: string,
  before: readonly NamedPerson[] = [],
): Promise<NamedPerson[]> {
  if (ids === undefined) return [...before];
  const unique = [...new Set(ids)];
  const found = await Promise.all(
    unique.map((personId) => getItem<StoredPerson>(db, { PK: pk.mine(mineId), SK: sk.person(personId) })),
  );
  const problems: { field: string; message: string }[] = [];
  const named: NamedPerson[] = [];
  unique.forEach((personId, i) => {
    const person = found[i];
    const earlier = before.find((p) => p.personId === personId);
    if (person) named.push(namedPerson(person));
    else if (earlier) named.push(earlier);
    else problems.push({ field: `${field}.${ids.indexOf(personId)}`, message: '不是本矿登记的关键人员' });
  });
  if (problems.length > 0) throw new RuleError('责任人须为本矿登记的关键人员', problems);
  return named;
}

export const namedPerson = (p: StoredPerson): NamedPerson => ({
  personId: p.personId,
  name: p.name,
  role: p.role,
  roleLabel: PERSON_ROLE_LABELS[p.role],
  residentIdMasked: p.residentIdMasked,
});

/**
 * The pointer writes that keep the persons' files in step with a record: a pointer for each person named after the
 * change (refreshed, as its date or title may have changed) and the removal of each pointer no longer named. One
 * write per person key (two roles of one person are one pointer).
 */
export function personFileWrites(
  db: Db,
  ref: PersonFileRef,
  before: readonly NamedPerson[],
  after: readonly NamedPerson[],
): Write[] {
  const afterKeys = new Map<string, NamedPerson[]>();
  for (const p of after) afterKeys.set(personKeyOf(p.personId), [...(afterKeys.get(personKeyOf(p.personId)) ?? []), p]);
  const beforeKeys = new Set(before.map((p) => personKeyOf(p.personId)));
  const unchanged = before.length === after.length && before.every((p, i) => p.personId === after[i]?.personId);
  const writes: Write[] = [];
  for (const key of beforeKeys)
    if (!afterKeys.has(key))
      writes.push(remove(db, { PK: personFilePartition(key), SK: pointerSk(ref.kind, ref.recordId) }));
  if (unchanged && after.length === 0) return writes;
  for (const [key, persons] of afterKeys)
    writes.push(
      put(db, {
        PK: personFilePartition(key),
        SK: pointerSk(ref.kind, ref.recordId),
        entity: 'personFileRef',
        ...ref,
        roles: persons.map((p) => p.roleLabel),
        name: persons[0]!.name,
        residentIdMasked: persons[0]!.residentIdMasked,
      }),
    );
  return writes;
}
