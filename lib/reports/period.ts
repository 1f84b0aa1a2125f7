import { ValidationError } from '#lib/errors.ts';
import { addMonths, daysInMonth, todayInShanghai } from '#lib/validators/business-date.ts';

/**
 * A reporting period: a month (`2026-11`) or a year (`2026`), in China time. A record dated by a business day
 * (`YYYY-MM-DD`) falls in it by its date; a record stamped with an instant (a hazard verified, a case opened) by the
 * Asia/Shanghai day of the instant, so 23:59 on the month's last day in Heilongjiang belongs to that month although
 * it is 15:59 UTC.
 */
export interface Period {
  readonly kind: 'month' | 'year';
  /** `2026-11` or `2026`. */
  readonly period: string;
  /** The first day, inclusive. */
  readonly from: string;
  /** The last day, inclusive. */
  readonly to: string;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const bad = (field: string, value: string) =>
  new ValidationError(`统计期间“${value}”无效：须为年份（如 2026）或年月（如 2026-11）`, [
    { field, message: '须为年份（如 2026）或年月（如 2026-11）' },
  ]);

/** Parses a period; 400 naming `field`, in Chinese, for anything else (a 13th month, a year out of range). */
export function parsePeriod(value: string, field = 'query.period'): Period {
  const month = MONTH.exec(value);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) throw bad(field, value);
    const mm = String(m).padStart(2, '0');
    return { kind: 'month', period: value, from: `${y}-${mm}-01`, to: `${y}-${mm}-${daysInMonth(y, m)}` };
  }
  const year = YEAR.exec(value);
  if (year) {
    const y = Number(year[1]);
    if (y < MIN_YEAR || y > MAX_YEAR) throw bad(field, value);
    return { kind: 'year', period: value, from: `${y}-01-01`, to: `${y}-12-31` };
  }
  throw bad(field, value);
}

/** A month only (`2026-11`): the monthly report's month. */
export function parseMonth(value: string, field = 'query.month'): Period {
  const p = MONTH.test(value) ? parsePeriod(value, field) : undefined;
  if (!p) {
    throw new ValidationError(`月份“${value}”无效：须为年月（如 2026-11）`, [
      { field, message: '须为年月（如 2026-11）' },
    ]);
  }
  return p;
}

/** Is a business day (`YYYY-MM-DD`) in the period? */
export const dateIn = (p: Period, date: string | undefined): boolean => !!date && date >= p.from && date <= p.to;

/** Is an instant (ISO 8601) in the period, by its day in China time? */
export const instantIn = (p: Period, at: string | undefined): boolean => {
  if (!at) return false;
  const d = new Date(at);
  return !Number.isNaN(d.getTime()) && dateIn(p, todayInShanghai(d));
};

/** The month before the one a day is in: `2026-12-03` → `2026-11`. */
export const previousMonth = (date: string): string => addMonths(`${date.slice(0, 7)}-01`, -1).slice(0, 7);

/** Day `day` of the month after `month` (`2026-11`, 5 → `2026-12-05`), the last day if that month is shorter. */
export const dayOfNextMonth = (month: string, day: number): string => {
  const next = addMonths(`${month}-01`, 1);
  const y = Number(next.slice(0, 4));
  const m = Number(next.slice(5, 7));
  return `${next.slice(0, 7)}-${String(Math.min(day, daysInMonth(y, m))).padStart(2, '0')}`;
};
