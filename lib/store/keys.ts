/**
 * Key builders for the single table, and the access patterns they serve. Every read is a GetItem, a Query or a
 * batch of them on one of these keys; nothing scans.
 *
 * | access pattern                               | table / index | key condition                                        |
 * |----------------------------------------------|---------------|------------------------------------------------------|
 * | mine profile                                  | table         | PK = MINE#<id>, SK = PROFILE                          |
 * | mines of a jurisdiction (prefix, any depth)   | GSI1          | GSI1PK = MINES#<province>, begins_with(GSI1SK, <path>/) |
 * | mine by credit code (unique)                  | table         | PK = CREDITCODE#<code>, SK = MINE                     |
 * | status history of a mine, by effective date   | table         | PK = MINE#<id>, begins_with(SK, STATUS#)              |
 * | licences of a mine / one licence              | table         | PK = MINE#<id>, begins_with(SK, LICENCE#) / = LICENCE#<type> |
 * | periodic duties of a mine (appraisal, drills) | table         | PK = MINE#<id>, begins_with(SK, DUTY#) / = DUTY#<type>        |
 * | periodic duties next due on a date            | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <nextDueOn>#DUTY#<mineId>#<duty> |
 * | key persons of a mine                         | table         | PK = MINE#<id>, begins_with(SK, PERSON#)              |
 * | key person by resident ID (hash)              | GSI1          | GSI1PK = PERSONID#<hash>                              |
 * | the register of a mine: equipment and meters, | table         | PK = MINE#<id>, begins_with(SK, REG#) (one query: the register on any date) |
 * |   each item with its dated versions           | table         | PK = MINE#<id>, SK = REG#EQUIP#<id> / REG#METER#<id> |
 * | the whole register of a mine on one item     | table         | PK = MINE#<id>, SK = REGISTER (batch-get with the profiles) |
 * | the approved headcount of a mine, every version | table       | PK = MINE#<id>, SK = HEADCOUNT (batch-get with the profiles) |
 * | register change requests of a mine / one     | table         | PK = MINE#<id>, begins_with(SK, REGREQ#) / = REGREQ#<id> |
 * | pending register change requests of a jurisdiction | GSI1     | GSI1PK = REGREQUESTS#<province>, begins_with(GSI1SK, <path>/) (only while pending) |
 * | audit events of a mine, newest first          | table         | PK = MINE#<id>, begins_with(SK, AUDIT#), descending   |
 * | a jurisdiction's deadlines over [from, to]    | GSI2          | GSI2PK = DUE#<path>, GSI2SK BETWEEN <from># AND <to>#~ (GSI2SK = <date>#<kind>#<mineId>#<ref>; <path>: the mine's jurisdiction, or the jurisdiction of an item of no mine; read through lib/store/due-index.ts) |
 * | idempotency record of a retried write         | table         | PK = IDEMPOTENCY#<hash of caller, route, key>, SK = RECORD (TTL) |
 * | every jurisdiction that has mines             | table         | PK = JURISDICTIONS, SK = <path>                       |
 * | a grid account's meter on each date (unique)  | table         | PK = GRIDACCOUNT#<no>, SK = BINDINGS (batch-get per import chunk) |
 * | a bulk import, its chunks and rejected rows   | table         | PK = IMPORT#<id>, SK = META / CHUNK#<n> / REJECT#<row> |
 * | hazards of a mine / one hazard                | table         | PK = MINE#<id>, begins_with(SK, HAZARD#) / SK = HAZARD#<id> |
 * | hazards of a jurisdiction, by status          | GSI1          | GSI1PK = HAZARDS#<province>, begins_with(GSI1SK, <path>/) |
 * | a hazard by id (from /v1/hazards/{hazardId})  | table         | PK = HAZARDID#<id>, SK = HAZARD (pointer to its mine) |
 * | open hazards due on a date (reminder scan)    | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <deadline>#HAZARD#<mineId>#<id> (only while open) |
 * | open hazards of a mine (its file)             | GSI3          | GSI3PK = CREDIT#<mineId>, begins_with(GSI3SK, OPEN#HAZARD#) (until verified) |
 * | penalties of a mine / one penalty             | table         | PK = MINE#<id>, begins_with(SK, PENALTY#) / = PENALTY#<id> |
 * | penalties of a jurisdiction                   | GSI1          | GSI1PK = PENALTIES#<province>, begins_with(GSI1SK, <path>/) |
 * | a penalty by id (from /v1/penalties/{id})     | table         | PK = PENALTYID#<id>, SK = PENALTY (pointer to its mine) |
 * | penalties in force, not executed, by due date | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <date>#PENALTY#<mineId>#<id> |
 * | readings of a mine over dates                 | table         | PK = MINE#<id>, SK BETWEEN POWER#<from> AND POWER#<to>~ |
 * | revisions of a mine's readings                | table         | PK = MINE#<id>, begins_with(SK, POWERREV#<date>)      |
 * | monitoring feeds of a mine-day / over dates   | table         | PK = MINE#<id>, SK = MONITOR#<date> / BETWEEN MONITOR#<from> AND MONITOR#<to> (one item per day, both feeds; batch-get with the profile) |
 * | review of a mine-day / over dates             | table         | PK = MINE#<id>, SK = REVIEW#<date> / BETWEEN          |
 * | reviews of a jurisdiction on a date           | GSI1          | GSI1PK = REVIEWS#<province>#<date>, begins_with(GSI1SK, <path>/) |
 * | the review's flagged days and case spans     | table         | PK = MINE#<id>, SK = POWERFLAGS (batch-get with the profiles) |
 * | the open case of a mine for a rule            | table         | PK = MINE#<id>, SK = OPENCASE#<rule>                  |
 * | a case / a rule's findings sent to cases       | table         | PK = MINE#<id>, SK = CASE#<id> / FINDING#<rule>#<date> |
 * | violations / inspections / accidents / interviews of a mine, by date (keys: lib/store/dated-records.ts)      |
 * |                                               | table         | PK = MINE#<id>, SK BETWEEN <P>#<from> AND <P>#<to>#~ |
 * | … of a jurisdiction                           | GSI1          | GSI1PK = VIOLATIONS# / INSPECTIONS# / ACCIDENTS# / INTERVIEWS#<province>, begins_with(GSI1SK, <path>/) |
 * | a violation / inspection / accident / interview by id | table         | PK = <P>ID#<id>, SK = <P> (pointer: mineId, itemSk) |
 * | a mine's last done inspection                 | table         | PK = MINE#<id>, SK = LASTINSPECTION                   |
 * | planned inspections due on a date             | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <plannedOn>#INSPECTION#<mineId>#<id> (only while planned) |
 * | cases of a jurisdiction, by status            | GSI1          | GSI1PK = CASES#<province>, begins_with(GSI1SK, <path>/) |
 * | a case by id (from /v1/cases/{caseId})        | table         | PK = CASEID#<id>, SK = CASE (pointer to its mine)     |
 * | a policy of a jurisdiction, current / version | table         | PK = JUR#<path>, SK = POLICY#<name>#CURRENT / #V#<n>  |
 * | changes of a policy awaiting a second signature | table       | PK = JUR#<path>, begins_with(SK, POLICYCHANGE#<name>#) (filter: pending) |
 * | a jurisdiction's name and its bureau's        | table         | PK = JUR#<path>, SK = NAME (batch-get with the ancestors) |
 * | the daily report, the nightly run's progress  | table         | PK = JUR#<path>, SK = POWERREPORT#<date> / POWERRUN#<date> |
 * | every record that can move a mine's credit    | GSI3          | GSI3PK = CREDIT#<mineId>, GSI3SK >= <window start> (dates, then OPEN#…) |
 * | the same, of a bucket of mines (nightly job)  | GSI4          | GSI4PK = CREDITBUCKET#<bucket>, GSI4SK >= <window start> (then per mine) |
 * | a mine's credit, current / dated snapshots    | table         | PK = MINE#<id>, SK = CREDIT#CURRENT / BETWEEN CREDIT#<from> AND CREDIT#<to> |
 * | credit of a jurisdiction (filter by tier)     | GSI1          | GSI1PK = CREDIT#<province>, begins_with(GSI1SK, <path>/) |
 * | next inspection due by credit tier            | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <date>#INSPECTIONDUE#<mineId>#<tier> |
 * | tier overrides of a mine / one override       | table         | PK = MINE#<id>, begins_with(SK, CREDITOVERRIDE#) / = CREDITOVERRIDE#<id> |
 * | safety commitments of a mine, by year         | table         | PK = MINE#<id>, begins_with(SK, COMMITMENT#)          |
 * | notifications of a mine / of a jurisdiction   | table / GSI1  | PK = MINE#<id>, begins_with(SK, NOTIFICATION#) / GSI1PK = NOTIFICATIONS#<province>, begins_with(GSI1SK, <path>/) |
 * | blacklist entries of a subject / its open one | table         | PK = SUBJECT#<type>#<key>, begins_with(SK, ENTRY#) / SK = OPEN |
 * | a blacklist entry by id                       | table         | PK = BLACKLISTID#<id>, SK = ENTRY (pointer to its subject) |
 * | blacklist entries of a jurisdiction           | GSI1          | GSI1PK = BLACKLIST#<province>, begins_with(GSI1SK, <path>/) |
 * | published persons sharing a masked ID          | table         | PK = LISTEDMASK#<masked ID>, begins_with(SK, ENTRY#)  |
 * | one blacklist check: its record, its copies    | table         | PK = BLACKLISTCHECK#<checkId>, SK = RECORD / JUR#<path> |
 * | blacklist checks about a jurisdiction's subjects | GSI1        | GSI1PK = BLACKLISTCHECKS#<province>, begins_with(GSI1SK, <path>/) |
 * | a caller's use of a quota in one window       | table         | PK = QUOTA#<name>#<caller>#<window start>, SK = COUNT (TTL) |
 * | a counter of one day (or other period)        | table         | PK = COUNTER#<name>#…#<date>, SK = COUNT (TTL)        |
 * | an evidence upload waiting to be completed     | table         | PK = MINE#<id>, SK = UPLOAD#<uploadId> (TTL)          |
 * | the evidence files of a record                 | table         | PK = MINE#<id>, begins_with(SK, ATTACH#<kind>#<recordId>#) |
 * | a user of the directory (by token subject)    | table         | PK = USER#<sub>, SK = PROFILE                         |
 * | moves of a mine whose records are not all moved | table       | PK = MINEMOVES, SK = <mineId> (lib/registry/mine-move) |
 * | users of a jurisdiction (prefix, any depth)   | GSI1          | GSI1PK = USERS#<province>, begins_with(GSI1SK, <path>/) |
 */
