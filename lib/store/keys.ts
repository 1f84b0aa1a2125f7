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
 * | key persons of a mine                         | table         | PK = MINE#<id>, begins_with(SK, PERSON#)              |
 * | key person by resident ID (hash)              | GSI1          | GSI1PK = PERSONID#<hash>                              |
 * | equipment / meters of a mine                  | table         | PK = MINE#<id>, begins_with(SK, EQUIP# / METER#)      |
 * | audit events of a mine, newest first          | table         | PK = MINE#<id>, begins_with(SK, AUDIT#), descending   |
 * | anything due on a date (reminders, jobs)      | GSI2          | GSI2PK = DUE#<date>, begins_with(GSI2SK, <kind>#)     |
 * | idempotency record of a retried write         | table         | PK = IDEMPOTENCY#<hash of caller, route, key>, SK = RECORD (TTL) |
 */
export const pk = {
  mine: (mineId: string) => `MINE#${mineId}`,
  creditCode: (code: string) => `CREDITCODE#${code}`,
  idempotency: (hash: string) => `IDEMPOTENCY#${hash}`,
} as const;

export const sk = {
  profile: 'PROFILE',
  creditCodeOwner: 'MINE',
  status: (effectiveDate: string, recordedAt: string) => `STATUS#${effectiveDate}#${recordedAt}`,
  statusPrefix: 'STATUS#',
  licence: (type: string) => `LICENCE#${type}`,
  licencePrefix: 'LICENCE#',
  person: (personId: string) => `PERSON#${personId}`,
  personPrefix: 'PERSON#',
  equipment: (id: string) => `EQUIP#${id}`,
  equipmentPrefix: 'EQUIP#',
  meter: (id: string) => `METER#${id}`,
  meterPrefix: 'METER#',
  audit: (at: string, eventId: string) => `AUDIT#${at}#${eventId}`,
  auditPrefix: 'AUDIT#',
} as const;

export const gsi1 = {
  /** Mines partition by province so a city or district bureau queries a prefix of the path. */
  minesOfProvince: (jurisdiction: string) => `MINES#${jurisdiction.split('/')[0]}`,
  mineInJurisdiction: (jurisdiction: string, mineId: string) => `${jurisdiction}/#${mineId}`,
  /** Prefix matching a jurisdiction and everything below it, never a sibling that shares letters. */
  jurisdictionPrefix: (jurisdiction: string) => `${jurisdiction}/`,
  personById: (residentIdHash: string) => `PERSONID#${residentIdHash}`,
  personAtMine: (mineId: string, personId: string) => `MINE#${mineId}#PERSON#${personId}`,
} as const;

export const gsi2 = {
  due: (date: string) => `DUE#${date}`,
  dueItem: (kind: string, mineId: string, ref: string) => `${kind}#${mineId}#${ref}`,
} as const;

/** The attributes that are keys, never part of an entity a client sees. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'expiresAt', 'entity'] as const;

export function stripKeys<T extends object>(item: T): Omit<T, (typeof KEY_ATTRIBUTES)[number]> {
  const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as Omit<T, (typeof KEY_ATTRIBUTES)[number]>;
}
