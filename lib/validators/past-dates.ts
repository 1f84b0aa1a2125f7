import { type FieldProblem, ValidationError } from '#lib/errors.ts';
import { todayInShanghai } from './business-date.ts';

/**
 * Dates a request gives for something that has already happened (a licence issued, a hazard found, an accident, an
 * inspection done, a penalty carried out): none of them can be after today in Asia/Shanghai; today itself is fine.
 * A schema cannot know "today" (the store's clock decides it, and tests move that clock), so the services check
 * these dates here, with the other checks of their input, all in the same words.
 */
export interface PastDate {
  /** The field the problem names, e.g. `body.issuedOn`. */
  readonly field: string;
  /** What a person calls the date, e.g. 发证日期. */
  readonly label: string;
  /** The date given; an absent one is not checked. */
  readonly date: string | undefined;
}

/** One problem for each date after `today` (a `YYYY-MM-DD` day in Asia/Shanghai), for a caller that gathers problems. */
export function futureDateProblems(today: string, ...dates: readonly PastDate[]): FieldProblem[] {
  // Well-formed YYYY-MM-DD days compare as strings in calendar order.
  return dates
    .filter((d) => d.date !== undefined && d.date > today)
    .map((d) => ({ field: d.field, message: `${d.label}不能晚于今天（${today}）` }));
}

/** Refuses (400, naming each field) the dates after today in Asia/Shanghai by the clock `now` (the store's `db.now()`). */
export function refuseFutureDates(now: Date, ...dates: readonly PastDate[]): void {
  const problems = futureDateProblems(todayInShanghai(now), ...dates);
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
}
