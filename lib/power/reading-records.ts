import type * as z from 'zod/mini';
import type { Actor } from '#lib/store/audit.ts';
import { stableJson } from '#lib/store/stable-json.ts';
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
export type StoredSource = ReadingSource | 'inspector';
export const sourceOf = (stored: StoredSource): ReadingSource => (stored === 'inspector' ? 'bureau' : stored);
export const RANK: Record<ReadingSource, number> = { mine: 1, bureau: 2, grid: 3 };
export const LABEL: Record<ReadingSource, string> = {
  grid: '供电公司数据',
  bureau: '监管部门现场读数',
  mine: '矿方报送值',
};

export interface ReadingValues {
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

export const sameValues = (a: ReadingValues, b: ReadingValues) =>
  a.kwh === b.kwh &&
  stableJson(a.quarterHours ?? null) === stableJson(b.quarterHours ?? null) &&
  stableJson(a.circuits ?? null) === stableJson(b.circuits ?? null);
export const valuesOf = (r: ReadingValues): ReadingValues => ({
  kwh: r.kwh,
  ...(r.quarterHours ? { quarterHours: r.quarterHours } : {}),
  ...(r.circuits ? { circuits: r.circuits } : {}),
});
export const byName = (actor: Actor) => actor.name ?? actor.sub;

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
