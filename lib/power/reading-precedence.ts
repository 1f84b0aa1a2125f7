import type { Actor } from '#lib/store/audit.ts';
import { formatKwh } from './engine/format.ts';
import {
  byName,
  LABEL,
  RANK,
  type ReadingRow,
  type ReadingSource,
  type RowKind,
  type StoredDeclaration,
  type StoredReading,
  type StoredRevision,
  sameValues,
  sourceOf,
  valuesOf,
} from './reading-records.ts';
import type { RevisionAfterReview } from './types.ts';

/**
 * What one row does to the reading of its meter and day: the precedence of the sources (grid > bureau > mine) as a
 * pure function of the item stored before and the row, so every case can be read, and tested, in one place. The
 * caller has already checked the meter, the date and duplicates, and writes what this returns.
 */
export interface RowContext {
  readonly mineId: string;
  readonly source: ReadingSource;
  readonly actor: Actor;
  /** When the call is recorded (ISO timestamp). */
  readonly at: string;
  readonly importId?: string | undefined;
  /** The reason of a revision whose row carries none (a grid import). */
  readonly defaultReason?: string | undefined;
  /** Whether the row's day has been reviewed: a change then marks it, or reviews it again. */
  readonly afterReview: boolean;
}

export type RowDecision =
  | { readonly kind: 'reject'; readonly field: string; readonly reason: string }
  | {
      readonly kind: RowKind;
      /** The reading item to write (versioned against the one before); none when nothing changes. */
      readonly item?: StoredReading;
      /** The revision item keeping what this row changed. */
      readonly revision?: StoredRevision;
      /** The value in force after the row. */
      readonly inForce: StoredReading;
      /** Said when the row's value is not the one in force, or replaced one. */
      readonly message?: string;
      /** The day was reviewed and what the review reads changed: review it again. */
      readonly reviewAgain: boolean;
    };

export function decideRow(before: StoredReading | undefined, r: ReadingRow, ctx: RowContext): RowDecision {
  const { source, actor, at, afterReview } = ctx;
  const values = { meterId: r.meterId, date: r.date, ...valuesOf(r) };
  const provenance = {
    mineId: ctx.mineId,
    source,
    recordedAt: at,
    recordedBy: actor,
    ...(ctx.importId ? { importId: ctx.importId } : {}),
  };
  if (!before) {
    const item: StoredReading = { ...values, ...provenance, revision: 1, version: 1 };
    return { kind: 'created', item, inForce: item, reviewAgain: false };
  }
  // The same import delivered again (its queue message retried after the readings were stored but before the
  // reviewed day was reviewed again): nothing changes, but the day must still be reviewed with the value in force.
  const redelivered = ctx.importId !== undefined && before.importId === ctx.importId && afterReview;
  const unchanged = (message?: string): RowDecision => ({
    kind: 'unchanged',
    inForce: before,
    ...(message ? { message } : {}),
    reviewAgain: redelivered,
  });
  const beforeSource = sourceOf(before.source);
  const where = `电表 ${r.meterId} 在 ${r.date} `;
  /** A revision item of this row: what was there, and why it changed. */
  const revisionOf = (
    kind: StoredRevision['kind'],
    previous: StoredRevision['previous'],
    reason: string,
  ): StoredRevision => ({
    mineId: ctx.mineId,
    meterId: r.meterId,
    date: r.date,
    revision: before.version,
    kind,
    previous,
    kwh: r.kwh,
    source,
    reason,
    revisedAt: at,
    revisedBy: actor,
    afterReview,
  });
  /** A new value in force: this row's values and provenance, the item's history carried over. */
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
      if (sameValues(before, r)) return unchanged();
      return {
        kind: 'reject',
        field: 'kwh',
        reason:
          `${where}已有${LABEL[beforeSource]} ${formatKwh(before.kwh)}，以其为准，${LABEL[source]}不能替代；` +
          `如其有误，应由供电公司更正后重新导入`,
      };
    }
    const inForceNote = `读数以${LABEL[beforeSource]} ${formatKwh(before.kwh)} 为准`;
    const prior = before.declared;
    if (prior && sameValues(prior, r))
      return unchanged(`${where}的矿方申报值仍为 ${formatKwh(prior.kwh)}，${inForceNote}。`);
    // Changing what the mine declared is a revision of its own: a reason, the old declaration kept.
    const reason = prior ? (r.reason ?? ctx.defaultReason) : undefined;
    if (prior && !reason)
      return { kind: 'reject', field: 'reason', reason: `${where}已申报 ${prior.kwh} kWh；修改申报须说明原因` };
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
    // The item as it was, with the declaration (and a late change of it) beside the value in force.
    const item: StoredReading = {
      meterId: before.meterId,
      date: before.date,
      ...valuesOf(before),
      mineId: ctx.mineId,
      source: before.source,
      revision: before.revision,
      recordedAt: before.recordedAt,
      recordedBy: before.recordedBy,
      ...(before.importId ? { importId: before.importId } : {}),
      ...(lateChanges.length ? { revisionsAfterReview: lateChanges } : {}),
      declared: { ...valuesOf(r), declaredAt: at, declaredBy: actor, ...(r.reason ? { reason: r.reason } : {}) },
      version: before.version + 1,
    };
    return {
      kind: 'declared',
      item,
      ...(prior && reason
        ? {
            revision: revisionOf(
              'declaration',
              { ...valuesOf(prior), source: 'mine', recordedBy: prior.declaredBy, recordedAt: prior.declaredAt },
              reason,
            ),
          }
        : {}),
      inForce: item,
      message: `${where}的${inForceNote}；本次报送的 ${formatKwh(r.kwh)} 已记录为矿方申报值，不替代在用读数。`,
      reviewAgain: afterReview,
    };
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
    return {
      kind: 'superseded',
      item,
      revision: revisionOf(
        'superseded',
        previous,
        r.reason ?? ctx.defaultReason ?? `${LABEL[source]}取代${LABEL[beforeSource]}`,
      ),
      inForce: item,
      message:
        `${where}的${LABEL[beforeSource]} ${formatKwh(before.kwh)} 已由${LABEL[source]} ${formatKwh(r.kwh)} 取代` +
        (beforeSource === 'mine' ? '，矿方报送值保留为申报值。' : '。'),
      // Not a late change by whoever was replaced, but the day's review must see the value now in force.
      reviewAgain: afterReview,
    };
  }

  // The same source again.
  if (sameValues(before, r)) return unchanged();
  const reason = r.reason ?? ctx.defaultReason;
  if (!reason) return { kind: 'reject', field: 'reason', reason: `${where}已有读数 ${before.kwh} kWh；修改须说明原因` };
  const lateChanges = [
    ...(before.revisionsAfterReview ?? []),
    ...(afterReview
      ? [{ meterId: r.meterId, date: r.date, at, by: byName(actor), reason, previousKwh: before.kwh, kwh: r.kwh }]
      : []),
  ];
  const item = replaced(lateChanges, before.declared);
  return {
    kind: 'revised',
    item,
    revision: revisionOf('revision', previous, reason),
    inForce: item,
    reviewAgain: afterReview,
  };
}
