import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { recordFeed } from '#lib/monitoring/feeds.ts';
import type { FeedImportKind } from '#lib/monitoring/import-rows.ts';
import { gasDaySchema, personnelDaySchema } from '#lib/monitoring/schemas.ts';
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
import type { ImportRow, ParsedFeedFile, ParsedFile, RowRejection } from './parse-rows.ts';

/**
 * Bulk power imports (the grid company's daily file): the API checks each row's format, records the rejects and
 * sends the good rows through the queue in chunks. A consumer resolves each row's mine (by credit code, or by the
 * meter's grid account number), keeps to the importer's jurisdiction, and stores the readings through the same
 * path as a mine's own (source grid, above every other: a mine's value becomes its declaration); a day already
 * reviewed whose reading the file changed is reviewed again. A chunk is counted once: a marker item written with
 * the counts in one transaction, so a message delivered twice stores nothing twice (readings with the same values
 * are unchanged) and counts nothing twice.
 *
 * The networked supervision platform's daily files of the monitoring feeds (people underground, gas) take the same
 * path, as an import of `kind` personnel or gas: the API checks the rows and groups them into one feed per mine and
 * day, the chunks go through the same queue, the consumer resolves each mine-day's mine by its credit code within
 * the importer's jurisdiction and records it through lib/monitoring/feeds.ts as the platform's (above the mine's own
 * report, which becomes its declaration), and the chunk is counted once by the same marker.
 */
const CHUNK_BYTES = 180_000;
const CHUNK_ROWS = 1_000;

export type ImportKind = 'power' | FeedImportKind;

