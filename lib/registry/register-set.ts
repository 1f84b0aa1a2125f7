import type { Db } from '#lib/store/db.ts';
import { updateItem } from '#lib/store/item.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { Write } from '#lib/store/transact.ts';
import type { RegisterItem, RegisterRecord } from './register.ts';
import type { RegisterKind } from './vocabulary.ts';

/**
 * The whole register of a mine on one item (PK MINE#<id>, SK REGISTER), beside the records themselves: what the
 * nightly review needs of it (every record's dated versions: when each took effect, its fields, a removal), so the
 * review reads it in the same batch as the profiles instead of querying each mine's register. One attribute per
 * record (`equipment:<id>`, `meter:<id>`), set in the same transaction as the record by applyRegisterChange, so two
 * changes of different records never undo each other. Who recorded a version stays on the record only.
 *
 * `complete` says the item holds every record: it is set by the first reader that finds it missing, which reads the
 * records (one query) and copies each one the item lacks (`if_not_exists`: a change's own value is newer than what
 * the copy read). Records are never deleted (a removal is a version), so a copy can never bring one back. Until then
 * readers query the records, as before the item existed; nothing needs migrating.
 */

export const registerSetKey = (mineId: string) => ({ PK: pk.mine(mineId), SK: sk.registerSet });

const attributeOf = (kind: RegisterKind, itemId: string): string => `${kind}:${itemId}`;
const KINDS: readonly RegisterKind[] = ['equipment', 'meter'];
/** Attributes a copy writes per request: well inside the 4 KB an update expression may have. */
const COPY_CHUNK = 40;

/** A record as the item keeps it: its versions without who recorded them. */
const compact = (record: RegisterRecord): RegisterRecord => ({
  kind: record.kind,
  itemId: record.itemId,
  versions: record.versions.map((v) =>
    v.removed
      ? { effectiveFrom: v.effectiveFrom, removed: true as const }
      : { effectiveFrom: v.effectiveFrom, fields: v.fields },
  ),
});

/** The update of the record's attribute, for the transaction that writes the record. */
export function registerSetWrite(db: Db, mineId: string, record: RegisterRecord): Write {
  return {
    item: {
      Update: {
        TableName: db.tableName,
        Key: registerSetKey(mineId),
        UpdateExpression: 'SET #entity = :entity, #record = :record',
        ExpressionAttributeNames: { '#entity': 'entity', '#record': attributeOf(record.kind, record.itemId) },
        ExpressionAttributeValues: { ':entity': 'registerSet', ':record': compact(record) },
      },
    },
  };
}

/** The complete item for a register written all at once (a bulk load that writes the records themselves too). */
export function registerSetItem(mineId: string, records: readonly RegisterRecord[]): Record<string, unknown> {
  const item: Record<string, unknown> = { ...registerSetKey(mineId), entity: 'registerSet', complete: true };
  for (const record of records) item[attributeOf(record.kind, record.itemId)] = compact(record);
  return item;
}

/** The records the item holds, when it holds them all; undefined when it is missing or not yet complete. */
export function parseRegisterSet(item: object | undefined): RegisterRecord[] | undefined {
  if (!item || (item as { complete?: unknown }).complete !== true) return undefined;
  const records: RegisterRecord[] = [];
  for (const [name, value] of Object.entries(item)) {
    const colon = name.indexOf(':');
    if (colon < 0 || !KINDS.includes(name.slice(0, colon) as RegisterKind)) continue;
    records.push(value as RegisterRecord);
  }
  return records;
}

/**
 * Every record of the mine's register: from the item already read (`item`, from a batch) when it is complete, else
 * by one query, copied to the item so the next reader finds it there.
 */
export async function registerRecordsOf(db: Db, mineId: string, item: object | undefined): Promise<RegisterRecord[]> {
  const held = parseRegisterSet(item);
  if (held) return held;
  const records = (await queryAll<RegisterItem>(db, { partition: pk.mine(mineId), beginsWith: sk.registerPrefix })).map(
    (i) => stripKeys(i) as unknown as RegisterItem,
  );
  await copyToRegisterSet(db, mineId, records);
  return records;
}

/**
 * Copies records read from the table to the item, each only where the item has none (a change's own value is newer
 * than a copy read before it), and marks the item complete.
 */
export async function copyToRegisterSet(db: Db, mineId: string, records: readonly RegisterRecord[]): Promise<void> {
  for (let i = 0; ; i += COPY_CHUNK) {
    const chunk = records.slice(i, i + COPY_CHUNK);
    const last = i + COPY_CHUNK >= records.length;
    const names: Record<string, string> = { '#entity': 'entity' };
    const values: Record<string, unknown> = { ':entity': 'registerSet' };
    const sets = ['#entity = :entity'];
    chunk.forEach((record, k) => {
      names[`#a${k}`] = attributeOf(record.kind, record.itemId);
      values[`:a${k}`] = compact(record);
      sets.push(`#a${k} = if_not_exists(#a${k}, :a${k})`);
    });
    if (last) {
      names['#complete'] = 'complete';
      values[':complete'] = true;
      sets.push('#complete = :complete');
    }
    await updateItem(db, registerSetKey(mineId), `SET ${sets.join(', ')}`, { names, values });
    if (last) return;
  }
}
