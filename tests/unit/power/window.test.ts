// The readings window the loader fetches: the policy's history window, the reviewed month so far, and enough days
// back for the missing and identical-reading runs.
import { describe, expect, it } from 'vitest';
import { readingsWindowStart } from '#lib/power/engine/window.ts';
import { policy } from './builders.ts';

describe('readingsWindowStart', () => {
  it.each([
    ['2026-11-28', '2026-10-31', 'history reaches further back than the 1st'],
    ['2026-11-29', '2026-11-01', 'date − 28 is the 1st'],
    ['2026-11-30', '2026-11-01', 'the 1st is earlier than date − 28'],
    ['2026-12-31', '2026-12-01', 'a 31-day month'],
    ['2026-11-01', '2026-10-04', 'the 1st itself'],
    ['2024-02-29', '2024-02-01', 'leap day'],
    ['2024-03-01', '2024-02-02', 'across a leap February'],
    ['2025-01-10', '2024-12-13', 'across a year end'],
  ])('%s → %s (%s)', (date, start) => {
    expect(readingsWindowStart(date, policy())).toBe(start);
  });

  it('reaches back far enough for runs longer than the window', () => {
    expect(readingsWindowStart('2026-11-20', policy({ windowDays: 7, flatlineDays: 14 }))).toBe('2026-11-01');
    expect(readingsWindowStart('2026-11-30', policy({ windowDays: 7, missingHighDays: 14 }))).toBe('2026-11-01');
    expect(readingsWindowStart('2026-11-30', policy({ windowDays: 7, flatlineDays: 3 }))).toBe('2026-11-01');
    expect(readingsWindowStart('2026-11-10', policy({ windowDays: 7 }))).toBe('2026-11-01');
    expect(readingsWindowStart('2026-11-25', policy({ windowDays: 7, missingHighDays: 14 }))).toBe('2026-11-01');
    expect(readingsWindowStart('2026-12-20', policy({ windowDays: 7, missingHighDays: 14 }))).toBe('2026-12-01');
    expect(readingsWindowStart('2026-12-05', policy({ windowDays: 7, missingHighDays: 14 }))).toBe('2026-11-22');
  });

  it('refuses a date that is not a calendar day', () => {
    expect(() => readingsWindowStart('2026-02-30', policy())).toThrow(RangeError);
  });
});
