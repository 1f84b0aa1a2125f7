import { ConflictError } from '#lib/errors.ts';
import { fieldsOn, type RegisterItem } from '#lib/registry/register.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { isFutureBusinessDate } from '#lib/validators/business-date.ts';
import { decodeReading, encodeReading } from './reading-codec.ts';
import { decideRow } from './reading-precedence.ts';
import {
  type ReadingRow,
  type ReadingSource,
  type RecordResult,
  type RowKind,
  type RowOutcome,
  type RowStored,
  type StoredReading,
  type StoredRevision,
  sourceOf,
} from './reading-records.ts';

/**
 * Daily meter readings in the store: recording a call's rows (which the precedence of their sources decides, row by
 * row, in reading-precedence.ts) and reading a mine's window back. What a reading item holds is in
 * reading-records.ts.
 */
const readingKey = (mineId: string, date: string, meterId: string) => ({
  PK: pk.mine(mineId),
  SK: sk.reading(date, meterId),
});

/**
 * Records readings of one mine (already checked to be in the caller's scope) from `options.source`. Rows that
 * cannot be stored are returned as rejections naming the field; the rest are written, in transactions of at most
 * 100 items, each with one audit event. `defaultReason` explains revisions that carry no reason of their own (a
 * grid import).
 */
export async function recordReadings(
  db: Db,
  actor: Actor,
  mine: { readonly mineId: string; readonly jurisdiction: string },
  rows: readonly ReadingRow[],
  options: { source: ReadingSource; importId?: string; defaultReason?: string; allOrNothing?: boolean },
): Promise<RecordResult> {
  const { mineId } = mine;
  const { source } = options;
  const now = db.now();
  const at = now.toISOString();
  // The meters of the register with their dated versions: a reading counts only for a meter in force on its day.
  const meters = new Map(
    (await queryAll<RegisterItem<'meter'>>(db, { partition: pk.mine(mineId), beginsWith: sk.meterPrefix })).map((m) => [
      m.itemId,
      m,
    ]),
  );
  const keys = rows.map((r) => readingKey(mineId, r.date, r.meterId));
  const existing = new Map(
    (await batchGet<Record<string, unknown> & { SK: string }>(db, keys)).map((r) => [
      r.SK,
      decodeReading<StoredReading & { SK: string }>(r),
    ]),
  );
  const revisedDates = [...new Set(rows.filter((r) => existing.has(sk.reading(r.date, r.meterId))).map((r) => r.date))];
  const reviewed = new Set(
    (
      await batchGet<{ date: string }>(
        db,
        revisedDates.map((d) => ({ PK: pk.mine(mineId), SK: sk.review(d) })),
      )
    ).map((r) => r.date),
  );

  const seen = new Set<string>();
  const outcomes: RowOutcome[] = [];
  const writes: Write[] = [];
  const revisedReviewedDates = new Set<string>();
  const putReading = (item: StoredReading, before: StoredReading | undefined) => {
    // Quarter-hours packed into one attribute (reading-codec.ts): what the nightly review reads a month of.
    const stored = { ...readingKey(mineId, item.date, item.meterId), entity: 'reading', ...encodeReading(item) };
    writes.push(
      before
        ? putVersioned(
            db,
            stored,
            before.version,
            new ConflictError(`电表 ${item.meterId} 在 ${item.date} 的读数刚被他人修改，请刷新后重试`),
          )
        : putNew(db, stored, new ConflictError(`电表 ${item.meterId} 在 ${item.date} 的读数刚被他人报送，请重试`)),
    );
  };
  const putRevision = (revision: StoredRevision) =>
    writes.push(
      putNew(
        db,
        {
          PK: pk.mine(mineId),
          SK: sk.readingRevision(revision.date, revision.meterId, revision.revision),
          entity: 'readingRevision',
          ...revision,
        },
        new ConflictError('读数修订记录冲突，请重试'),
      ),
    );

  for (const [row, r] of rows.entries()) {
    const id = sk.reading(r.date, r.meterId);
    const reject = (field: string, reason: string): void => {
      outcomes.push({ row, kind: 'reject', field, reason });
    };
    const meter = meters.get(r.meterId);
    if (!meter) {
      reject('meterId', `电表 ${r.meterId} 未登记在本矿`);
      continue;
    }
    if (!fieldsOn(meter.versions, r.date)) {
      reject('meterId', `电表 ${r.meterId} 在 ${r.date} 不在用（尚未启用或已拆除），该日读数不予记录`);
      continue;
    }
    if (isFutureBusinessDate(r.date, now)) {
      reject('date', `日期 ${r.date} 尚未到来`);
      continue;
    }
    if (seen.has(id)) {
      reject('date', `同一请求中电表 ${r.meterId} 在 ${r.date} 有两条读数`);
      continue;
    }
    seen.add(id);
    const decision = decideRow(existing.get(id), r, {
      mineId,
      source,
      actor,
      at,
      importId: options.importId,
      defaultReason: options.defaultReason,
      afterReview: reviewed.has(r.date),
    });
    if (decision.kind === 'reject') {
      reject(decision.field, decision.reason);
      continue;
    }
    if (decision.item) putReading(decision.item, existing.get(id));
    if (decision.revision) putRevision(decision.revision);
    if (decision.reviewAgain) revisedReviewedDates.add(r.date);
    outcomes.push({
      row,
      kind: decision.kind,
      meterId: r.meterId,
      date: r.date,
      inForce: { kwh: decision.inForce.kwh, source: sourceOf(decision.inForce.source) },
      ...(decision.message ? { message: decision.message } : {}),
    });
  }

  const count = (kind: RowKind) => outcomes.filter((o) => o.kind === kind).length;
  const rejected = outcomes.filter((o): o is Extract<RowOutcome, { kind: 'reject' }> => o.kind === 'reject');
  // A person's call is taken whole or not at all; an import stores its good rows and reports the others.
  if (options.allOrNothing && rejected.length)
    return {
      created: 0,
      revised: 0,
      unchanged: 0,
      declared: 0,
      superseded: 0,
      rows: [],
      rejected,
      revisedReviewedDates: [],
    };

  // One audit event per transaction, summarising what it wrote; revisions keep their own who/when/why.
  const MAX_WRITES = 99;
  for (let i = 0; i < writes.length; i += MAX_WRITES) {
    const chunk = writes.slice(i, i + MAX_WRITES);
    const written = chunk.map((w) => String(w.item.Put?.Item?.SK ?? '')).filter((s) => s.startsWith('POWER#'));
    await transact(db, [
      ...chunk,
      auditWrite(
        db,
        actor,
        {
          mineId,
          jurisdiction: mine.jurisdiction,
          action: 'power.readings_recorded',
          entityType: 'readings',
          entityId: options.importId ?? `${written.length} readings`,
          after: { source, readings: written.map((s) => s.slice('POWER#'.length)) },
        },
        at,
      ),
    ]);
  }
  return {
    created: count('created'),
    revised: count('revised'),
    unchanged: count('unchanged'),
    declared: count('declared'),
    superseded: count('superseded'),
    rows: outcomes.filter((o): o is RowStored => o.kind !== 'reject'),
    rejected,
    revisedReviewedDates: [...revisedReviewedDates].sort(),
  };
}

/** Readings of a mine from `from` to `to` inclusive, every meter, oldest first. */
export async function readingsBetween(db: Db, mineId: string, from: string, to: string): Promise<StoredReading[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    partition: pk.mine(mineId),
    between: [sk.readingsFrom(from), sk.readingsTo(to)],
  });
  return items.map((i) => decodeReading(stripKeys(i)));
}
