// Accidents: the four levels of 条例 art. 3, a level the casualties rule out, and what a record or a correction
// may carry. Every refusal names its field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCIDENT_LEVELS, levelAtLeast, levelProblem, minimumLevel } from '#lib/accidents/accident-item.ts';
import { correctAccidentBody, listAccidentsQuery, recordAccidentBody } from '#lib/accidents/schemas.ts';
import { ValidationError } from '#lib/errors.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const fieldsOf = (
  schema: Parameters<typeof parsePart>[0],
  value: unknown,
  part: 'body' | 'query' = 'body',
): string[] => {
  try {
    parsePart(schema, value, part);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

describe('the lowest level casualties allow', () => {
  it.each([
    [0, 0, 'general'],
    [2, 9, 'general'],
    [3, 0, 'larger'],
    [0, 10, 'larger'],
    [9, 49, 'larger'],
    [10, 0, 'major'],
    [0, 50, 'major'],
    [29, 99, 'major'],
    [30, 0, 'especially_major'],
    [0, 100, 'especially_major'],
  ] as const)('%i deaths and %i serious injuries: at least %s', (deaths, injuries, level) => {
    expect(minimumLevel(deaths, injuries)).toBe(level);
  });

  it('never falls when casualties rise', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(300), fc.nat(20), fc.nat(20), (d, i, dd, di) =>
        levelAtLeast(minimumLevel(d + dd, i + di), minimumLevel(d, i)),
      ),
    );
  });

  it('a level at or above the floor is consistent; below it, the problem says which level it must be', () => {
    expect(levelProblem({ level: 'major', deaths: 3, injuries: 0 })).toBeUndefined();
    expect(levelProblem({ level: 'larger', deaths: 12, injuries: 0 })).toContain('重大事故');
    for (const level of ACCIDENT_LEVELS) expect(levelProblem({ level, deaths: 0, injuries: 0 })).toBeUndefined();
  });
});

const valid = { date: '2025-03-01', level: 'larger', deaths: 3, injuries: 2, description: '顶板事故' };

describe('recording an accident', () => {
  it('concealed and misreported default to false', () => {
    expect(parsePart(recordAccidentBody, valid, 'body')).toEqual({ ...valid, concealed: false, misreported: false });
    expect(parsePart(recordAccidentBody, { ...valid, concealed: true }, 'body')).toMatchObject({
      concealed: true,
      misreported: false,
    });
  });

  it.each([
    ['an unknown level', { ...valid, level: 'minor' }, ['body.level']],
    ['a level in Chinese', { ...valid, level: '较大' }, ['body.level']],
    ['a level below what the deaths require', { ...valid, level: 'general' }, ['body.level']],
    ['a level below what the injuries require', { ...valid, deaths: 0, injuries: 60, level: 'larger' }, ['body.level']],
    ['negative deaths', { ...valid, deaths: -1 }, ['body.deaths']],
    ['fractional injuries', { ...valid, injuries: 1.5 }, ['body.injuries']],
    ['deaths as text', { ...valid, deaths: '3' }, ['body.deaths']],
    ['a day that does not exist', { ...valid, date: '2025-02-30' }, ['body.date']],
    ['concealed as text', { ...valid, concealed: 'yes' }, ['body.concealed']],
    ['no description', { ...valid, description: undefined }, ['body.description']],
    ['an unknown field', { ...valid, lossYuan: 1 }, ['body.lossYuan']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(recordAccidentBody, body)).toEqual(fields);
  });
});

describe('correcting an accident', () => {
  it('takes version, reason and the corrected fields', () => {
    expect(parsePart(correctAccidentBody, { version: 1, reason: '核查发现瞒报', concealed: true }, 'body')).toEqual({
      version: 1,
      reason: '核查发现瞒报',
      concealed: true,
    });
  });

  it.each([
    ['nothing to correct', { version: 1, reason: '更正' }, ['body']],
    ['no reason', { version: 1, deaths: 4 }, ['body.reason']],
    ['no version', { reason: '更正', deaths: 4 }, ['body.version']],
    ['an unknown level', { version: 1, reason: '更正', level: 'huge' }, ['body.level']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(correctAccidentBody, body)).toEqual(fields);
  });
});

describe('listing accidents', () => {
  it.each([
    [{ level: 'minor' }, ['query.level']],
    [{ from: '2025-03-02', to: '2025-03-01' }, ['query.to']],
  ])('refuses %j', (query, fields) => {
    expect(fieldsOf(listAccidentsQuery, query, 'query')).toEqual(fields);
  });
});
