import type * as z from 'zod/mini';
import { ConflictError } from '#lib/errors.ts';
import { fieldsOn, type RegisterItem } from '#lib/registry/register.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import { putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { isFutureBusinessDate } from '#lib/validators/business-date.ts';
import { formatKwh } from './engine/format.ts';
import type { readingSchema } from './schemas.ts';
import type { DailyReading, Declaration, RevisionAfterReview } from './types.ts';

/**
 * Daily meter readings, one item per meter and day, each with its provenance: where the value in force came from
 * (`grid`: the grid company's bulk file; `bureau`: taken by a bureau user on site; `mine`: the mine's own report),
 * who recorded it and when. The sources rank grid > bureau > mine, and a lower source never replaces a higher one's
 * value:
 * - the same source again with other values is a revision: it needs a reason, the old values are kept in a revision
 *   item with who, when and why, and a revision of a day already reviewed is marked so that the review of that day
 *   reports it as a finding;
 * - a higher source over a lower one takes effect (the old values go to a revision item); what the mine had reported
 *   stays beside it as the mine's declaration. A grid file correcting a reviewed day is no late change by the mine,
 *   but the day is reviewed again;
 * - the mine under a higher source is recorded as its declaration (`declared`) beside the value in force, which stays;
 *   a changed declaration is a revision of the mine's own (reason, revision item, marked after review). The review
 *   holds the declaration against the value in force (DECLARATION_MISMATCH);
 * - the bureau under the grid changes nothing: the row is refused, naming the grid's value.
 */
export type ReadingInput = z.infer<typeof readingSchema>;
/** A row to record: a validated API reading, or a reading built by an import or the demo seed. */
export type ReadingRow = DailyReading & { readonly reason?: string | undefined };
export type ReadingSource = 'grid' | 'bureau' | 'mine';
export const READING_SOURCES = ['grid', 'bureau', 'mine'] as const satisfies readonly ReadingSource[];
/** Items written before the bureau's source had its name say `inspector`: they mean the bureau. */
type StoredSource = ReadingSource | 'inspector';
export const sourceOf = (stored: StoredSource): ReadingSource => (stored === 'inspector' ? 'bureau' : stored);
const RANK: Record<ReadingSource, number> = { mine: 1, bureau: 2, grid: 3 };
const LABEL: Record<ReadingSource, string> = { grid: '供电公司数据', bureau: '监管部门现场读数', mine: '矿方报送值' };

interface ReadingValues {
  readonly kwh: number;
  readonly quarterHours?: readonly number[];
  readonly circuits?: DailyReading['circuits'];
}

/** What the mine declared beside a reading in force from a higher source. */
export interface StoredDeclaration extends ReadingValues {
  readonly declaredAt: string;
  readonly declaredBy: Actor;
  /** What the mine said with it, if anything (a changed declaration must say why). */
  readonly reason?: string;
}

export interface StoredReading extends DailyReading {
  readonly mineId: string;
  /** Where the value in force came from. */
  readonly source: StoredSource;
  /** 1 for the first value in force, one more with each value that replaced it. */
  readonly revision: number;
  readonly recordedAt: string;
  readonly recordedBy: Actor;
  readonly importId?: string;
  /** Changes made after the day had been reviewed: the review reads them from here, in the same query. */
  readonly revisionsAfterReview?: readonly RevisionAfterReview[];
  /** The mine's latest declaration, where the value in force is the grid's or the bureau's; older ones are revisions. */
  readonly declared?: StoredDeclaration;
  readonly version: number;
}

export interface StoredRevision {
  readonly mineId: string;
  readonly meterId: string;
  readonly date: string;
  /** The version of the reading item this change replaced (the revision item's key). */
  readonly revision: number;
  /**
   * `revision`: the source in force changed its own value; `superseded`: a higher source's value replaced a lower
   * one's; `declaration`: the mine changed its declaration beside a higher source's value.
   */
  readonly kind: 'revision' | 'superseded' | 'declaration';
  readonly previous: ReadingValues & { source: ReadingSource; recordedBy: Actor; recordedAt: string };
  readonly kwh: number;
  readonly source: ReadingSource;
  readonly reason: string;
  readonly revisedAt: string;
  readonly revisedBy: Actor;
  readonly afterReview: boolean;
}

/** What became of a row: stored (and how), or refused naming its field. */
export type RowKind = 'created' | 'revised' | 'unchanged' | 'declared' | 'superseded';
export interface RowStored {
  readonly row: number;
  readonly kind: RowKind;
  readonly meterId: string;
  readonly date: string;
  /** The value in force for the meter and day after this call, and where it came from. */
  readonly inForce: { readonly kwh: number; readonly source: ReadingSource };
  /** Said when the row's value is not the one in force: it was kept as the mine's declaration, or it replaced one. */
  readonly message?: string;
}
export type RowOutcome =
  | RowStored
  | { readonly row: number; readonly kind: 'reject'; readonly field: string; readonly reason: string };

