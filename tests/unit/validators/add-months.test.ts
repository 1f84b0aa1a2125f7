// addMonths: calendar months on business dates, a day the target month lacks becoming its last day. The credit
// model's windows (12 and 36 months) are built on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, isBusinessDate } from '#lib/validators/business-date.ts';

describe('addMonths', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28', 'to a short February'],
    ['2024-01-31', 1, '2024-02-29', 'to a leap February'],
    ['2024-02-29', 12, '2025-02-28', 'leap day a year on'],
    ['2024-02-29', 48, '2028-02-29', 'leap day four years on'],
    ['2025-11-30', 12, '2026-11-30', 'a year on'],
    ['2025-11-30', 36, '2028-11-30', 'three years on'],
    ['2025-03-31', 1, '2025-04-30', 'to a 30-day month'],
    ['2025-12-15', 1, '2026-01-15', 'across a year end'],
    ['2025-11-30', 0, '2025-11-30', 'zero'],
    ['2025-01-15', -1, '2024-12-15', 'back across a year end'],
    ['2025-03-31', -1, '2025-02-28', 'back to a short February'],
    ['2025-01-31', -11, '2024-02-29', 'back to a leap February'],
    ['2024-03-31', -13, '2023-02-28', 'back more than a year'],
    ['2026-06-15', -12, '2025-06-15', 'a year back'],
    ['2026-06-15', -36, '2023-06-15', 'three years back'],
    ['2025-02-28', -14, '2023-12-28', 'back to a December'],
  ])('%s, %i months → %s (%s)', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a month count of %s', (n) => {
    expect(() => addMonths('2025-01-31', n)).toThrow(RangeError);
  });

  it.each(['2025-02-29', '2025-1-31', '', '2025-01-31T00:00:00Z'])('refuses the date %j', (date) => {
    expect(() => addMonths(date, 1)).toThrow(RangeError);
  });

  it('refuses to leave the four-digit years', () => {
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });

  const arbDate = fc
    .record({
      year: fc.integer({ min: 1900, max: 2200 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map(
      ({ year, month, day }) =>
        `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`,
    );
  const arbMonths = fc.integer({ min: -600, max: 600 });

  it('lands in the right month, on the same day or the last day of that month', () => {
    fc.assert(
      fc.property(arbDate, arbMonths, (date, n) => {
        const out = addMonths(date, n);
        expect(isBusinessDate(out)).toBe(true);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [oy, om, od] = out.split('-').map(Number) as [number, number, number];
        expect(oy * 12 + om - (y * 12 + m)).toBe(n);
        expect(od).toBe(Math.min(d, daysInMonth(oy, om)));
      }),
    );
  });

  it('keeps order, and a day no later than the 28th comes back where it started', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbMonths, (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addMonths(lo, n) <= addMonths(hi, n)).toBe(true);
        if (Number(a.slice(8)) <= 28) expect(addMonths(addMonths(a, n), -n)).toBe(a);
        expect(addMonths(addMonths(a, n), -n) <= a).toBe(true);
      }),
    );
  });
});
