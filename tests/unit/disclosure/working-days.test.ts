// The publication deadline counts working days: weekends (and any holidays given) are skipped, the day itself is
// not counted.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '#lib/disclosure/working-days.ts';

describe('working days', () => {
  it.each([
    ['2026-12-04', true], // Friday
    ['2026-12-05', false], // Saturday
    ['2026-12-06', false], // Sunday
    ['2026-12-07', true], // Monday
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-12-01', 7, '2026-12-10'], // Tuesday + 7 → next Thursday
    ['2026-12-04', 1, '2026-12-07'], // Friday + 1 → Monday
    ['2026-12-05', 1, '2026-12-07'], // Saturday + 1 → Monday
    ['2026-12-03', 1, '2026-12-04'], // Thursday + 1 → Friday
    ['2026-12-01', 20, '2026-12-29'],
    ['2026-12-01', 0, '2026-12-01'],
    ['2026-12-28', 7, '2027-01-06'], // across the year
  ])('%s + %i working days → %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('skips the holidays it is given', () => {
    expect(addWorkingDays('2026-12-30', 2, new Set(['2027-01-01']))).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-30', 2)).toBe('2027-01-01');
    expect(isWorkingDay('2027-01-01', new Set(['2027-01-01']))).toBe(false);
  });
});
