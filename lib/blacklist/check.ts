import type { Principal } from '#lib/auth/principal.ts';
import { TooManyRequestsError } from '#lib/errors.ts';
import { logger } from '#lib/observability/powertools.ts';
import { residentIdHash } from '#lib/registry/pii.ts';
import { consumeQuota } from '#lib/store/counters.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { maskResidentId } from '#lib/validators/resident-id.ts';
import { blacklistPolicy } from './blacklist-policy.ts';
import { countMisses } from './check-alert.ts';
import { type CheckRecord, type CheckTouch, checkCaller, recordCheck, touchedJurisdictions } from './check-log.ts';
import type { BlacklistEntry, SubjectType } from './entry.ts';
import type { Scope } from './grounds.ts';
import { sameName } from './person-name.ts';
import { listedWithMask, type PublicEntry, publicEntry } from './public-list.ts';

/**
 * The partner departments' question (联合惩戒): is this enterprise or person restricted for this scope today? The
 * answer carries the entries that restrict it with their grounds and basis, in their published form only.
 *
 * A person is asked about by name and resident ID, and is restricted only when both match a listed person: the ID
 * through its keyed hash (the ID itself is neither stored nor returned), the name as `person-name.ts` compares it.
 * Any mismatch answers exactly as for a person never listed, so an answer never says which part was wrong.
 *
 * The check must not be an oracle for the ID: the public list shows a listed person's name and every digit of the
 * ID but the eight of the birth date, which leaves about 2,000 plausible IDs. So each caller has a quota of person
 * checks an hour (the blacklist policy's `personChecksPerHour`), counted in the table so it holds across every
 * instance and taken before anything is looked up (a refusal says nothing about the subject); every check is
 * recorded before it is answered (`check-log.ts`), filed with the bureau whose listed person it named; and a caller
 * who keeps missing a listed person is reported to that bureau's leaders (`check-alert.ts`). Enterprise checks ask
 * about public data (the list shows the credit code): they are recorded but take no quota.
 */
export interface CheckQuery {
  readonly subjectType: SubjectType;
  readonly creditCode?: string | undefined;
  /** Normalised by the request schema (trimmed, upper-case X). */
  readonly residentId?: string | undefined;
  readonly name?: string | undefined;
  readonly scope: Scope;
}

export interface CheckAnswer {
  readonly checkId: string;
  readonly restricted: boolean;
  readonly subjectType: SubjectType;
  readonly scope: Scope;
  readonly checkedOn: string;
  readonly entries: PublicEntry[];
}

const HOUR_SECONDS = 3600;

export async function checkRestriction(store: TenantStore, query: CheckQuery): Promise<CheckAnswer> {
  const db = store.shared;
  if (query.subjectType === 'person') await takePersonCheck(db, store.principal);
  const today = todayInShanghai(db.now());
  const found =
    query.subjectType === 'person' ? await findPerson(db, query, today) : await findEnterprise(db, query, today);
  const restricting = found.entries.filter((e) => found.restricts(e));
  const record: CheckRecord = {
    checkId: db.newId('chk'),
    at: db.now().toISOString(),
    checkedOn: today,
    caller: checkCaller(store.principal),
    subjectType: query.subjectType,
    scope: query.scope,
    ...(query.subjectType === 'person'
      ? { subjectName: query.name!, residentIdMasked: maskResidentId(query.residentId!) }
      : { creditCode: query.creditCode! }),
    restricted: restricting.length > 0,
  };
  // What the check was about, as far as the public list goes: the subject's listed entries and, for a person, every
  // listed person whose ID the list shows alike. Only what is public, so not even the time the record takes to write
  // tells the caller anything the list does not.
  const touches = new Map<string, CheckTouch>();
  for (const e of found.entries.filter((x) => x.status === 'published'))
    touches.set(e.entryId, { entryId: e.entryId, jurisdiction: e.jurisdiction, restricting: restricting.includes(e) });
  for (const m of found.sameMask) if (!touches.has(m.entryId)) touches.set(m.entryId, { ...m, restricting: false });
  // No answer without its record: a failed write fails the check.
  await recordCheck(db, record, [...touches.values()]);
  if (query.subjectType === 'person' && !record.restricted && touches.size > 0) {
    await countMisses(db, record, touchedJurisdictions([...touches.values()])).catch((error: unknown) =>
      logger.error('Blacklist check recorded, but its misses could not be counted', error as Error),
    );
  }
  return {
    checkId: record.checkId,
    restricted: record.restricted,
    subjectType: query.subjectType,
    scope: query.scope,
    checkedOn: today,
    entries: restricting.map(publicEntry),
  };
}

/**
 * The caller's quota: a bureau user's is the policy in force for their jurisdiction; a partner department has no
 * jurisdiction, so its quota is the product's (it cannot depend on the subject asked about: a 429 that came sooner
 * for some subjects than others would itself tell something).
 */
async function personChecksPerHour(db: Db, caller: Principal): Promise<number> {
  if (caller.kind !== 'bureau') return blacklistPolicy.defaults.personChecksPerHour;
  return (await blacklistPolicy.inForce(db, caller.jurisdiction)).values.personChecksPerHour;
}

async function takePersonCheck(db: Db, caller: Principal): Promise<void> {
  const limit = await personChecksPerHour(db, caller);
  const outcome = await consumeQuota(db, `blacklist-person-check#${caller.sub}`, limit, HOUR_SECONDS);
  if (outcome.granted) return;
  logger.warn('Person check refused: hourly quota used up', { sub: caller.sub, limit });
  const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
  throw new TooManyRequestsError(
    `每个账号每小时最多查询个人 ${limit} 次，本小时已用完，请约 ${minutes} 分钟后再查询。`,
    outcome.retryAfterSeconds,
  );
}

interface Found {
  /** The subject's entries, whatever their status. */
  readonly entries: BlacklistEntry[];
  /** Published persons whose masked ID is the one asked about. */
  readonly sameMask: readonly { entryId: string; jurisdiction: string }[];
  readonly restricts: (e: BlacklistEntry) => boolean;
}

const listedFor = (e: BlacklistEntry, today: string, scope: Scope): boolean =>
  e.status === 'published' && e.listedOn! <= today && today < e.endsOn! && e.scopes.includes(scope);

async function entriesOf(db: Db, subjectType: SubjectType, key: string): Promise<BlacklistEntry[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    partition: pk.subject(subjectType, key),
    beginsWith: sk.blacklistEntryPrefix,
  });
  return items.map((i) => stripKeys(i) as unknown as BlacklistEntry);
}

async function findEnterprise(db: Db, query: CheckQuery, today: string): Promise<Found> {
  const entries = await entriesOf(db, 'enterprise', query.creditCode!);
  return { entries, sameMask: [], restricts: (e) => listedFor(e, today, query.scope) };
}

/** The same two reads whatever is found, so neither the answer nor its timing tells a wrong name from a wrong ID. */
async function findPerson(db: Db, query: CheckQuery, today: string): Promise<Found> {
  const [entries, sameMask] = await Promise.all([
    residentIdHash(query.residentId!).then((hash) => entriesOf(db, 'person', hash)),
    listedWithMask(db, maskResidentId(query.residentId!)),
  ]);
  return {
    entries,
    sameMask,
    restricts: (e) => listedFor(e, today, query.scope) && sameName(e.subjectName, query.name!),
  };
}
