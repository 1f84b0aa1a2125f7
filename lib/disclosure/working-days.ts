import { addDays } from '#lib/validators/business-date.ts';

/**
 * Working days (工作日) for the publication deadlines: Monday to Friday, less the days a bureau lists as holidays.
 * The product keeps no holiday calendar yet (the bureau calendar, lib/reminders/calendar.ts, holds deadlines, not
 * days off), so the deadlines count weekends only unless a caller passes holidays; a deadline counted this way is
 * never later than the legal one.
 */
export function isWorkingDay(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The `n`th working day after `date` (the day itself not counted): the last day of an `n`-working-day period. */
export function addWorkingDays(date: string, n: number, holidays: ReadonlySet<string> = new Set()): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left -= 1;
  }
  return day;
}
