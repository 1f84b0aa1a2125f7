import type * as z from 'zod/mini';
import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import { putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { isFutureBusinessDate } from '#lib/validators/business-date.ts';
import type { readingSchema } from './schemas.ts';
import type { DailyReading, RevisionAfterReview } from './types.ts';

/**
 * Daily meter readings, one item per meter and day. A second reading for the same meter and day is a revision:
 * the old values are kept in a revision item with who, when and why, never silently overwritten; a revision of a
 * day that was already reviewed is marked, and the review of that day reports it as a finding.
 */
export type ReadingInput = z.infer<typeof readingSchema>;
/** A row to record: a validated API reading, or a reading built by an import or the demo seed. */
export type ReadingRow = DailyReading & { readonly reason?: string | undefined };
export type ReadingSource = 'mine' | 'inspector' | 'grid';

export interface StoredReading extends DailyReading {
  readonly mineId: string;
  readonly source: ReadingSource;
  readonly revision: number;
  readonly recordedAt: string;
  readonly recordedBy: Actor;
  readonly importId?: string;
  /** Changes made after the day had been reviewed: the review reads them from here, in the same query. */
  readonly revisionsAfterReview?: readonly RevisionAfterReview[];
  readonly version: number;
}

export interface StoredRevision {
  readonly mineId: string;
  readonly meterId: string;
  readonly date: string;
  readonly revision: number;
  readonly previous: {
    kwh: number;
    quarterHours?: readonly number[];
    circuits?: DailyReading['circuits'];
    recordedBy: Actor;
    recordedAt: string;
  };
  readonly kwh: number;
  readonly reason: string;
  readonly revisedAt: string;
  readonly revisedBy: Actor;
  readonly afterReview: boolean;
}

export type RowOutcome =
  | { readonly row: number; readonly kind: 'create' | 'revise' | 'unchanged' }
  | { readonly row: number; readonly kind: 'reject'; readonly field: string; readonly reason: string };

export interface RecordResult {
  readonly created: number;
  readonly revised: number;
  readonly unchanged: number;
  readonly rejected: Extract<RowOutcome, { kind: 'reject' }>[];
  /** Days whose review must be run again because a reading of an already reviewed day changed. */
  readonly revisedReviewedDates: string[];
}

const readingKey = (mineId: string, date: string, meterId: string) => ({
  PK: pk.mine(mineId),
  SK: sk.reading(date, meterId),
});
const sameValues = (a: DailyReading, b: ReadingRow) =>
  a.kwh === b.kwh &&
  stableJson(a.quarterHours ?? null) === stableJson(b.quarterHours ?? null) &&
  stableJson(a.circuits ?? null) === stableJson(b.circuits ?? null);

/**
 * Records readings of one mine (already checked to be in the caller's scope). Rows that cannot be stored are
 * returned as rejections naming the field; the rest are written, in transactions of at most 100 items, each with
 * one audit event. `defaultReason` explains revisions that carry no reason of their own (a grid import).
 */
export async function recordReadings(
  db: Db,
  actor: Actor,
  mine: { readonly mineId: string; readonly jurisdiction: string },
  rows: readonly ReadingRow[],
  options: { source: ReadingSource; importId?: string; defaultReason?: string; allOrNothing?: boolean },
): Promise<RecordResult> {
  const { mineId } = mine;
  const now = db.now();
  const at = now.toISOString();
  const meterIds = new Set(
    (await queryAll<{ meterId: string }>(db, { partition: pk.mine(mineId), beginsWith: sk.meterPrefix })).map(
      (m) => m.meterId,
    ),
  );
  const keys = rows.map((r) => readingKey(mineId, r.date, r.meterId));
  const existing = new Map((await batchGet<StoredReading & { SK: string }>(db, keys)).map((r) => [r.SK, r]));
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
  for (const [row, r] of rows.entries()) {
    const id = sk.reading(r.date, r.meterId);
    const reject = (field: string, reason: string): void => {
      outcomes.push({ row, kind: 'reject', field, reason });
    };
    if (!meterIds.has(r.meterId)) {
      reject('meterId', `电表 ${r.meterId} 未登记在本矿`);
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
    const before = existing.get(id);
    const values = {
      meterId: r.meterId,
      date: r.date,
      kwh: r.kwh,
      ...(r.quarterHours ? { quarterHours: r.quarterHours } : {}),
      ...(r.circuits ? { circuits: r.circuits } : {}),
    };
    if (!before) {
      const item: StoredReading = {
        ...values,
        mineId,
        source: options.source,
        revision: 1,
        recordedAt: at,
        recordedBy: actor,
        ...(options.importId ? { importId: options.importId } : {}),
        version: 1,
      };
      writes.push(
        putNew(
          db,
          { ...readingKey(mineId, r.date, r.meterId), entity: 'reading', ...item },
          new ConflictError(`电表 ${r.meterId} 在 ${r.date} 的读数刚被他人报送，请重试`),
        ),
      );
      outcomes.push({ row, kind: 'create' });
      continue;
    }
    if (sameValues(before, r)) {
      outcomes.push({ row, kind: 'unchanged' });
      continue;
    }
    const reason = r.reason ?? options.defaultReason;
    if (!reason) {
      reject('reason', `电表 ${r.meterId} 在 ${r.date} 已有读数 ${before.kwh} kWh；修改须说明原因`);
      continue;
    }
    const afterReview = reviewed.has(r.date);
    if (afterReview) revisedReviewedDates.add(r.date);
    const revision: StoredRevision = {
      mineId,
      meterId: r.meterId,
      date: r.date,
      revision: before.revision,
      previous: {
        kwh: before.kwh,
        ...(before.quarterHours ? { quarterHours: before.quarterHours } : {}),
        ...(before.circuits ? { circuits: before.circuits } : {}),
        recordedBy: before.recordedBy,
        recordedAt: before.recordedAt,
      },
      kwh: r.kwh,
      reason,
      revisedAt: at,
      revisedBy: actor,
      afterReview,
    };
    const lateChanges = [
      ...(before.revisionsAfterReview ?? []),
      ...(afterReview
        ? [
            {
              meterId: r.meterId,
              date: r.date,
              at,
              by: actor.name ?? actor.sub,
              reason,
              previousKwh: before.kwh,
              kwh: r.kwh,
            },
          ]
        : []),
    ];
    const item: StoredReading = {
      ...values,
      mineId,
      source: options.source,
      revision: before.revision + 1,
      recordedAt: at,
      recordedBy: actor,
      ...(options.importId ? { importId: options.importId } : {}),
      ...(lateChanges.length ? { revisionsAfterReview: lateChanges } : {}),
      version: before.version + 1,
    };
    writes.push(
      putVersioned(
        db,
        { ...readingKey(mineId, r.date, r.meterId), entity: 'reading', ...item },
        before.version,
        new ConflictError(`电表 ${r.meterId} 在 ${r.date} 的读数刚被他人修改，请刷新后重试`),
      ),
    );
    writes.push(
      putNew(
        db,
        {
          PK: pk.mine(mineId),
          SK: sk.readingRevision(r.date, r.meterId, before.revision),
          entity: 'readingRevision',
          ...revision,
        },
        new ConflictError('读数修订记录冲突，请重试'),
      ),
    );
    outcomes.push({ row, kind: 'revise' });
  }

  const count = (kind: RowOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const rejected = outcomes.filter((o): o is Extract<RowOutcome, { kind: 'reject' }> => o.kind === 'reject');
  // A person's call is taken whole or not at all; an import stores its good rows and reports the others.
  if (options.allOrNothing && rejected.length)
    return { created: 0, revised: 0, unchanged: 0, rejected, revisedReviewedDates: [] };

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
          after: { source: options.source, readings: written.map((s) => s.slice('POWER#'.length)) },
        },
        at,
      ),
    ]);
  }
  return {
    created: count('create'),
    revised: count('revise'),
    unchanged: count('unchanged'),
    rejected,
    revisedReviewedDates: [...revisedReviewedDates].sort(),
  };
}

/** Readings of a mine from `from` to `to` inclusive, every meter, oldest first. */
export async function readingsBetween(db: Db, mineId: string, from: string, to: string): Promise<StoredReading[]> {
  const items = await queryAll<StoredReading>(db, {
    partition: pk.mine(mineId),
    between: [sk.readingsFrom(from), sk.readingsTo(to)],
  });
  return items.map((i) => stripKeys(i) as StoredReading);
}