export const pk = {
  mine: (mineId: string) => `MINE#${mineId}`,
  creditCode: (code: string) => `CREDITCODE#${code}`,
  /** A grid company account number: one item per account, so an account belongs to one meter at a time. */
  gridAccount: (accountNo: string) => `GRIDACCOUNT#${accountNo}`,
  idempotency: (hash: string) => `IDEMPOTENCY#${hash}`,
  jurisdictions: 'JURISDICTIONS',
  jurisdiction: (path: string) => `JUR#${path}`,
  caseId: (caseId: string) => `CASEID#${caseId}`,
  powerImport: (importId: string) => `IMPORT#${importId}`,
  hazardId: (hazardId: string) => `HAZARDID#${hazardId}`,
  penaltyId: (penaltyId: string) => `PENALTYID#${penaltyId}`,
  /** A blacklist subject: `enterprise` by credit code, `person` by the keyed hash of the resident ID. */
  subject: (type: string, key: string) => `SUBJECT#${type}#${key}`,
  blacklistId: (entryId: string) => `BLACKLISTID#${entryId}`,
  /** Published persons by the masked form of their ID (the public list's digits), to see who is asked about. */
  listedMask: (residentIdMasked: string) => `LISTEDMASK#${residentIdMasked}`,
  blacklistCheck: (checkId: string) => `BLACKLISTCHECK#${checkId}`,
  quota: (key: string, windowStart: string) => `QUOTA#${key}#${windowStart}`,
  counter: (key: string) => `COUNTER#${key}`,
  /** A person who signs in, by the token's subject: the directory entry and the contact (lib/notifications) live here. */
  user: (sub: string) => `USER#${sub}`,
  /** Moves under way: one item per mine, from the profile's change until its last record follows it. */
  pendingMoves: 'MINEMOVES',
} as const;

