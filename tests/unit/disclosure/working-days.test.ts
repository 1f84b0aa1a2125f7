// The publication deadline counts working days: weekends and the bureau's holidays are skipped, the 调休 weekend days
// worked are counted, the day itself is not.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, NO_CALENDAR, workCalendar } from '#lib/disclosure/working-days.ts';

/**
 * An illustrative calendar, not any year's announced one: a Tuesday–Thursday holiday with the Saturday before worked,
 * and a New Year's Day off.
 */
const CAL = workCalendar({
  holidays: ['2026-12-15', '2026-12-16', '2026-12-17', '2027-01-01'],
  workingWeekends: ['2026-12-12'],
});

describe('working days', () => {
  it.each([
    ['2026-12-04', NO_CALENDAR, true], // Friday
    ['2026-12-05', NO_CALENDAR, false], // Saturday
    ['2026-12-06', NO_CALENDAR, false], // Sunday
    ['2026-12-07', NO_CALENDAR, true], // Monday
    ['2026-12-15', NO_CALENDAR, true], // a Tuesday, no calendar entered
    ['2026-12-15', CAL, false], // the same Tuesday, a holiday
    ['2026-12-14', CAL, true], // the Monday before it
    ['2026-12-18', CAL, true], // the Friday after it
    ['2026-12-12', NO_CALENDAR, false], // a Saturday
    ['2026-12-12', CAL, true], // the same Saturday, worked (调休)
    ['2026-12-13', CAL, false], // the Sunday after it, not worked
    ['2027-01-01', CAL, false], // New Year's Day, a Friday
  ])('%s is a working day: %s', (date, calendar, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });

  it.each([
    ['2026-12-01', 7, NO_CALENDAR, '2026-12-10'], // Tuesday + 7 → next Thursday
    ['2026-12-04', 1, NO_CALENDAR, '2026-12-07'], // Friday + 1 → Monday
    ['2026-12-05', 1, NO_CALENDAR, '2026-12-07'], // Saturday + 1 → Monday
    ['2026-12-03', 1, NO_CALENDAR, '2026-12-04'], // Thursday + 1 → Friday
    ['2026-12-01', 20, NO_CALENDAR, '2026-12-29'],
    ['2026-12-01', 0, NO_CALENDAR, '2026-12-01'],
    ['2026-12-28', 7, NO_CALENDAR, '2027-01-06'], // across the year
    // Across the holiday: 12-11 (Fri) + 1 is the worked Saturday; + 2 is the Monday; the holiday adds three days.
    ['2026-12-11', 1, CAL, '2026-12-12'],
    ['2026-12-11', 2, CAL, '2026-12-14'],
    ['2026-12-11', 3, CAL, '2026-12-18'],
    ['2026-12-14', 1, CAL, '2026-12-18'], // the day before the holiday + 1 → the day after it
    ['2026-12-10', 7, CAL, '2026-12-23'], // without the calendar: 12-21
    ['2026-12-10', 7, NO_CALENDAR, '2026-12-21'],
    // Year end: New Year's Day off moves a deadline across the year by one working day.
    ['2026-12-30', 2, CAL, '2027-01-04'],
    ['2026-12-30', 2, NO_CALENDAR, '2027-01-01'],
    ['2026-12-31', 1, CAL, '2027-01-04'],
    ['2026-12-24', 7, CAL, '2027-01-05'],
    ['2026-12-24', 7, NO_CALENDAR, '2027-01-04'],
  ])('%s + %i working days → %s', (date, n, calendar, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });
});
