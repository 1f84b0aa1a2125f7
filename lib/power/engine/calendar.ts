/**
 * The days of one review's readings window as an indexed list, so the engine works on array positions instead of
 * parsing dates per reading. Every mine of a nightly run shares the reviewed date, so the calendar is built once and
 * memoised (a pure cache: same date and policy, same calendar).
 */
import { addDays, daysBetween, daysInMonth } from '#lib/validators/business-date.ts';
import type { PowerReviewPolicy } from '../types.ts';
import { readingsWindowStart } from './window.ts';

export interface ReviewCalendar {
  /** Every date from the window start to the reviewed date, oldest first. */
  readonly dates: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Position of the reviewed date (the last one). */
  readonly day: number;
  /** Position of date − windowDays: history is [historyStart, day − 1]. */
  readonly historyStart: number;
  /** Position of the first day of the reviewed month. */
  readonly monthStart: number;
  readonly dayOfMonth: number;
  readonly daysInMonth: number;
}

const MAX_CACHED = 64;
const cache = new Map<string, ReviewCalendar>();

const build = (date: string, policy: PowerReviewPolicy): ReviewCalendar => {
  const start = readingsWindowStart(date, policy);
  const length = daysBetween(start, date) + 1;
  const dates: string[] = new Array<string>(length);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < length; i++) {
    const d = addDays(start, i);
    dates[i] = d;
    indexOf.set(d, i);
  }
  const day = length - 1;
  const dayOfMonth = Number(date.slice(8, 10));
  return {
    dates,
    indexOf,
    day,
    historyStart: day - policy.windowDays,
    monthStart: day - (dayOfMonth - 1),
    dayOfMonth,
    daysInMonth: daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7))),
  };
};

export const reviewCalendar = (date: string, policy: PowerReviewPolicy): ReviewCalendar => {
  const key = `${date}|${policy.windowDays}|${policy.flatlineDays}|${policy.missingHighDays}`;
  let cal = cache.get(key);
  if (cal === undefined) {
    cal = build(date, policy);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, cal);
  }
  return cal;
};
