/**
 * Which earlier days the review of a day may not learn from (MineReviewInput.excludedDays): the offence must not
 * train the baseline that is meant to catch it. Pure, like the engine: the same flags and case spans always give
 * the same days, and only what is dated before the reviewed day counts, so a day reviewed again later gets the
 * exclusions it had the first time, whatever was flagged or decided since.
 *
 * - A flagged day (its review had a high or critical finding) is left out of the reviews of every later day, until
 *   each rule it was flagged for is cleared by a case of that rule dismissed (排除, the finding was unfounded) before
 *   the reviewed day, whose span holds the flagged day.
 * - A case pending on the reviewed day (open or investigating, or decided on the reviewed day or later) leaves out
 *   every day from its first finding up to the day before the reviewed one, flagged or not: while a mine is under
 *   investigation, production kept just below the bar must not teach the bar either.
 * - A case confirmed (认定) before the reviewed day keeps leaving out its days, from its first finding through the
 *   day it was confirmed: they were the offence. A later finding of that rule opens a new case.
 * - A case dismissed before the reviewed day leaves out nothing any more: its days count again, as any other.
 * Closing a confirmed or dismissed case changes nothing: the decision is what counts.
 */
import { addDays } from '#lib/validators/business-date.ts';

/** A case as the exclusions see it (lib/cases/case-spans.ts keeps one per case). */
export interface ExclusionSpan {
  readonly rule: string;
  /** Business date of the case's first finding. */
  readonly from: string;
  /** How the bureau decided the case, once it has. */
  readonly outcome?: 'confirmed' | 'dismissed';
  /** Business date (Asia/Shanghai) of that decision. */
  readonly on?: string;
}

/** Days flagged by their own review: date → the rules of its high and critical findings. */
export type FlaggedDays = ReadonlyMap<string, readonly string[]>;

/** Decided before `date`: a decision dated on the reviewed day or later leaves the case pending for that review. */
const decidedBefore = (span: ExclusionSpan, date: string): 'confirmed' | 'dismissed' | null =>
  span.outcome !== undefined && span.on !== undefined && span.on < date ? span.outcome : null;

/**
 * The days in `[from, date − 1]` that the review of `date` leaves out of every learned baseline, oldest first.
 * `from` is the first day of the review's history window.
 */
export function excludedDaysFor(
  date: string,
  from: string,
  flagged: FlaggedDays,
  spans: readonly ExclusionSpan[],
): string[] {
  const last = addDays(date, -1);
  const out = new Set<string>();

  for (const span of spans) {
    if (span.from > last) continue;
    const decided = decidedBefore(span, date);
    if (decided === 'dismissed') continue;
    const end = decided === 'confirmed' && span.on! < last ? span.on! : last;
    for (let d = span.from < from ? from : span.from; d <= end; d = addDays(d, 1)) out.add(d);
  }

  for (const [day, rules] of flagged) {
    if (day < from || day > last || out.has(day)) continue;
    const cleared = rules.every((rule) =>
      spans.some((s) => s.rule === rule && decidedBefore(s, date) === 'dismissed' && s.from <= day && day <= s.on!),
    );
    if (!cleared) out.add(day);
  }
  return [...out].sort();
}
