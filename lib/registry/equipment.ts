import type * as z from 'zod/mini';
import { ForbiddenError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { MineScope, TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { MineItem } from './mine-item.ts';
import {
  ID_FIELD,
  latestFields,
  type MeterFields,
  type RegisterFields,
  type RegisterItem,
  type RegisterOnDate,
  registerOnDate,
  versionOn,
} from './register.ts';
import {
  applyRegisterChange,
  type ChangeFields,
  changeFields,
  checkChange,
  type RegisterChange,
  readRegisterItem,
} from './register-changes.ts';
import { fileRegisterRequest, type RegisterRequestView } from './register-requests.ts';
import type { equipmentBody, meterBody } from './schemas.ts';
import { REGISTER_KIND_LABELS, type RegisterKind } from './vocabulary.ts';

/**
 * The electrical equipment register and the meters, as the API and the review see them. The electricity review
 * learns a stopped mine's maintenance load from the equipment that must keep running and expects a reading from
 * every meter, so the register is evidence about the mine: a bureau admin's change goes in force at once (dated,
 * versioned, audited); a mine's or an inspector's change becomes a request a bureau user approves (register-requests.ts)
 * and counts for nothing until then. A read gives the register in force on a day (today unless asked).
 */
interface Bodies {
  readonly equipment: z.infer<typeof equipmentBody>;
  readonly meter: z.infer<typeof meterBody>;
}

export type RegisterRecordView<K extends RegisterKind> = RegisterFields[K] & {
  readonly mineId: string;
  readonly effectiveFrom: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
} & Record<(typeof ID_FIELD)[K], string>;

export type PutOutcome<K extends RegisterKind> =
  | { readonly outcome: 'applied'; readonly record: RegisterRecordView<K>; readonly created: boolean }
  | { readonly outcome: 'requested'; readonly request: RegisterRequestView };
export type RemoveOutcome =
  | { readonly outcome: 'applied' }
  | { readonly outcome: 'requested'; readonly request: RegisterRequestView };

/** A bureau admin's change is in force at once; a mine's or an inspector's waits for a bureau user's approval. */
function changeMode(store: TenantStore): 'direct' | 'request' {
  const { role } = store.principal;
  if (role === 'bureau_admin') return 'direct';
  if (role === 'inspector' || role === 'mine_user') return 'request';
  throw new ForbiddenError(`角色 ${role} 不能变更用电设备台账或电表`);
}

/** The record as in force on `date`, or undefined when it was not (not yet, or removed). */
export function registerRecordView<K extends RegisterKind>(
  item: RegisterItem<K>,
  date: string,
): RegisterRecordView<K> | undefined {
  const v = versionOn(item.versions, date);
  if (!v || v.removed || !v.fields) return undefined;
  return {
    mineId: item.mineId,
    [ID_FIELD[item.kind]]: item.itemId,
    ...v.fields,
    effectiveFrom: v.effectiveFrom,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  } as unknown as RegisterRecordView<K>;
}

const prefixOf = (kind: RegisterKind) => (kind === 'equipment' ? sk.equipmentPrefix : sk.meterPrefix);

function registerRecords<K extends RegisterKind>(kind: K) {
  const today = (store: TenantStore) => todayInShanghai(store.now());
  /** A change by request may not be dated before the day it is asked for. */
  const askedDate = (store: TenantStore, mode: 'direct' | 'request', date: string | undefined, field: string) => {
    const now = today(store);
    if (mode === 'request' && date !== undefined && date < now)
      throw new ValidationError(`申请的生效日期不能早于今天（${now}）`, [{ field, message: `须为 ${now} 或之后` }]);
    return date ?? now;
  };
  const submit = async (
    store: TenantStore,
    scope: MineScope<MineItem>,
    mode: 'direct' | 'request',
    change: RegisterChange<K>,
    fields: ChangeFields,
  ) => {
    const { profile: mine, db } = scope;
    if (mode === 'request') {
      checkChange(await readRegisterItem(db, kind, mine.mineId, change.itemId), change, fields);
      return { outcome: 'requested' as const, request: await fileRegisterRequest(store, scope, change) };
    }
    const at = store.now().toISOString();
    const applied = await applyRegisterChange(change, {
      db,
      mine,
      actor: actorOf(store.principal),
      at,
      fields,
    });
    return { outcome: 'applied' as const, applied };
  };

  return {
    /** The records in force on `asOf` (default today). */
    async list(store: TenantStore, mineId: string, asOf?: string): Promise<RegisterRecordView<K>[]> {
      const { db } = await store.mine(mineId);
      const date = asOf ?? today(store);
      const items = await queryAll<RegisterItem<K>>(db, {
        partition: pk.mine(mineId),
        beginsWith: prefixOf(kind),
      });
      return items.flatMap((i) => registerRecordView(stripKeys(i) as unknown as RegisterItem<K>, date) ?? []);
    },

    async get(store: TenantStore, mineId: string, id: string, asOf?: string): Promise<RegisterRecordView<K>> {
      const { db } = await store.mine(mineId);
      const date = asOf ?? today(store);
      const item = await readRegisterItem(db, kind, mineId, id);
      const view = item && registerRecordView(item, date);
      if (!view) throw new NotFoundError(`${REGISTER_KIND_LABELS[kind]} ${id} 在 ${date} 不在台账中`);
      return view;
    },

    /** Create, or replace with the version read: in force at once for a bureau admin, else a request. */
    async put(store: TenantStore, mineId: string, id: string, body: Bodies[K]): Promise<PutOutcome<K>> {
      const scope = await store.mine<MineItem>(mineId);
      const mode = changeMode(store);
      const { version, effectiveFrom, reason, ...given } = body;
      const date = askedDate(store, mode, effectiveFrom, 'body.effectiveFrom');
      let fields = given as unknown as RegisterFields[K];
      if (kind === 'meter' && store.principal.kind === 'mine') {
        fields = (await withoutMinesAccount(
          scope.db,
          mineId,
          id,
          given as unknown as MeterFields,
        )) as RegisterFields[K];
      }
      const change: RegisterChange<K> = {
        kind,
        itemId: id,
        change: 'put',
        fields,
        baseVersion: version ?? null,
        effectiveFrom: date,
        reason,
      };
      const result = await submit(store, scope, mode, change, changeFields('body'));
      if (result.outcome === 'requested') return result;
      return {
        outcome: 'applied',
        record: registerRecordView(result.applied.item, date)!,
        created: result.applied.created,
      };
    },

    /** Removal from a day on (default today): at once for a bureau admin, else a request. */
    async remove(
      store: TenantStore,
      mineId: string,
      id: string,
      version: number,
      options: { effectiveFrom?: string | undefined; reason?: string | undefined } = {},
    ): Promise<RemoveOutcome> {
      const scope = await store.mine<MineItem>(mineId);
      const mode = changeMode(store);
      const date = askedDate(store, mode, options.effectiveFrom, 'query.effectiveFrom');
      const change: RegisterChange<K> = {
        kind,
        itemId: id,
        change: 'remove',
        baseVersion: version,
        effectiveFrom: date,
        reason: options.reason,
      };
      const result = await submit(store, scope, mode, change, changeFields('query'));
      return result.outcome === 'requested' ? result : { outcome: 'applied' };
    },
  };
}

/**
 * A mine may see its meters' grid accounts, never set or change one: the account is how the grid company's file
 * finds the mine, so a mine that could move it could send its own consumption elsewhere, or take another mine's.
 * Sending back the account the meter has is fine (a form sends what it read); any other is a 403 naming the field.
 */
async function withoutMinesAccount(db: Db, mineId: string, meterId: string, given: MeterFields): Promise<MeterFields> {
  const { gridAccountNo, ...rest } = given;
  if (gridAccountNo === undefined) return rest;
  const item = await readRegisterItem(db, 'meter', mineId, meterId);
  const current = item ? latestFields(item.versions)?.gridAccountNo : undefined;
  if (gridAccountNo !== current)
    throw new ForbiddenError('电网户号只能由煤管局绑定或变更，煤矿不能设置', [
      { field: 'body.gridAccountNo', message: '电网户号只能由监管部门绑定' },
    ]);
  return rest;
}

export const equipment = registerRecords('equipment');
export const meters = registerRecords('meter');

/**
 * The register in force on `date`: the equipment loads and the meters expected to report, with ONE query of the
 * mine's partition (every version of every record comes back, and the versions decide). The electricity review
 * of a day calls this, so a day reviewed again reads the register it had, whatever was approved since.
 */
export async function registerOn(db: Db, mineId: string, date: string): Promise<RegisterOnDate> {
  return registerOnDate(await registerItemsOf(db, mineId), date);
}

/** Every version of every register record of a mine (one query), for `registerOnDate` on as many days as needed. */
export async function registerItemsOf(db: Db, mineId: string): Promise<RegisterItem[]> {
  const items = await queryAll<RegisterItem>(db, { partition: pk.mine(mineId), beginsWith: sk.registerPrefix });
  return items.map((i) => stripKeys(i) as unknown as RegisterItem);
}