export const sk = {
  profile: 'PROFILE',
  jurisdictionName: 'NAME',
  creditCodeOwner: 'MINE',
  status: (effectiveDate: string, recordedAt: string) => `STATUS#${effectiveDate}#${recordedAt}`,
  statusPrefix: 'STATUS#',
  licence: (type: string) => `LICENCE#${type}`,
  licencePrefix: 'LICENCE#',
  duty: (type: string) => `DUTY#${type}`,
  dutyPrefix: 'DUTY#',
  person: (personId: string) => `PERSON#${personId}`,
  personPrefix: 'PERSON#',
  /** Equipment and meters share a prefix, so the register of a mine on any date is one query. */
  registerPrefix: 'REG#',
  equipment: (id: string) => `REG#EQUIP#${id}`,
  equipmentPrefix: 'REG#EQUIP#',
  meter: (id: string) => `REG#METER#${id}`,
  meterPrefix: 'REG#METER#',
  /** The whole register on one item, for the nightly review (lib/registry/register-set.ts); outside `REG#`. */
  registerSet: 'REGISTER',
  /** The approved headcount's whole timeline on one item (lib/registry/headcount.ts), batch-got with the profile. */
  headcount: 'HEADCOUNT',
  registerRequest: (requestId: string) => `REGREQ#${requestId}`,
  registerRequestPrefix: 'REGREQ#',
  gridAccountBindings: 'BINDINGS',
  audit: (at: string, eventId: string) => `AUDIT#${at}#${eventId}`,
  auditPrefix: 'AUDIT#',
  reading: (date: string, meterId: string) => `POWER#${date}#${meterId}`,
  readingsFrom: (date: string) => `POWER#${date}`,
  /** Sorts after every reading of `date`. */
  readingsTo: (date: string) => `POWER#${date}#~`,
  readingRevision: (date: string, meterId: string, revision: number) =>
    `POWERREV#${date}#${meterId}#${String(revision).padStart(4, '0')}`,
  readingRevisionsOf: (date: string) => `POWERREV#${date}#`,
  /** The monitoring feeds (people underground, gas) of one mine-day, on one item (lib/monitoring/feeds.ts). */
  monitor: (date: string) => `MONITOR#${date}`,
  review: (date: string) => `REVIEW#${date}`,
  /** Upper end of a range of reviews: sorts after every REVIEW#<date>. */
  reviewsTo: 'REVIEW#~',
  /**
   * What the review may not learn from: each flagged day (`day:<date>`) and each case's span (`case:<caseId>`), one
   * attribute each so every writer updates its own attribute and none overwrites another's.
   */
  powerFlags: 'POWERFLAGS',
  openCase: (rule: string) => `OPENCASE#${rule}`,
  case: (caseId: string) => `CASE#${caseId}`,
  casePrefix: 'CASE#',
  casePointer: 'CASE',
  policyCurrent: (name: string) => `POLICY#${name}#CURRENT`,
  policyVersion: (name: string, version: number) => `POLICY#${name}#V#${String(version).padStart(6, '0')}`,
  /** A change of a guarded setting, kept until a legal reviewer decides on it (and after, as its record). */
  policyChange: (name: string, changeId: string) => `POLICYCHANGE#${name}#${changeId}`,
  policyChangePrefix: (name: string) => `POLICYCHANGE#${name}#`,
  powerReport: (date: string) => `POWERREPORT#${date}`,
  powerRun: (date: string) => `POWERRUN#${date}`,
  importMeta: 'META',
  importChunk: (chunk: number) => `CHUNK#${String(chunk).padStart(5, '0')}`,
  importReject: (row: number) => `REJECT#${String(row).padStart(7, '0')}`,
  importRejectPrefix: 'REJECT#',
  hazard: (hazardId: string) => `HAZARD#${hazardId}`,
  hazardPrefix: 'HAZARD#',
  hazardPointer: 'HAZARD',
  penalty: (penaltyId: string) => `PENALTY#${penaltyId}`,
  penaltyPrefix: 'PENALTY#',
  penaltyPointer: 'PENALTY',
  /** The finding of a rule on a day, recorded once as evidence of the case it went to. */
  finding: (rule: string, date: string) => `FINDING#${rule}#${date}`,
  findingsOf: (rule: string) => `FINDING#${rule}#`,
  creditCurrent: 'CREDIT#CURRENT',
  creditSnapshot: (date: string) => `CREDIT#${date}`,
  creditOverride: (overrideId: string) => `CREDITOVERRIDE#${overrideId}`,
  creditOverridePrefix: 'CREDITOVERRIDE#',
  commitment: (year: number) => `COMMITMENT#${year}`,
  commitmentPrefix: 'COMMITMENT#',
  notification: (id: string) => `NOTIFICATION#${id}`,
  notificationPrefix: 'NOTIFICATION#',
  blacklistEntry: (entryId: string) => `ENTRY#${entryId}`,
  blacklistEntryPrefix: 'ENTRY#',
  /** The one proposed or listed entry a subject may have at a time. */
  blacklistOpen: 'OPEN',
  blacklistPointer: 'ENTRY',
  blacklistCheckRecord: 'RECORD',
  blacklistCheckCopy: (jurisdiction: string) => `JUR#${jurisdiction}`,
  count: 'COUNT',
  /** A user's directory entry: role, jurisdiction or mine, name, active. */
  userProfile: 'PROFILE',
} as const;