export interface ImportMeta {
  readonly importId: string;
  /** What the file holds (items written before monitoring imports existed have none: power). */
  readonly kind?: ImportKind;
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

/** Items in file order of their mine and day, packed into chunks within the queue's message size. */
function pack<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const sorted = [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of sorted) {
    const size = JSON.stringify(item).length + 1;
    if (current.length && (bytes + size > CHUNK_BYTES || current.length >= CHUNK_ROWS)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** A checked file of either kind: power rows, or a monitoring feed's mine-days. */
export type ParsedImport =
  | { readonly kind: 'power'; readonly file: ParsedFile }
  | { readonly kind: FeedImportKind; readonly file: ParsedFeedFile };

export async function startImport(
  store: TenantStore,
  parsedImport: ParsedFile | ParsedImport,
  format: 'csv' | 'json',
  sender: QueueSender,
): Promise<ImportMeta> {
  const input: ParsedImport = 'kind' in parsedImport ? parsedImport : { kind: 'power', file: parsedImport };
  const parsed = input.file;
  const jurisdiction = store.bureauScope();
  if (parsed.total === 0) throw new ValidationError('文件中没有数据行', [{ field: 'body', message: 'no rows' }]);
  const db = store.shared;
  const importId = db.newId('imp');
  const actor = actorOf(store.principal);
  const bodies =
    input.kind === 'power'
      ? pack(input.file.rows, (r) => `${r.creditCode ?? ''}|${r.meterId ?? ''}|${r.date}`).map((rows) => ({ rows }))
      : pack(input.file.days, (d) => `${d.creditCode}|${d.date}`).map((days) => ({
          kind: input.kind,
          feeds: days.map((d) => ({ ...d, value: { ...d.value } as Record<string, unknown> })),
        }));

  const meta: ImportMeta = {
    importId,
    kind: input.kind,
    jurisdiction,
    format,
    totalRows: parsed.total,
    chunks: bodies.length,
    accepted: 0,
    rejected: parsed.rejected.length,
    chunksDone: 0,
    status: bodies.length ? 'processing' : 'done',
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
    bodies.map((body, chunk) => ({ id: `c${chunk}`, body: { importId, jurisdiction, actor, chunk, ...body } })),
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
  if (message.feeds) {
    const { accepted, rejects } = await storeFeedChunk(db, message);
    return countChunk(db, message, accepted, rejects);
  }
  const rows = message.rows ?? [];

  const rejects: RowRejection[] = [];
  const unknownMine = (row: ImportRow) =>
    rejects.push({
      row: row.row,
      field: row.creditCode ? 'creditCode' : 'meterId',
      reason: `本辖区内没有此${row.creditCode ? `统一社会信用代码 ${row.creditCode}` : `电表号 ${row.meterId}`}对应的煤矿`,
    });

  // Which mine (and meter) each row is for.
  const codes = [...new Set(rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))];
  const owners = new Map(
    (
      await batchGet<{ SK: string; PK: string; mineId: string }>(
        db,
        codes.map((c) => ({ PK: pk.creditCode(c), SK: sk.creditCodeOwner })),
      )
    ).map((o) => [o.PK.slice('CREDITCODE#'.length), o.mineId]),
  );
  const accounts = [...new Set(rows.flatMap((r) => (!r.creditCode && r.meterId ? [r.meterId] : [])))];
  // An account leads to the meter it was bound to on the row's own date (a later rebinding moves no earlier row).
  const bindings = await accountBindings(db, accounts);
  const meterOf = (row: ImportRow) => bindingOn(bindings.get(row.meterId!) ?? [], row.date);
  const mineIds = [
    ...new Set([...owners.values(), ...rows.flatMap((r) => (r.creditCode ? [] : (meterOf(r)?.mineId ?? [])))]),
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
  for (const row of rows) {
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
  for (const [mineId, mineRows] of perMine) {
    const mine = mines.get(mineId)!;
    // A row naming only the mine goes to its main meter.
    const readings = mineRows.map((r) => ({
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
    for (const r of result.rejected) rejects.push({ row: mineRows[r.row]!.row, field: r.field, reason: r.reason });
    for (const date of result.revisedReviewedDates) toReview.set(date, [...(toReview.get(date) ?? []), mineId]);
  }
  // The grid's value now in force (over a mine's, or correcting its own) is what a reviewed day must be judged on.
  for (const [date, mineIds] of toReview) await reviewMines(db, date, mineIds);
  return countChunk(db, message, accepted, rejects);
}

/**
 * The mine-days of a monitoring feed's chunk: each resolved by its credit code within the importer's jurisdiction,
 * checked again with the feed's schema, and recorded as the platform's.
 */
async function storeFeedChunk(db: Db, message: ImportChunkMessage) {
  const kind = message.kind as FeedImportKind;
  const feeds = message.feeds ?? [];
  const rejects: RowRejection[] = [];
  const codes = [...new Set(feeds.map((f) => f.creditCode))];
  const owners = new Map(
    (
      await batchGet<{ PK: string; mineId: string }>(
        db,
        codes.map((c) => ({ PK: pk.creditCode(c), SK: sk.creditCodeOwner })),
      )
    ).map((o) => [o.PK.slice('CREDITCODE#'.length), o.mineId]),
  );
  const mines = new Map(
    (
      await batchGet<MineItem>(
        db,
        [...new Set(owners.values())].map((id) => ({ PK: pk.mine(id), SK: sk.profile })),
      )
    )
      .filter((m) => jurisdictionCovers(message.jurisdiction, m.jurisdiction))
      .map((m) => [m.mineId, m]),
  );
  let accepted = 0;
  /** Mines per reviewed day whose feed the file changed: that day's review runs again once the chunk is stored. */
  const toReview = new Map<string, string[]>();
  for (const feed of feeds) {
    const mine = mines.get(owners.get(feed.creditCode) ?? '');
    const rejectAll = (field: string, reason: string) => {
      for (const row of feed.rows) rejects.push({ row, field, reason });
    };
    if (!mine) {
      rejectAll('creditCode', `本辖区内没有此统一社会信用代码 ${feed.creditCode} 对应的煤矿`);
      continue;
    }
    const checked = (kind === 'personnel' ? personnelDaySchema : gasDaySchema).safeParse(feed.value);
    if (!checked.success) {
      rejectAll(String(checked.error.issues[0]?.path[0] ?? 'row'), checked.error.issues[0]?.message ?? '数据有误');
      continue;
    }
    const recorded = await recordFeed(db, message.actor, mine, {
      kind,
      date: feed.date,
      value: checked.data as never,
      source: 'platform',
      importId: message.importId,
    });
    accepted += feed.rows.length;
    if (recorded.reviewAgain) toReview.set(feed.date, [...(toReview.get(feed.date) ?? []), mine.mineId]);
  }
  // The platform's value now in force (over a mine's, or arriving late) is what a reviewed day must be judged on.
  for (const [date, mineIds] of toReview) await reviewMines(db, date, mineIds);
  return { accepted, rejects };
}

/** Records a chunk's rejects and counts the chunk on the import exactly once (the marker item). */
async function countChunk(
  db: Db,
  message: ImportChunkMessage,
  accepted: number,
  rejects: readonly RowRejection[],
): Promise<{ accepted: number; rejected: number; counted: boolean }> {
  const chunkKey = { PK: pk.powerImport(message.importId), SK: sk.importChunk(message.chunk) };
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
    kind: meta.kind ?? 'power',
    rejectedRows: rejected.items.map((r) => ({ row: r.row, field: r.field, reason: r.reason })),
    nextCursor: rejected.nextCursor,
  };
}
