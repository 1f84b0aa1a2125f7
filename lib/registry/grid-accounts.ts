import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { putNew, putVersioned, type Write } from '#lib/store/transact.ts';
import { addDays } from '#lib/validators/business-date.ts';

/**
 * Grid company account numbers (电网户号). The grid company's bulk file names a meter by its account, so an account
 * must lead to one meter on any day, across the whole platform: each account is one item (PK GRIDACCOUNT#<no>) holding
 * its bindings to meters over time, written in the same transaction as the meter's version that binds or releases it,
 * with a condition (new item, or the version read), so two meters claiming one account cannot both succeed whatever
 * the timing: the table decides. A binding starts on the day the meter's version takes effect and ends the day before
 * the version that drops it, so rows of a day keep going to the meter the account had on that day.
 */
export interface AccountBinding {
  readonly mineId: string;
  readonly meterId: string;
  /** First day the account is this meter's. */
  readonly from: string;
  /** Last day it is (inclusive); absent while it still is. */
  readonly until?: string;
}

export interface GridAccountItem {
  readonly accountNo: string;
  /** Oldest first, never overlapping; only the last may be open. */
  readonly bindings: readonly AccountBinding[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MeterRef {
  readonly mineId: string;
  readonly meterId: string;
}

const accountKey = (accountNo: string) => ({ PK: pk.gridAccount(accountNo), SK: sk.gridAccountBindings });
const sameMeter = (b: AccountBinding, m: MeterRef) => b.mineId === m.mineId && b.meterId === m.meterId;

/** The meter the account was bound to on `date`, if any. */
export const bindingOn = (bindings: readonly AccountBinding[], date: string): AccountBinding | undefined =>
  bindings.find((b) => b.from <= date && (b.until === undefined || date <= b.until));

/**
 * The bindings with `meter` holding the account from `from` on; or the binding in the way (the account is another
 * meter's on or after that day).
 */
export function bind(
  bindings: readonly AccountBinding[],
  meter: MeterRef,
  from: string,
): { readonly bindings: readonly AccountBinding[] } | { readonly taken: AccountBinding } {
  const last = bindings.at(-1);
  if (last && last.until === undefined && sameMeter(last, meter) && last.from <= from) return { bindings };
  if (last && (last.until === undefined || last.until >= from)) return { taken: last };
  return { bindings: [...bindings, { mineId: meter.mineId, meterId: meter.meterId, from }] };
}

/** The bindings with `meter`'s open binding ended the day before `from` (dropped if it would not have begun). */
export function release(bindings: readonly AccountBinding[], meter: MeterRef, from: string): readonly AccountBinding[] {
  const last = bindings.at(-1);
  if (!last || last.until !== undefined || !sameMeter(last, meter)) return bindings;
  const until = addDays(from, -1);
  return until < last.from ? bindings.slice(0, -1) : [...bindings.slice(0, -1), { ...last, until }];
}

export interface AccountChange {
  readonly meter: MeterRef;
  readonly jurisdiction: string;
  /** The account the meter's latest version holds, and the one its new version holds. */
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly effectiveFrom: string;
  readonly actor: Actor;
  readonly at: string;
  /** The field a refusal names (`body.gridAccountNo`, or the request's path when an approval binds). */
  readonly field: string;
}

/**
 * The writes that move a meter's account with its new version: the old account released and the new one bound from
 * the version's day, each audited with that day. Nothing when the account stays. A taken account is a 409 now; one
 * taken meanwhile fails the write's condition with the same 409.
 */
export async function accountChangeWrites(db: Db, change: AccountChange): Promise<Write[]> {
  if (change.before === change.after) return [];
  const writes: Write[] = [];
  const taken = (accountNo: string, since?: string) =>
    new ConflictError(
      `电网户号 ${accountNo} 已绑定在另一块电表上${since ? `（自 ${since} 起）` : ''}；一个户号同一天只能对应一块电表`,
      [{ field: change.field, message: '该户号已绑定在其他电表上' }],
    );
  const audit = (action: string, accountNo: string, after: Record<string, unknown>) =>
    auditWrite(
      db,
      change.actor,
      {
        mineId: change.meter.mineId,
        jurisdiction: change.jurisdiction,
        action,
        entityType: 'gridAccount',
        entityId: accountNo,
        before: null,
        after: { accountNo, meterId: change.meter.meterId, ...after },
      },
      change.at,
    );
  const write = (accountNo: string, stored: GridAccountItem | undefined, bindings: readonly AccountBinding[]) => {
    const item: GridAccountItem = {
      accountNo,
      bindings,
      version: (stored?.version ?? 0) + 1,
      createdAt: stored?.createdAt ?? change.at,
      updatedAt: change.at,
    };
    const full = { ...accountKey(accountNo), entity: 'gridAccount', ...item };
    return stored ? putVersioned(db, full, stored.version, taken(accountNo)) : putNew(db, full, taken(accountNo));
  };

  if (change.before) {
    const stored = await getItem<GridAccountItem>(db, accountKey(change.before));
    const released = release(stored?.bindings ?? [], change.meter, change.effectiveFrom);
    if (stored && released !== stored.bindings) {
      writes.push(write(change.before, stored, released));
      writes.push(audit('grid_account.released', change.before, { until: addDays(change.effectiveFrom, -1) }));
    }
  }
  if (change.after) {
    const stored = await getItem<GridAccountItem>(db, accountKey(change.after));
    const bound = bind(stored?.bindings ?? [], change.meter, change.effectiveFrom);
    if ('taken' in bound) throw taken(change.after, bound.taken.from);
    writes.push(write(change.after, stored, bound.bindings));
    writes.push(audit('grid_account.bound', change.after, { from: change.effectiveFrom }));
  }
  return writes;
}

/** The bindings of each account named (one batch read for a chunk of a bulk file); unknown accounts are absent. */
export async function accountBindings(
  db: Db,
  accountNos: readonly string[],
): Promise<Map<string, readonly AccountBinding[]>> {
  const items = await batchGet<GridAccountItem>(db, accountNos.map(accountKey));
  return new Map(items.map((i) => [i.accountNo, (stripKeys(i) as GridAccountItem).bindings]));
}
