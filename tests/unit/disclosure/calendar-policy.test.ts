// The disclosure policy's holiday calendar: empty by default (the bureau enters each year's dates from the State
// Council's notice); each list of real dates, sorted without repeats, bounded; a 调休 working day is a Saturday or a
// Sunday and not also a holiday; the deadlines count it.
import { describe, expect, it } from 'vitest';
import {
  calendarOf,
  DEFAULT_DISCLOSURE_TERMS,
  disclosurePolicy,
  MAX_HOLIDAYS,
  MAX_WORKING_WEEKENDS,
} from '#lib/disclosure/disclosure-policy.ts';
import { dueByOf } from '#lib/disclosure/publication.ts';
import { ValidationError } from '#lib/errors.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import { addDays } from '#lib/validators/business-date.ts';

const fieldsOf = (calendar: unknown): string[] => {
  try {
    parsePart(disclosurePolicy.schema, { ...DEFAULT_DISCLOSURE_TERMS, calendar }, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...new Set((error as ValidationError).fields.map((f) => f.field.replace(/\.\d+$/, '')))];
  }
  return [];
};

/** `n` consecutive days from 2026-01-01. */
const days = (n: number) => Array.from({ length: n }, (_, i) => addDays('2026-01-01', i));
/** `n` consecutive Saturdays from 2026-01-03. */
const saturdays = (n: number) => Array.from({ length: n }, (_, i) => addDays('2026-01-03', 7 * i));

describe('the disclosure policy’s calendar', () => {
  it('is empty by default', () => {
    expect(DEFAULT_DISCLOSURE_TERMS.calendar).toEqual({ holidays: [], workingWeekends: [] });
  });

  it.each([
    ['empty', { holidays: [], workingWeekends: [] }],
    ['a holiday and a worked Saturday', { holidays: ['2026-12-15'], workingWeekends: ['2026-12-12'] }],
    ['a worked Sunday', { holidays: [], workingWeekends: ['2026-12-13'] }],
    ['a holiday on a weekend', { holidays: ['2026-12-19'], workingWeekends: [] }],
    ['the most holidays', { holidays: days(MAX_HOLIDAYS), workingWeekends: [] }],
    ['the most worked weekend days', { holidays: [], workingWeekends: saturdays(MAX_WORKING_WEEKENDS) }],
  ])('accepts %s', (_, calendar) => {
    expect(fieldsOf(calendar)).toEqual([]);
  });

  it.each([
    ['a date that is not one', { holidays: ['2026-02-30'], workingWeekends: [] }, 'body.calendar.holidays'],
    ['a date not a date at all', { holidays: ['12/15/2026'], workingWeekends: [] }, 'body.calendar.holidays'],
    [
      'holidays out of order',
      { holidays: ['2026-12-16', '2026-12-15'], workingWeekends: [] },
      'body.calendar.holidays',
    ],
    ['a holiday twice', { holidays: ['2026-12-15', '2026-12-15'], workingWeekends: [] }, 'body.calendar.holidays'],
    ['one holiday too many', { holidays: days(MAX_HOLIDAYS + 1), workingWeekends: [] }, 'body.calendar.holidays'],
    ['a worked Friday', { holidays: [], workingWeekends: ['2026-12-11'] }, 'body.calendar.workingWeekends'],
    ['a worked Monday', { holidays: [], workingWeekends: ['2026-12-14'] }, 'body.calendar.workingWeekends'],
    [
      'worked weekend days out of order',
      { holidays: [], workingWeekends: ['2026-12-13', '2026-12-12'] },
      'body.calendar.workingWeekends',
    ],
    [
      'one worked weekend day too many',
      { holidays: [], workingWeekends: saturdays(MAX_WORKING_WEEKENDS + 1) },
      'body.calendar.workingWeekends',
    ],
    [
      'a day both off and worked',
      { holidays: ['2026-12-12'], workingWeekends: ['2026-12-12'] },
      'body.calendar.workingWeekends',
    ],
    ['an unknown list', { holidays: [], workingWeekends: [], extra: [] }, 'body.calendar.extra'],
  ])('refuses %s, naming the list', (_, calendar, field) => {
    expect(fieldsOf(calendar)).toEqual([field]);
  });

  it('moves the publication deadline across a holiday and onto a worked Saturday', () => {
    const fine = { kind: 'fine', effectiveOn: '2026-12-10' } as const;
    expect(dueByOf(fine, DEFAULT_DISCLOSURE_TERMS)).toBe('2026-12-21');
    const terms = {
      ...DEFAULT_DISCLOSURE_TERMS,
      calendar: { holidays: ['2026-12-15', '2026-12-16', '2026-12-17'], workingWeekends: ['2026-12-12'] },
    };
    expect([...calendarOf(terms).holidays]).toEqual(terms.calendar.holidays);
    expect(dueByOf(fine, terms)).toBe('2026-12-23');
  });
});
