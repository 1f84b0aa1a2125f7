// Business dates for the charts: Shanghai's calendar whatever the browser's zone, quarter-hour labels.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesBetween,
  isIsoDate,
  lastDays,
  quarterLabel,
  quarterSpan,
  shanghaiToday,
} from '#web/src/charts/dates.ts';

describe('dates', () => {
  it.each([
    ['2026-11-29', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-1-29', false],
    ['', false],
    [null, false],
  ])('%s is a date: %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesBetween('2026-12-02', '2026-11-29')).toEqual([]);
  });

  it.each([
    ['2026-11-29T15:59:59Z', '2026-11-29'],
    ['2026-11-29T16:00:00Z', '2026-11-30'],
  ])('at %s it is %s in Shanghai', (iso, day) => expect(shanghaiToday(new Date(iso))).toBe(day));

  it('the chart window is the 90 days ending yesterday', () => {
    expect(lastDays(new Date('2026-11-30T02:00:00Z'), 90)).toEqual({ from: '2026-09-01', to: '2026-11-29' });
  });

  it.each([
    [0, '00:00', '00:00–00:15'],
    [24, '06:00', '06:00–06:15'],
    [88, '22:00', '22:00–22:15'],
    [95, '23:45', '23:45–24:00'],
  ])('quarter-hour %d starts at %s', (q, label, span) => {
    expect(quarterLabel(q)).toBe(label);
    expect(quarterSpan(q)).toBe(span);
  });
});
