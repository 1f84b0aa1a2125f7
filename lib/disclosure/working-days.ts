import { addDays } from '#lib/validators/business-date.ts';

/**
 * Working days (工作日) for the publication deadlines: Monday to Friday, less the public holidays, plus the weekend
 * days worked instead (调休). The State Council announces each year's dates; the bureau enters them in the disclosure
 * policy's calendar (`GET/PUT /v1/policies/disclosure`). With no calendar entered, weekends alone are skipped, and a
 * deadline counted so is never later than the legal one except across a holiday.
 */
export interface WorkCalendar {
  /** Days off, Monday to Friday included (春节, 国庆…). */
  readonly holidays: ReadonlySet<string>;
  /** Saturdays and Sundays that are working days (调休上班). */
  readonly workingWeekends: ReadonlySet<string>;
}

export const NO_CALENDAR: WorkCalendar = { holidays: new Set(), workingWeekends: new Set() };

/** The calendar of a policy's lists of dates. */
export const workCalendar = (c: {
  readonly holidays: readonly string[];
  readonly workingWeekends: readonly string[];
}): WorkCalendar => ({ holidays: new Set(c.holidays), workingWeekends: new Set(c.workingWeekends) });

const isWeekend = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

export function isWorkingDay(date: string, calendar: WorkCalendar = NO_CALENDAR): boolean {
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date) || calendar.workingWeekends.has(date);
}

/** The `n`th working day after `date` (the day itself not counted): the last day of an `n`-working-day period. */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar = NO_CALENDAR): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** A weekend day (for the calendar's checks: a 调休 working day is a Saturday or a Sunday). */
export { isWeekend };
