// Reporting periods: what a month or a year is, and which records fall in it at both ends, in China time.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { dateIn, dayOfNextMonth, instantIn, parseMonth, parsePeriod, previousMonth } from '#lib/reports/period.ts';

describe('parsePeriod', () => {
  it.each([
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2026-12', 'month', '2026-12-01', '2026-12-31'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ])('%s is a %s from %s to %s', (value, kind, from, to) => {
    expect(parsePeriod(value)).toEqual({ kind, period: value, from, to });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26', '1999', '2101', '2026-11-01', '', '十一月', '2026/11'])(
    '%j is refused with a Chinese message naming the field',
    (value) => {
      try {
        parsePeriod(value);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).message).toMatch(/统计期间.*年份（如 2026）或年月（如 2026-11）/);
        expect((e as ValidationError).fields[0]?.field).toBe('query.period');
      }
    },
  );

  it('a month only where a month is asked for', () => {
    expect(parseMonth('2026-11').to).toBe('2026-11-30');
    expect(() => parseMonth('2026')).toThrow(/月份“2026”无效/);
  });
});

describe('what falls in a period', () => {
  const november = parsePeriod('2026-11');
  it.each([
    ['2026-10-31', false],
    ['2026-11-01', true],
    ['2026-11-30', true],
    ['2026-12-01', false],
    [undefined, false],
  ])('the business day %s: %s', (date, expected) => {
    expect(dateIn(november, date)).toBe(expected);
  });

  it.each([
    // 23:59 on the 30th in Heilongjiang is 15:59 UTC: still November; 00:00 on 1 December is 16:00 UTC.
    ['2026-11-30T15:59:00.000Z', true],
    ['2026-11-30T16:00:00.000Z', false],
    // 00:00 on 1 November in China is 16:00 UTC on 31 October.
    ['2026-10-31T15:59:59.999Z', false],
    ['2026-10-31T16:00:00.000Z', true],
    ['not a date', false],
    [undefined, false],
  ])('the instant %s: %s', (at, expected) => {
    expect(instantIn(november, at)).toBe(expected);
  });
});

describe('the months around a report', () => {
  it.each([
    ['2026-12-03', '2026-11'],
    ['2026-01-01', '2025-12'],
    ['2026-03-31', '2026-02'],
  ])('on %s the month to report is %s', (date, month) => {
    expect(previousMonth(date)).toBe(month);
  });

  it.each([
    ['2026-11', 5, '2026-12-05'],
    ['2026-12', 5, '2027-01-05'],
    ['2026-01', 28, '2026-02-28'],
    ['2026-01', 31, '2026-02-28'],
  ])('%s due on day %i of the next month: %s', (month, day, due) => {
    expect(dayOfNextMonth(month, day)).toBe(due);
  });
});