export const gsi1 = {
  /** Mines partition by province so a city or district bureau queries a prefix of the path. */
  minesOfProvince: (jurisdiction: string) => `MINES#${jurisdiction.split('/')[0]}`,
  mineInJurisdiction: (jurisdiction: string, mineId: string) => `${jurisdiction}/#${mineId}`,
  /** Prefix matching a jurisdiction and everything below it, never a sibling that shares letters. */
  jurisdictionPrefix: (jurisdiction: string) => `${jurisdiction}/`,
  personById: (residentIdHash: string) => `PERSONID#${residentIdHash}`,
  personAtMine: (mineId: string, personId: string) => `MINE#${mineId}#PERSON#${personId}`,
  reviewsOfProvince: (jurisdiction: string, date: string) => `REVIEWS#${jurisdiction.split('/')[0]}#${date}`,
  reviewInJurisdiction: (jurisdiction: string, mineId: string) => `${jurisdiction}/#${mineId}`,
  casesOfProvince: (jurisdiction: string) => `CASES#${jurisdiction.split('/')[0]}`,
  hazardsOfProvince: (jurisdiction: string) => `HAZARDS#${jurisdiction.split('/')[0]}`,
  hazardInJurisdiction: (jurisdiction: string, status: string, hazardId: string) =>
    `${jurisdiction}/#${status}#${hazardId}`,
  penaltiesOfProvince: (jurisdiction: string) => `PENALTIES#${jurisdiction.split('/')[0]}`,
  /** Newest first within a jurisdiction: penalty ids are time-ordered. */
  penaltyInJurisdiction: (jurisdiction: string, penaltyId: string) => `${jurisdiction}/#${penaltyId}`,
  /** Pending register change requests, newest last within a mine (request ids are time-ordered). */
  registerRequestsOfProvince: (jurisdiction: string) => `REGREQUESTS#${jurisdiction.split('/')[0]}`,
  registerRequestInJurisdiction: (jurisdiction: string, mineId: string, requestId: string) =>
    `${jurisdiction}/#${mineId}#${requestId}`,
  caseInJurisdiction: (jurisdiction: string, status: string, caseId: string) => `${jurisdiction}/#${status}#${caseId}`,
  creditOfProvince: (jurisdiction: string) => `CREDIT#${jurisdiction.split('/')[0]}`,
  creditInJurisdiction: (jurisdiction: string, mineId: string) => `${jurisdiction}/#${mineId}`,
  notificationsOfProvince: (jurisdiction: string) => `NOTIFICATIONS#${jurisdiction.split('/')[0]}`,
  notificationInJurisdiction: (jurisdiction: string, notificationId: string) => `${jurisdiction}/#${notificationId}`,
  blacklistOfProvince: (jurisdiction: string) => `BLACKLIST#${jurisdiction.split('/')[0]}`,
  blacklistInJurisdiction: (jurisdiction: string, status: string, entryId: string) =>
    `${jurisdiction}/#${status}#${entryId}`,
  blacklistChecksOfProvince: (jurisdiction: string) => `BLACKLISTCHECKS#${jurisdiction.split('/')[0]}`,
  /** Newest first within a jurisdiction: check ids are time-ordered. */
  blacklistCheckInJurisdiction: (jurisdiction: string, checkId: string) => `${jurisdiction}/#${checkId}`,
  usersOfProvince: (jurisdiction: string) => `USERS#${jurisdiction.split('/')[0]}`,
  userInJurisdiction: (jurisdiction: string, sub: string) => `${jurisdiction}/#${sub}`,
} as const;

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The due-date index: one partition per jurisdiction path where the item is filed (a mine's item: its mine's
 * jurisdiction; an item of a jurisdiction: that jurisdiction), sorted by date, so a bureau's deadlines over a range
 * are one Query (`GSI2SK BETWEEN <from> AND <to>~`, lib/store/due-index.ts) and never another bureau's.
 */
