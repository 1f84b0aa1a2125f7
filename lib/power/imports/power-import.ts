import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import type { QueueSender } from '#lib/queue/queue-spec.ts';
import { type ImportChunkMessage, powerImportQueue } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import { accountBindings, bindingOn } from '#lib/registry/grid-accounts.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type Actor, actorOf } from '#lib/store/audit.ts';
import { batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { isConditionFailure, updateItem } from '#lib/store/item.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { getItem, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, transact } from '#lib/store/transact.ts';
import { recordReadings } from '../readings.ts';
import { reviewMines } from '../review-mines.ts';
import type { ImportRow, ParsedFile, RowRejection } from './parse-rows.ts';

/**
 * Bulk power imports (the grid company's daily file): the API checks each row's format, records the rejects and
 * sends the good rows through the queue in chunks. A consumer resolves each row's mine (by credit code, or by the
 * meter's grid account number), keeps to the importer's jurisdiction, and stores the readings through the same
 * path as a mine's own (source grid, above every other: a mine's value becomes its declaration); a day already
 * reviewed whose reading the file changed is reviewed again. A chunk is counted once: a marker item written with
 * the counts in one transaction, so a message delivered twice stores nothing twice (readings with the same values
 * are unchanged) and counts nothing twice.
 */
const CHUNK_BYTES = 180_000;
const CHUNK_ROWS = 1_000;

export interface ImportMeta {
  readonly importId: string;
  readonly jurisdiction: string;
  readonly format: 'csv' | 'json';
  readonly totalRows: number;
  readonly chunks: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly chunksDone: number;
  readonly status: 'processing' | 'done';
  readonly createdAt: string;
  readonly createdBy: Actor;
}

const metaKey = (importId: string) => ({ PK: pk.powerImport(importId), SK: sk.importMeta });
const rejectItem = (importId: string, r: RowRejection) => ({
  PK: pk.powerImport(importId),
  SK: sk.importReject(r.row),
  entity: 'importReject',
  ...r,
});

export async function startImport(
  store: TenantStore,
  parsed: ParsedFile,
  format: 'csv' | 'json',
  sender: QueueSender,
): Promise<ImportMeta> {
  const jurisdiction = store.bureauScope();
  if (parsed.total === 0) throw new ValidationError('文件中没有数据行', [{ field: 'body', message: 'no rows' }]);
  const db = store.shared;
  const importId = db.newId('imp');
  const actor = actorOf(store.principal);
  const sorted = [...parsed.rows].sort((a, b) =>
    `${a.creditCode ?? ''}|${a.meterId ?? ''}|${a.date}`.localeCompare(
      `${b.creditCode ?? ''}|${b.meterId ?? ''}|${b.date}`,
    ),
  );
  const chunks: ImportRow[][] = [];
  let current: ImportRow[] = [];
  let bytes = 0;
  for (const row of sorted) {
    const size = JSON.stringify(row).length + 1;
    if (current.length && (bytes + size > CHUNK_BYTES || current.length >= CHUNK_ROWS)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push(current);

  const meta: ImportMeta = {
    importId,
    jurisdiction,
    format,
    totalRows: parsed.total,
    chunks: chunks.length,
    accepted: 0,
    rejected: parsed.rejected.length,
    chunksDone: 0,
    status: chunks.length ? 'processing' : 'done',
    createdAt: db.now().toISOString(),
    createdBy: actor,
  };
  await transact(db, [
    putNew(db, { ...metaKey(importId), entity: 'powerImport', ...meta }, new ConflictError('导入编号冲突，请重试')),
  ]);
  await batchPut(
    db,
    parsed.rejected.map((r) => rejectItem(importId, r)),
  );
  await sendMessages(
    powerImportQueue,
    chunks.map((rows, chunk) => ({ id: `c${chunk}`, body: { importId, jurisdiction, actor, chunk, rows } })),
    sender,
  );
  return meta;
}

/** One chunk: resolve mines, store readings, record rejects, then count the chunk exactly once. */
export async function processImportChunk(
  db: Db,
  message: ImportChunkMessage,
): Promise<{ accepted: number; rejected: number; counted: boolean }> {
  const chunkKey = { PK: pk.powerImport(message.importId), SK: sk.importChunk(message.chunk) };
  if (await getItem(db, chunkKey)) return { accepted: 0, rejected: 0, counted: false };

  const rejects: RowRejection[] = [];
  const unknownMine = (row: ImportRow) =>
    rejects.push({
      row: row.row,
      field: row.creditCode ? 'creditCode' : 'meterId',
      reason: `本辖区内没有此${row.creditCode ? `统一社会信用代码 ${row.creditCode}` : `电表号 ${row.meterId}`}对应的煤矿`,
    });

  // Which mine (and meter) each row is for.
  const codes = [...new Set(message.rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))];
  const owners = new Map(
    (
      await batchGet<{ SK: string; PK: string; mineId: string }>(
        db,
        codes.map((c) => ({ PK: pk.creditCode(c), SK: sk.creditCodeOwner })),
      )
    ).map((o) => [o.PK.slice('CREDITCODE#'.length), o.mineId]),
  );
  const accounts = [...new Set(message.rows.flatMap((r) => (!r.creditCode && r.meterId ? [r.meterId] : [])))];
  // An account leads to the meter it was bound to on the row's own date (a later rebinding moves no earlier row).
  const bindings = await accountBindings(db, accounts);
  const meterOf = (row: ImportRow) => bindingOn(bindings.get(row.meterId!) ?? [], row.date);
  const mineIds = [
    ...new Set([...owners.values(), ...message.rows.flatMap((r) => (r.creditCode ? [] : (meterOf(r)?.mineId ?? [])))]),
  ];
  const mines = new Map(
    (
      await batchGet<MineItem>(
        db,
        mineIds.map((id) => ({ PK: pk.mine(id), SK: sk.profile })),
      )
    )
      .filter((m) => jurisdictionCovers(message.jurisdiction, m.jurisdiction))
      .map((m) => [m.mineId, m]),
  );

  const perMine = new Map<
    string,
    { row: number; meterId: string | undefined; date: string; kwh: number; quarterHours?: number[] }[]
  >();
  for (const row of message.rows) {
    const target = row.creditCode ? { mineId: owners.get(row.creditCode), meterId: row.meterId } : meterOf(row);
    if (!target?.mineId || !mines.has(target.mineId)) {
      unknownMine(row);
      continue;
    }
    const list = perMine.get(target.mineId) ?? [];
    list.push({
      row: row.row,
      meterId: target.meterId,
      date: row.date,
      kwh: row.kwh,
      ...(row.quarterHours ? { quarterHours: row.quarterHours } : {}),
    });
    perMine.set(target.mineId, list);
  }

  let accepted = 0;
  /** Mines per reviewed day whose reading the file changed: that day's review runs again once the chunk is stored. */
  const toReview = new Map<string, string[]>();
  for (const [mineId, rows] of perMine) {
    const mine = mines.get(mineId)!;
    // A row naming only the mine goes to its main meter.
    const readings = rows.map((r) => ({
      meterId: r.meterId ?? 'main',
      date: r.date,
      kwh: r.kwh,
      ...(r.quarterHours ? { quarterHours: r.quarterHours } : {}),
    }));
    const result = await recordReadings(db, message.actor, mine, readings, {
      source: 'grid',
      importId: message.importId,
      defaultReason: `电网公司批量导入 ${message.importId}`,
    });
    accepted += result.rows.length;
    for (const r of result.rejected) rejects.push({ row: rows[r.row]!.row, field: r.field, reason: r.reason });
    for (const date of result.revisedReviewedDates) toReview.set(date, [...(toReview.get(date) ?? []), mineId]);
  }
  // The grid's value now in force (over a mine's, or correcting its own) is what a reviewed day must be judged on.
  for (const [date, mineIds] of toReview) await reviewMines(db, date, mineIds);
  await batchPut(
    db,
    rejects.map((r) => rejectItem(message.importId, r)),
  );

  try {
    await transact(db, [
      putNew(
        db,
        { ...chunkKey, entity: 'importChunk', accepted, rejected: rejects.length },
        new ConflictError('chunk counted'),
      ),
      {
        item: {
          Update: {
            TableName: db.tableName,
            Key: metaKey(message.importId),
            UpdateExpression: 'ADD accepted :a, rejected :r, chunksDone :one',
            ExpressionAttributeValues: { ':a': accepted, ':r': rejects.length, ':one': 1 },
          },
        },
      },
    ]);
  } catch (error) {
    // The same chunk, delivered twice at once, was counted by the other delivery.
    if (error instanceof ConflictError) return { accepted, rejected: rejects.length, counted: false };
    throw error;
  }
  await updateItem(db, metaKey(message.importId), 'SET #status = :done', {
    condition: 'chunksDone >= chunks',
    names: { '#status': 'status' },
    values: { ':done': 'done' },
  }).catch((error: unknown) => {
    if (!isConditionFailure(error)) throw error;
  });
  return { accepted, rejected: rejects.length, counted: true };
}

/** An import with its counts and its rejected rows (paged, in row order); 404 outside the caller's jurisdiction. */
export async function getImport(store: TenantStore, importId: string, page: PageRequest) {
  const scope = store.bureauScope();
  const meta = await getItem<ImportMeta>(store.shared, metaKey(importId));
  if (!meta || !jurisdictionCovers(scope, meta.jurisdiction)) throw new NotFoundError(`导入 ${importId} 不存在`);
  const rejected = await queryPage<RowRejection>(
    store.shared,
    { partition: pk.powerImport(importId), beginsWith: sk.importRejectPrefix },
    { limit: page.limit ?? 100, cursor: page.cursor },
  );
  return {
    ...(stripKeys(meta) as ImportMeta),
    rejectedRows: rejected.items.map((r) => ({ row: r.row, field: r.field, reason: r.reason })),
    nextCursor: rejected.nextCursor,
  };
}