export interface RecordResult {
  readonly created: number;
  readonly revised: number;
  readonly unchanged: number;
  /** Rows kept as the mine's declaration beside a grid or bureau reading, which stays in force. */
  readonly declared: number;
  /** Rows whose higher source replaced a lower one's value. */
  readonly superseded: number;
  readonly rows: RowStored[];
  readonly rejected: Extract<RowOutcome, { kind: 'reject' }>[];
  /** Days whose review must be run again because a reading (or a declaration) of an already reviewed day changed. */
  readonly revisedReviewedDates: string[];
}

const readingKey = (mineId: string, date: string, meterId: string) => ({
  PK: pk.mine(mineId),
  SK: sk.reading(date, meterId),
});
const sameValues = (a: ReadingValues, b: ReadingValues) =>
  a.kwh === b.kwh &&
  stableJson(a.quarterHours ?? null) === stableJson(b.quarterHours ?? null) &&
  stableJson(a.circuits ?? null) === stableJson(b.circuits ?? null);
const valuesOf = (r: ReadingValues): ReadingValues => ({
  kwh: r.kwh,
  ...(r.quarterHours ? { quarterHours: r.quarterHours } : {}),
  ...(r.circuits ? { circuits: r.circuits } : {}),
});
const byName = (actor: Actor) => actor.name ?? actor.sub;