export const gsi2 = {
  due: (jurisdiction: string) => {
    // The key was a date before it was a path: a caller still passing one would file items nobody reads.
    if (!jurisdiction || BUSINESS_DATE.test(jurisdiction))
      throw new Error(`due-date index keyed by a path, got "${jurisdiction}"`);
    return `DUE#${jurisdiction}`;
  },
  dueItem: (date: string, kind: string, mineId: string, ref: string) => `${date}#${kind}#${mineId}#${ref}`,
  /** The range of sort keys of the days [from, to], both included. */
  dueFrom: (date: string) => `${date}#`,
  dueTo: (date: string) => `${date}#~`,
} as const;

/** Where a record stands in the credit index while it may still count (an open hazard, an unexecuted penalty). */
export const CREDIT_OPEN = 'OPEN';

export const gsi3 = {
  creditOf: (mineId: string) => `CREDIT#${mineId}`,
  /**
   * `until` is the last business date on which the record can still move the credit (its own date for a dated
   * record, the closing date for a hazard) or OPEN; a classification reads `>= <asOf − longest window>`.
   */
  creditRecord: (until: string, kind: string, id: string) => `${until}#${kind}#${id}`,
} as const;

/**
 * How many partitions the nightly classification's copy of the credit index (GSI4) spreads the mines over. The
 * classification reads a bucket's mines in one Query instead of one per mine: in DynamoDB a Query's own cost is most
 * of what reading a dozen records costs. At national scale (4,300 mines) a bucket holds 17 or so. Fixed: changing it
 * moves every record to another partition.
 */
