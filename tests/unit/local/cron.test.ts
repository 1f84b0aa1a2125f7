// Cron matching decides when nightly jobs run; these pin the Asia/Shanghai times a user would see in AWS.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CronFields, cronMatches, nextRun, parseCron } from '#local/cron.ts';

const at = (iso: string): Date => new Date(iso);

describe('nextRun', () => {
  it.each<[string, CronFields, string, string]>([
    [
      'daily 02:00, a minute before',
      { minute: '0', hour: '2' },
      '2024-03-10T01:59:30+08:00',
      '2024-03-10T02:00:00+08:00',
    ],
    [
      'exactly at the run minute goes to the next day',
      { minute: '0', hour: '2' },
      '2024-03-10T02:00:00+08:00',
      '2024-03-11T02:00:00+08:00',
    ],
    [
      'a millisecond after the run minute',
      { minute: '0', hour: '2' },
      '2024-03-10T02:00:00.001+08:00',
      '2024-03-11T02:00:00+08:00',
    ],
    [
      'midnight Shanghai is 16:00 UTC the day before',
      { minute: '0', hour: '0' },
      '2024-03-10T15:59:00Z',
      '2024-03-10T16:00:00Z',
    ],
    [
      '01:30 Shanghai after the UTC/Shanghai date split',
      { minute: '30', hour: '1' },
      '2024-03-10T16:00:00Z',
      '2024-03-10T17:30:00Z',
    ],
    [
      'day 31 skips 30-day April',
      { minute: '0', hour: '0', day: '31' },
      '2024-04-01T00:00:00+08:00',
      '2024-05-31T00:00:00+08:00',
    ],
    [
      'day 1 rolls over the year',
      { minute: '0', hour: '0', day: '1' },
      '2024-12-31T12:00:00+08:00',
      '2025-01-01T00:00:00+08:00',
    ],
    [
      '29 February waits for the next leap year',
      { minute: '0', hour: '3', day: '29', month: '2' },
      '2024-03-01T00:00:00+08:00',
      '2028-02-29T03:00:00+08:00',
    ],
    [
      '29 February in a leap year',
      { minute: '0', hour: '3', day: '29', month: 'FEB' },
      '2023-06-01T00:00:00+08:00',
      '2024-02-29T03:00:00+08:00',
    ],
    [
      '29 February skips 2100, which is not a leap year',
      { minute: '0', hour: '0', day: '29', month: '2' },
      '2096-03-01T00:00:00+08:00',
      '2104-02-29T00:00:00+08:00',
    ],
    ['every 15 minutes', { minute: '*/15', hour: '*' }, '2024-03-10T10:07:00+08:00', '2024-03-10T10:15:00+08:00'],
    [
      'every 15 minutes into the next hour',
      { minute: '*/15', hour: '*' },
      '2024-03-10T10:45:00+08:00',
      '2024-03-10T11:00:00+08:00',
    ],
    [
      'EventBridge start/step form 5/20',
      { minute: '5/20', hour: '*' },
      '2024-03-10T10:26:00+08:00',
      '2024-03-10T10:45:00+08:00',
    ],
    [
      'stepped hour range 8-18/4 after 16:00',
      { minute: '0', hour: '8-18/4' },
      '2024-03-10T16:00:00+08:00',
      '2024-03-11T08:00:00+08:00',
    ],
    ['hour list 1,13', { minute: '0', hour: '1,13' }, '2024-03-10T01:00:00+08:00', '2024-03-10T13:00:00+08:00'],
    [
      'day-of-week 2 is Monday (EventBridge, 1 = Sunday)',
      { minute: '0', hour: '9', day: '?', weekDay: '2' },
      '2024-03-10T12:00:00+08:00',
      '2024-03-11T09:00:00+08:00',
    ],
    [
      'MON-FRI skips the weekend',
      { minute: '0', hour: '9', day: '?', weekDay: 'MON-FRI' },
      '2024-03-08T10:00:00+08:00',
      '2024-03-11T09:00:00+08:00',
    ],
    [
      'Monday in Shanghai while still Sunday in UTC',
      { minute: '0', hour: '*', day: '?', weekDay: 'MON' },
      '2024-03-10T15:30:00Z',
      '2024-03-10T16:00:00Z',
    ],
    [
      '"?" in day-of-month means any day',
      { minute: '0', hour: '2', day: '?', weekDay: '*' },
      '2024-03-10T03:00:00+08:00',
      '2024-03-11T02:00:00+08:00',
    ],
    [
      'last day of February, then March',
      { minute: '0', hour: '0', day: '30,31' },
      '2023-02-01T00:00:00+08:00',
      '2023-03-30T00:00:00+08:00',
    ],
  ])('%s', (_name, cron, after, expected) => {
    expect(nextRun(cron, at(after)).toISOString()).toBe(at(expected).toISOString());
  });
});

