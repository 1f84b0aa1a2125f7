import type { Actor } from '#lib/store/audit.ts';
import { pk, sk } from '#lib/store/keys.ts';
import type { Circuit, RegisterKind } from './vocabulary.ts';

/**
 * The register the electricity review judges a mine by (its equipment and its meters), as dated versions. Each record
 * keeps every version it ever had, oldest first, each in force from its effective date until the next one; a removal
 * is a version too. Versions are only appended, never dated before the latest one, so what was in force on a day
 * that has passed never changes by a later change dated later: a past day reviewed again reads the same register.
 * Pure: the store's side is in register-changes.ts and equipment.ts.
 */

export interface EquipmentFields {
  readonly name: string;
  readonly ratedKw: number;
  readonly circuit: Circuit;
  readonly mustRunWhenStopped: boolean;
  readonly meterId?: string | undefined;
}

export interface MeterFields {
  readonly name: string;
  readonly serialNo?: string | undefined;
  /** Bound by bureau users only, and one meter at a time (grid-accounts.ts). */
  readonly gridAccountNo?: string | undefined;
  readonly multiplier: number;
  readonly circuit?: Circuit | undefined;
}

export interface RegisterFields {
  readonly equipment: EquipmentFields;
  readonly meter: MeterFields;
}

export interface RegisterVersion<F> {
  /** In force from this business day (inclusive) until the next version's. */
  readonly effectiveFrom: string;
  /** The record from that day; absent when this version removes it. */
  readonly fields?: F;
  readonly removed?: true;
  /** Who put the version in force (the bureau user who made or approved the change) and when. */
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  /** The request it came from, and who asked, when it was asked for. */
  readonly requestId?: string;
  readonly requestedBy?: Actor;
}

/** What decides a version's day and content; the register's one-item copy (register-set.ts) keeps only this. */
export type DatedVersion<F> = Pick<RegisterVersion<F>, 'effectiveFrom' | 'fields' | 'removed'>;
/** A record's kind, id and dated versions: all `registerOnDate` reads. */
export interface RegisterRecord<K extends RegisterKind = RegisterKind> {
  readonly kind: K;
  readonly itemId: string;
  readonly versions: readonly DatedVersion<RegisterFields[K]>[];
}

/** One record of the register as stored: PK MINE#<id>, SK REG#EQUIP#<id> / REG#METER#<id>. */
export interface RegisterItem<K extends RegisterKind = RegisterKind> {
  readonly kind: K;
  readonly mineId: string;
  readonly itemId: string;
  readonly versions: readonly RegisterVersion<RegisterFields[K]>[];
  /** The record's version for optimistic concurrency: one more with every version appended. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const ID_FIELD = { equipment: 'equipmentId', meter: 'meterId' } as const satisfies Record<RegisterKind, string>;
export const registerSortKey = (kind: RegisterKind, itemId: string): string =>
  kind === 'equipment' ? sk.equipment(itemId) : sk.meter(itemId);
export const registerKey = (kind: RegisterKind, mineId: string, itemId: string) => ({
  PK: pk.mine(mineId),
  SK: registerSortKey(kind, itemId),
});

/** The item as stored; `equipmentId` / `meterId` stay top-level so a reader of one kind finds its id. */
export function storedRegisterItem(item: RegisterItem): Record<string, unknown> {
  return {
    ...registerKey(item.kind, item.mineId, item.itemId),
    entity: item.kind,
    [ID_FIELD[item.kind]]: item.itemId,
    ...item,
  };
}

/** The version in force on `date`: the last one that took effect on or before it (a removal included). */
export function versionOn<V extends DatedVersion<unknown>>(versions: readonly V[], date: string): V | undefined {
  return versions.findLast((v) => v.effectiveFrom <= date);
}

/** The record's fields in force on `date`; undefined before its first version and from its removal on. */
export function fieldsOn<F>(versions: readonly DatedVersion<F>[], date: string): F | undefined {
  const v = versionOn(versions, date);
  return v && !v.removed ? v.fields : undefined;
}

/** The latest version, whatever its date: what a new version must not be dated before, and what it replaces. */
export const latestVersion = <F>(versions: readonly RegisterVersion<F>[]): RegisterVersion<F> | undefined =>
  versions.at(-1);

/** The record as its latest version leaves it (undefined when removed or never there). */
export function latestFields<F>(versions: readonly RegisterVersion<F>[]): F | undefined {
  const v = latestVersion(versions);
  return v && !v.removed ? v.fields : undefined;
}

export type EquipmentInForce = EquipmentFields & { readonly equipmentId: string };
export type MeterInForce = MeterFields & { readonly meterId: string };

/** What the review of a day reads: the equipment and the meters in force on that day. */
export interface RegisterOnDate {
  readonly date: string;
  readonly equipment: readonly EquipmentInForce[];
  /** The meters expected to report that day. */
  readonly meters: readonly MeterInForce[];
}

/** The register in force on `date`, from every record of a mine (in any order); sorted by id. */
export function registerOnDate(items: readonly RegisterRecord[], date: string): RegisterOnDate {
  const equipment: EquipmentInForce[] = [];
  const meters: MeterInForce[] = [];
  for (const item of [...items].sort((a, b) => a.itemId.localeCompare(b.itemId))) {
    if (item.kind === 'equipment') {
      const fields = fieldsOn((item as RegisterRecord<'equipment'>).versions, date);
      if (fields) equipment.push({ ...fields, equipmentId: item.itemId });
    } else {
      const fields = fieldsOn((item as RegisterRecord<'meter'>).versions, date);
      if (fields) meters.push({ ...fields, meterId: item.itemId });
    }
  }
  return { date, equipment, meters };
}