export const CREDIT_BUCKETS = 256;

/** A mine's bucket: FNV-1a of its id, so it never changes (a move to another jurisdiction keeps it). */
export function creditBucket(mineId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < mineId.length; i++) hash = Math.imul(hash ^ mineId.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % CREDIT_BUCKETS).toString(16).padStart(2, '0');
}

/**
 * The credit records of the mines of a bucket, for the nightly job only: a mine's session is never granted this
 * index (its partition holds other mines' records), and the API reads a mine's records on GSI3.
 */
export const gsi4 = {
  creditBucket: (bucket: string) => `CREDITBUCKET#${bucket}`,
  /** As GSI3's sort key with the mine after `until`: a bucket's window is one key range, its mines told apart by id. */
  creditRecord: (until: string, mineId: string, kind: string, id: string) => `${until}#${mineId}#${kind}#${id}`,
  /** The mine of a sort key (ids have no `#`). */
  mineOf: (sortKey: string): string => sortKey.split('#', 2)[1] ?? '',
} as const;

/** The credit-index attributes of a record (spread into the stored item): its mine's partition and its bucket's. */
export const creditIndex = (mineId: string, until: string, kind: string, id: string) => ({
  GSI3PK: gsi3.creditOf(mineId),
  GSI3SK: gsi3.creditRecord(until, kind, id),
  GSI4PK: gsi4.creditBucket(creditBucket(mineId)),
  GSI4SK: gsi4.creditRecord(until, mineId, kind, id),
});

/** The attributes that are keys, never part of an entity a client sees. */
export const KEY_ATTRIBUTES = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
  'expiresAt',
  'entity',
] as const;

const KEY_SET: ReadonlySet<string> = new Set(KEY_ATTRIBUTES);

export function stripKeys<T extends object>(item: T): Omit<T, (typeof KEY_ATTRIBUTES)[number]> {
  // Copied without them rather than deleted from a copy: deleting turns an object into a slow dictionary, and every
  // record read goes through here.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(item)) if (!KEY_SET.has(key)) copy[key] = (item as Record<string, unknown>)[key];
  return copy as Omit<T, (typeof KEY_ATTRIBUTES)[number]>;
}
