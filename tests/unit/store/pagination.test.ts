// List cursors are opaque tokens: whatever the table hands back as LastEvaluatedKey must come back intact, and a
// cursor a client made up is a 400 naming query.cursor, never a 500.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { decodeCursor, encodeCursor } from '#lib/store/pagination.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const KEY_NAMES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'] as const;
const keyValue = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const lastEvaluatedKey = fc
  .uniqueArray(fc.constantFrom(...KEY_NAMES), { minLength: 1, maxLength: KEY_NAMES.length })
  .chain((names) => fc.tuple(...names.map((n) => keyValue.map((v) => [n, v] as const))))
  .map((entries) => Object.fromEntries(entries) as Record<string, string>);

function expectInvalidCursor(cursor: string): void {
  let thrown: unknown;
  try {
    decodeCursor(cursor);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).fields).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
}

describe('cursor encoding', () => {
  it('round-trips every key DynamoDB hands back, in a URL-safe token', () => {
    fc.assert(
      fc.property(lastEvaluatedKey, (key) => {
        const cursor = encodeCursor(key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor!)).toStrictEqual(key);
      }),
    );
  });

  it.each([
    ['the table', { PK: 'MINE#m-taiyuan', SK: 'AUDIT#2025-03-10T02:00:00.000Z#ev-1' }],
    [
      'GSI1 (mines of a jurisdiction)',
      { PK: 'MINE#m-1', SK: 'PROFILE', GSI1PK: 'MINES#hlj', GSI1SK: 'hlj/hegang/dongshan/#m-1' },
    ],
    [
      'GSI2 (due dates)',
      { PK: 'MINE#m-1', SK: 'LICENCE#mining', GSI2PK: 'DUE#2025-06-01', GSI2SK: 'LICENCE#m-1#mining' },
    ],
    ['Chinese and symbols', { PK: 'MINE#泰源', SK: '#/+=?&' }],
  ])('round-trips a key of %s', (_, key) => {
    expect(decodeCursor(encodeCursor(key)!)).toStrictEqual(key);
  });

  it('has no cursor after the last page, and no cursor means the first page', () => {
    expect(encodeCursor(undefined)).toBeNull();
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });
});

describe('cursors a client made up', () => {
  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['punctuation', '!!!!'],
    ['percent signs', '%7B%7D'],
    ['a single character', 'e'],
    ['truncated JSON', b64('{"PK":"MINE#m-1"')],
    ['JSON null', b64('null')],
    ['a number', b64('42')],
    ['a boolean', b64('true')],
    ['a string', b64('"MINE#m-1"')],
    ['an array', b64('[]')],
    ['an array holding a key', b64('[{"PK":"MINE#m-1"}]')],
    ['an empty object', b64('{}')],
    ['an unknown key name', b64('{"foo":"bar"}')],
    ['a key name in lower case', b64('{"pk":"MINE#m-1"}')],
    ['a key name with a two-digit index', b64('{"GSI10PK":"x"}')],
    ['a known key next to an unknown one', b64('{"PK":"MINE#m-1","Limit":"1000"}')],
    ['a number value', b64('{"PK":1}')],
    ['a null value', b64('{"PK":null}')],
    ['a marshalled attribute value', b64('{"PK":{"S":"MINE#m-1"}}')],
    ['a nested object', b64('{"PK":"MINE#m-1","SK":{"$ne":""}}')],
    ['plain (not base64) JSON', '{"PK":"MINE#m-1"}'],
  ])('refuses %s with a 400 on query.cursor', (_, cursor) => {
    expectInvalidCursor(cursor);
  });

  it('answers any string either with a well-formed key or with the 400, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.json().map(b64)), (cursor) => {
        try {
          const key = decodeCursor(cursor);
          if (key === undefined) return cursor === '';
          return Object.entries(key).every(
            ([k, v]) => (KEY_NAMES as readonly string[]).includes(k) && typeof v === 'string',
          );
        } catch (error) {
          return error instanceof ValidationError && error.fields[0]?.field === 'query.cursor';
        }
      }),
    );
  });
});
