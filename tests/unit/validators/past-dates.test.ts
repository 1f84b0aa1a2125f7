// Dates of things already done are refused after today in Asia/Shanghai, today itself accepted, each refused field
// named with a Chinese message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { futureDateProblems, refuseFutureDates } from '#lib/validators/past-dates.ts';

const issuedOn = (date: string | undefined) => ({ field: 'body.issuedOn', label: '发证日期', date });
const foundOn = (date: string | undefined) => ({ field: 'body.foundOn', label: '发现日期', date });

describe('futureDateProblems', () => {
  it.each([
    ['yesterday', '2026-12-01', []],
    ['today', '2026-12-02', []],
    ['tomorrow', '2026-12-03', ['body.issuedOn']],
    ['next year', '2027-01-01', ['body.issuedOn']],
    ['long ago', '1999-12-31', []],
    ['absent', undefined, []],
  ])('%s (%s) with today 2026-12-02', (_, date, fields) => {
    expect(futureDateProblems('2026-12-02', issuedOn(date)).map((p) => p.field)).toEqual(fields);
  });

  it('names every date after today, in the order given, with its label and today', () => {
    expect(
      futureDateProblems('2024-02-28', issuedOn('2024-02-29'), foundOn('2024-02-28'), foundOn('2024-03-01')),
    ).toEqual([
      { field: 'body.issuedOn', message: '发证日期不能晚于今天（2024-02-28）' },
      { field: 'body.foundOn', message: '发现日期不能晚于今天（2024-02-28）' },
    ]);
  });

  it('refuses a date exactly when it is a later calendar day', () => {
    const day = fc.integer({ min: -40_000, max: 40_000 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, day, (today, date) => {
        const refused = futureDateProblems(today, issuedOn(date)).length === 1;
        expect(refused).toBe(date > today);
      }),
    );
  });
});

describe('refuseFutureDates', () => {
  // Asia/Shanghai is UTC+8: 2026-12-02 begins there at 2026-12-01T16:00Z.
  it.each([
    ['the last instant of 12-01 in Shanghai', '2026-12-01T15:59:59.999Z', '2026-12-01', true],
    ['the last instant of 12-01 in Shanghai', '2026-12-01T15:59:59.999Z', '2026-12-02', false],
    ['the first instant of 12-02 in Shanghai', '2026-12-01T16:00:00.000Z', '2026-12-02', true],
    ['the first instant of 12-02 in Shanghai', '2026-12-01T16:00:00.000Z', '2026-12-03', false],
  ])('at %s (%s), %s is accepted: %s', (_, now, date, accepted) => {
    const attempt = () => refuseFutureDates(new Date(now), issuedOn(date));
    if (accepted) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(ValidationError);
  });

  it('throws one 400 naming every refused field, its message in Chinese', () => {
    const now = new Date('2026-12-02T04:00:00Z');
    const tomorrow = addDays(todayInShanghai(now), 1);
    let error: unknown;
    try {
      refuseFutureDates(now, issuedOn(tomorrow), foundOn(tomorrow));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const { message, fields } = error as ValidationError;
    expect(message).toBe('发证日期不能晚于今天（2026-12-02）；发现日期不能晚于今天（2026-12-02）');
    expect(fields.map((f) => f.field)).toEqual(['body.issuedOn', 'body.foundOn']);
  });
});
