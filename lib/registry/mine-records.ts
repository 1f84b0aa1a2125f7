import { ConflictError, NotFoundError } from '#lib/errors.ts';
import { actorOf, auditWrite, changedFields } from '#lib/store/audit.ts';
import { pk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { deleteVersioned, putNew, putVersioned, transact } from '#lib/store/transact.ts';
import type { MineItem } from './mine-item.ts';
import { writeProfile } from './profile-write.ts';

/**
 * The records a mine's file holds under its own partition, keyed by a client-chosen id or type: licences,
 * equipment, meters. One implementation of put (create or replace with a version), get, list and delete, each
 * change audited in the same transaction.
 */
export interface RecordKind<Body extends object, Derived extends object = object> {
  /** `licence`, `equipment`, `meter`: the audit entity type and the word in messages. */
  readonly entityType: string;
  readonly label: string;
  readonly idField: string;
  readonly sortKey: (id: string) => string;
  readonly prefix: string;
  /** Fields the record takes from its body and the mine (e.g. the next due date from the mine's gas grade). */
  readonly derive?: (mine: MineItem, id: string, body: Body) => Derived;
  /** Index attributes derived from the record and its mine (e.g. the due date of a licence's expiry, filed under the
   *  mine's jurisdiction). */
  readonly indexKeys?: (mine: MineItem, id: string, body: Body & Derived) => Record<string, string>;
  /** Fields a replacement keeps from the record it replaces, whatever its body says (a licence's state history). */
  readonly carry?: (existing: StoredRecord) => Record<string, unknown>;
  /**
   * What the record changes on the mine's profile (a licence's copy, the gas grade an appraisal found), written with
   * the record in the same transaction through `writeProfile` (versioned, audited as `action`); null: nothing.
   */
  readonly profileChanges?: (
    mine: MineItem,
    id: string,
    record: StoredRecord,
  ) => { changes: Partial<MineItem>; action: string } | null;
}

export type StoredRecord = Record<string, unknown> & { version: number; createdAt: string; updatedAt: string };

export function mineRecords<Body extends object & { version?: number | undefined }, Derived extends object = object>(
  kind: RecordKind<Body, Derived>,
) {
  const key = (mineId: string, id: string) => ({ PK: pk.mine(mineId), SK: kind.sortKey(id) });
  const notFound = (id: string) => new NotFoundError(`${kind.label} ${id} 不存在`);
  const stale = (id: string) => new ConflictError(`${kind.label} ${id} 已被他人修改，请刷新后重试（version 已过期）`);

  return {
    async put(
      store: TenantStore,
      mineId: string,
      id: string,
      body: Body,
    ): Promise<{ record: StoredRecord; created: boolean }> {
      const { profile: mine, db } = await store.mine<MineItem>(mineId);
      const at = db.now().toISOString();
      const existing = await getItem<StoredRecord>(db, key(mineId, id));
      const { version, ...given } = body;
      const derived = kind.derive?.(mine, id, body);
      const fields = { ...given, ...derived, ...(existing && kind.carry ? kind.carry(existing) : {}) };
      if (existing && version === undefined) {
        throw new ConflictError(`${kind.label} ${id} 已存在；修改时请带上 version`, [
          { field: 'body.version', message: '更新已有记录须带上当前版本号' },
        ]);
      }
      if (!existing && version !== undefined) throw notFound(id);
      const record: StoredRecord = {
        ...fields,
        [kind.idField]: id,
        mineId,
        version: existing ? existing.version + 1 : 1,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      const item = {
        ...key(mineId, id),
        entity: kind.entityType,
        ...(kind.indexKeys?.(mine, id, { ...body, ...derived } as Body & Derived) ?? {}),
        ...record,
      };
      const write = existing
        ? putVersioned(db, item, version!, stale(id))
        : putNew(db, item, new ConflictError(`${kind.label} ${id} 已存在`));
      const diff = existing ? changedFields(stripKeys(existing), record) : { before: null, after: record };
      const writes = [
        write,
        auditWrite(
          db,
          actorOf(store.principal),
          {
            mineId,
            jurisdiction: mine.jurisdiction,
            action: `${kind.entityType}.${existing ? 'updated' : 'created'}`,
            entityType: kind.entityType,
            entityId: id,
            ...diff,
          },
          at,
        ),
      ];
      const profile = kind.profileChanges?.(mine, id, record);
      if (profile) {
        await writeProfile(db, actorOf(store.principal), mine, mine.version, profile.changes, profile.action, {
          writes,
        });
      } else {
        await transact(db, writes);
      }
      return { record, created: !existing };
    },

    async get(store: TenantStore, mineId: string, id: string): Promise<StoredRecord> {
      const { db } = await store.mine(mineId);
      const item = await getItem<StoredRecord>(db, key(mineId, id));
      if (!item) throw notFound(id);
      return stripKeys(item) as StoredRecord;
    },

    async list(store: TenantStore, mineId: string): Promise<StoredRecord[]> {
      const { db } = await store.mine(mineId);
      const items = await queryAll<StoredRecord>(db, { partition: pk.mine(mineId), beginsWith: kind.prefix });
      return items.map((i) => stripKeys(i) as StoredRecord);
    },

    async remove(store: TenantStore, mineId: string, id: string, version: number): Promise<void> {
      const { profile: mine, db } = await store.mine<MineItem>(mineId);
      const existing = await getItem<StoredRecord>(db, key(mineId, id));
      if (!existing) throw notFound(id);
      const at = db.now().toISOString();
      await transact(db, [
        deleteVersioned(db, key(mineId, id), version, stale(id)),
        auditWrite(
          db,
          actorOf(store.principal),
          {
            mineId,
            jurisdiction: mine.jurisdiction,
            action: `${kind.entityType}.deleted`,
            entityType: kind.entityType,
            entityId: id,
            before: stripKeys(existing),
            after: null,
          },
          at,
        ),
      ]);
    },
  };
}
