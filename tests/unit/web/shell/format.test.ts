// Business dates are Shanghai's calendar days, whatever the zone of the browser; timestamps show in Shanghai time.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateTime,
  daysBetween,
  dueIn,
  isIsoDate,
  jurisdictionText,
  num,
  todayShanghai,
} from '#web/src/format.ts';

describe('dates', () => {
  it.each([
    ['2026-11-29T15:59:59Z', '2026-11-29'],
    ['2026-11-29T16:00:00Z', '2026-11-30'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('at %s it is %s in Shanghai', (iso, day) => expect(todayShanghai(new Date(iso))).toBe(day));

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-11-30', '2026-12-30')).toBe(30);
    expect(daysBetween('2026-11-30', '2026-11-10')).toBe(-20);
  });

  it.each([
    ['2026-11-29', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-1-29', false],
    ['', false],
    [undefined, false],
  ])('%s is a date: %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));

  it('shows a timestamp in Shanghai time', () => {
    expect(dateTime('2026-11-30T14:40:57.593Z')).toBe('2026-11-30 22:40');
    expect(dateTime('2026-11-30T16:05:00Z')).toBe('2026-12-01 00:05');
    expect(dateTime(undefined)).toBe('');
  });

  it('says how far a due date is', () => {
    expect(dueIn(0)).toBe('今天到期');
    expect(dueIn(5)).toBe('还有 5 天');
    expect(dueIn(-3)).toBe('已逾期 3 天');
  });
});

describe('numbers and paths', () => {
  it('groups thousands and keeps one decimal', () => {
    expect(num(66145.07)).toBe('66,145.1');
    expect(num(0)).toBe('0');
    expect(num(null)).toBe('');
    expect(num(Number.NaN)).toBe('');
  });
  it('spaces a jurisdiction path', () =>
    expect(jurisdictionText('hlj/hegang/dongshan')).toBe('hlj / hegang / dongshan'));
});
