// The blacklist policy's quota of person checks: 60 an hour by default, settable from 5 to 200 (whole numbers), with
// the 400 naming the setting outside them. Kept beside the check because its bounds are what keep the check from
// being an ID oracle (the birth-date walk at the highest setting still takes ten hours).
import { describe, expect, it } from 'vitest';
import { blacklistPolicy, DEFAULT_BLACKLIST_TERMS } from '#lib/blacklist/blacklist-policy.ts';
import { ValidationError } from '#lib/errors.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const change = (personChecksPerHour: unknown) => ({
  version: 0,
  terms: { personChecksPerHour },
  reason: '调整查询限额',
});

const fieldsOf = (value: unknown): string[] => {
  try {
    parsePart(blacklistPolicy.changeSchema, value, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

describe('personChecksPerHour', () => {
  it('is 60 by default', () => {
    expect(DEFAULT_BLACKLIST_TERMS.personChecksPerHour).toBe(60);
  });

  it.each([5, 6, 60, 199, 200])('accepts %d', (n) => {
    expect(fieldsOf(change(n))).toEqual([]);
  });

  it.each([4, 201, 0, -1, 60.5, '60', null])('refuses %j, naming the setting', (n) => {
    expect(fieldsOf(change(n))).toEqual(['body.terms.personChecksPerHour']);
  });
});