/** The reviewed day's declarations, for the review engine: read off the reading items it has already queried. */
export const declarationsOn = (readings: readonly StoredReading[], date: string): Declaration[] =>
  readings.flatMap((r) => {
    const source = sourceOf(r.source);
    if (r.date !== date || !r.declared || source === 'mine') return [];
    return [
      {
        meterId: r.meterId,
        date: r.date,
        declaredKwh: r.declared.kwh,
        declaredAt: r.declared.declaredAt,
        declaredBy: byName(r.declared.declaredBy),
        inForceKwh: r.kwh,
        inForceSource: source,
      },
    ];
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
  const putReading = (item: StoredReading, before: StoredReading | undefined) => {
    const stored = { ...readingKey(mineId, item.date, item.meterId), entity: 'reading', ...item };
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
    const stored = (kind: RowKind, inForce: ReadingValues & { source: StoredSource }, message?: string): void => {
      outcomes.push({
        row,
        kind,
        meterId: r.meterId,
        date: r.date,
        inForce: { kwh: inForce.kwh, source: sourceOf(inForce.source) },
        ...(message ? { message } : {}),
      });
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
    const before = existing.get(id);
    const values = { meterId: r.meterId, date: r.date, ...valuesOf(r) };
    const provenance = {
      mineId,
      source,
      recordedAt: at,
      recordedBy: actor,
      ...(options.importId ? { importId: options.importId } : {}),
    };
    if (!before) {
      const item: StoredReading = { ...values, ...provenance, revision: 1, version: 1 };
      putReading(item, undefined);
      stored('created', item);
      continue;
    }
    const beforeSource = sourceOf(before.source);
    const afterReview = reviewed.has(r.date);
    const where = `电表 ${r.meterId} 在 ${r.date} `;
    /** The item as it was, keys dropped, to write back with some fields changed. */
    const kept: StoredReading = {
      meterId: before.meterId,
      date: before.date,
      ...valuesOf(before),
      mineId,
      source: before.source,
      revision: before.revision,
      recordedAt: before.recordedAt,
      recordedBy: before.recordedBy,
      ...(before.importId ? { importId: before.importId } : {}),
      ...(before.revisionsAfterReview?.length ? { revisionsAfterReview: before.revisionsAfterReview } : {}),
      ...(before.declared ? { declared: before.declared } : {}),
      version: before.version + 1,
    };
    /** A new value in force: this call's values and provenance, the item's history carried over. */
    const replaced = (revisionsAfterReview: readonly RevisionAfterReview[], declared: StoredDeclaration | undefined) =>
      ({
        ...values,
        ...provenance,
        revision: before.revision + 1,
        ...(revisionsAfterReview.length ? { revisionsAfterReview } : {}),
        ...(declared ? { declared } : {}),
        version: before.version + 1,
      }) satisfies StoredReading;

    // A lower source under a higher one: the value in force stays.
    if (RANK[source] < RANK[beforeSource]) {
      if (source !== 'mine') {
        if (sameValues(before, r)) stored('unchanged', before);
        else
          reject(
            'kwh',
            `${where}已有${LABEL[beforeSource]} ${formatKwh(before.kwh)}，以其为准，${LABEL[source]}不能替代；` +
              `如其有误，应由供电公司更正后重新导入`,
          );
        continue;
      }
      const inForceNote = `读数以${LABEL[beforeSource]} ${formatKwh(before.kwh)} 为准`;
      const prior = before.declared;
      if (prior && sameValues(prior, r)) {
        stored('unchanged', before, `${where}的矿方申报值仍为 ${formatKwh(prior.kwh)}，${inForceNote}。`);
        continue;
      }
      // Changing what the mine declared is a revision of its own: a reason, the old declaration kept.
      const reason = prior ? (r.reason ?? options.defaultReason) : undefined;
      if (prior && !reason) {
        reject('reason', `${where}已申报 ${prior.kwh} kWh；修改申报须说明原因`);
        continue;
      }
      if (afterReview) revisedReviewedDates.add(r.date);
      const lateChanges = [
        ...(before.revisionsAfterReview ?? []),
        ...(prior && reason && afterReview
          ? [
              {
                meterId: r.meterId,
                date: r.date,
                at,
                by: byName(actor),
                reason,
                previousKwh: prior.kwh,
                kwh: r.kwh,
                declaration: true as const,
              },
            ]
          : []),
      ];
      putReading(
        {
          ...kept,
          ...(lateChanges.length ? { revisionsAfterReview: lateChanges } : {}),
          declared: { ...valuesOf(r), declaredAt: at, declaredBy: actor, ...(r.reason ? { reason: r.reason } : {}) },
        },
        before,
      );
      if (prior && reason) {
        putRevision({
          mineId,
          meterId: r.meterId,
          date: r.date,
          revision: before.version,
          kind: 'declaration',
          previous: { ...valuesOf(prior), source: 'mine', recordedBy: prior.declaredBy, recordedAt: prior.declaredAt },
          kwh: r.kwh,
          source,
          reason,
          revisedAt: at,
          revisedBy: actor,
          afterReview,
        });
      }
      stored(
        'declared',
        before,
        `${where}的${inForceNote}；本次报送的 ${formatKwh(r.kwh)} 已记录为矿方申报值，不替代在用读数。`,
      );
      continue;
    }

    const previous = {
      ...valuesOf(before),
      source: beforeSource,
      recordedBy: before.recordedBy,
      recordedAt: before.recordedAt,
    };
    // A higher source over a lower one takes effect; what the mine reported stays as its declaration.
    if (RANK[source] > RANK[beforeSource]) {
      const declared: StoredDeclaration | undefined =
        beforeSource === 'mine'
          ? { ...valuesOf(before), declaredAt: before.recordedAt, declaredBy: before.recordedBy }
          : before.declared;
      const item = replaced(before.revisionsAfterReview ?? [], declared);
      putReading(item, before);
      putRevision({
        mineId,
        meterId: r.meterId,
        date: r.date,
        revision: before.version,
        kind: 'superseded',
        previous,
        kwh: r.kwh,
        source,
        reason: r.reason ?? options.defaultReason ?? `${LABEL[source]}取代${LABEL[beforeSource]}`,
        revisedAt: at,
        revisedBy: actor,
        afterReview,
      });
      // Not a late change by whoever was replaced, but the day's review must see the value now in force.
      if (afterReview) revisedReviewedDates.add(r.date);
      stored(
        'superseded',
        item,
        `${where}的${LABEL[beforeSource]} ${formatKwh(before.kwh)} 已由${LABEL[source]} ${formatKwh(r.kwh)} 取代` +
          (beforeSource === 'mine' ? '，矿方报送值保留为申报值。' : '。'),
      );
      continue;
    }

    // The same source again.
    if (sameValues(before, r)) {
      stored('unchanged', before);
      continue;
    }
    const reason = r.reason ?? options.defaultReason;
    if (!reason) {
      reject('reason', `${where}已有读数 ${before.kwh} kWh；修改须说明原因`);
      continue;
    }
    if (afterReview) revisedReviewedDates.add(r.date);
    const lateChanges = [
      ...(before.revisionsAfterReview ?? []),
      ...(afterReview
        ? [{ meterId: r.meterId, date: r.date, at, by: byName(actor), reason, previousKwh: before.kwh, kwh: r.kwh }]
        : []),
    ];
    const item = replaced(lateChanges, before.declared);
    putReading(item, before);
    putRevision({
      mineId,
      meterId: r.meterId,
      date: r.date,
      revision: before.version,
      kind: 'revision',
      previous,
      kwh: r.kwh,
      source,
      reason,
      revisedAt: at,
      revisedBy: actor,
      afterReview,
    });
    stored('revised', item);
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
  const items = await queryAll<StoredReading>(db, {
    partition: pk.mine(mineId),
    between: [sk.readingsFrom(from), sk.readingsTo(to)],
  });
  return items.map((i) => stripKeys(i) as StoredReading);
}