describe('parseCron refuses what EventBridge would not run as meant', () => {
  it.each<[string, CronFields, RegExp]>([
    ['minute out of range', { minute: '60', hour: '0' }, /minute value 60 is outside 0-59/],
    ['"?" outside the day fields', { minute: '?', hour: '0' }, /only allowed in day-of-month and day-of-week/],
    ['both day fields restricted', { minute: '0', hour: '0', day: '1', weekDay: 'MON' }, /cannot both be restricted/],
    ['L (last day)', { minute: '0', hour: '0', day: 'L' }, /L, W and # are not supported/],
    ['# (nth weekday)', { minute: '0', hour: '0', day: '?', weekDay: '2#1' }, /not supported/],
    ['a backwards range', { minute: '0', hour: '5-1' }, /runs backwards/],
    ['a zero step', { minute: '*/0', hour: '0' }, /step "0" must be a positive integer/],
    [
      'a month name in the day-of-week field',
      { minute: '0', hour: '0', day: '?', weekDay: 'JAN' },
      /not a name this field accepts/,
    ],
  ])('%s', (_name, cron, message) => {
    expect(() => parseCron(cron)).toThrow(message);
  });

  it('a date that never exists fails instead of looping', () => {
    expect(() => nextRun({ minute: '0', hour: '0', day: '30', month: '2' }, at('2024-01-01T00:00:00Z'))).toThrow(
      /never fires/,
    );
  });
});

describe('nextRun properties', () => {
  const value = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const field = (min: number, max: number) =>
    fc.oneof(
      fc.constant('*'),
      value(min, max),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(',')),
      fc
        .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
        .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc
        .tuple(fc.constantFrom('*', String(min)), fc.integer({ min: 1, max: max - min + 1 }))
        .map(([base, step]) => `${base}/${step}`),
    );
  // Days 1-28 so every generated cron fires (30 February is covered by the table above).
  const cron: fc.Arbitrary<CronFields> = fc
    .record({
      minute: field(0, 59),
      hour: field(0, 23),
      day: field(1, 28),
      month: field(1, 12),
      weekDay: field(1, 7),
      useWeekDay: fc.boolean(),
    })
    .map(({ useWeekDay, day, weekDay, ...rest }) =>
      useWeekDay ? { ...rest, day: '?', weekDay } : { ...rest, day, weekDay: '?' },
    );
  const instant = fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2090-12-31T00:00:00Z'), noInvalidDate: true });

  it('is a whole minute strictly after the given time, at which the cron fires, with no firing in between', () => {
    fc.assert(
      fc.property(cron, instant, (fields, t) => {
        const c = parseCron(fields);
        const next = nextRun(c, t);
        expect(next.getTime()).toBeGreaterThan(t.getTime());
        expect(next.getTime() % 60_000).toBe(0);
        expect(cronMatches(c, next)).toBe(true);
        // No earlier firing (checked minute by minute over the first two days).
        const firstMinute = Math.floor(t.getTime() / 60_000) * 60_000 + 60_000;
        const end = Math.min(next.getTime(), firstMinute + 2 * 24 * 60 * 60_000);
        let earlier: number | undefined;
        for (let m = firstMinute; m < end && earlier === undefined; m += 60_000)
          if (cronMatches(c, new Date(m))) earlier = m;
        expect(earlier).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
