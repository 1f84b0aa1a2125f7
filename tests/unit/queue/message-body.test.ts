import { describe, expect, it } from 'vitest';
import { parseMessage, serializeMessage } from '#lib/queue/message-body.ts';
import { powerImportQueue, powerReviewQueue } from '#lib/queue/queues.ts';

// A body against its queue's schema: parsed on the consumer's side, checked and serialized on the producer's side;
// what is wrong is named by field and kind, never by value.
const review = { runId: 'run-1', date: '2026-11-28', jurisdiction: 'hlj/hegang/dongshan', chunk: 0, chunks: 2 };
const reviewBody = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ ...review, mineIds: ['m-1', 'm-2'], ...overrides });

describe('parseMessage', () => {
  it('gives the message of a body that matches', () => {
    expect(parseMessage(powerReviewQueue, reviewBody())).toEqual({
      ok: true,
      message: { ...review, mineIds: ['m-1', 'm-2'] },
    });
  });

  it.each<[string, string, { field: string; code: string }[]]>([
    ['not JSON', '{"runId":', [{ field: 'body', code: 'invalid_json' }]],
    ['an empty body', '', [{ field: 'body', code: 'invalid_json' }]],
    ['JSON null', 'null', [{ field: 'body', code: 'invalid_type' }]],
    ['a field missing', JSON.stringify(review), [{ field: 'body.mineIds', code: 'invalid_type' }]],
    ['a number as text', reviewBody({ chunk: '0' }), [{ field: 'body.chunk', code: 'invalid_type' }]],
    ['no calendar day', reviewBody({ date: '2026-02-30' }), [{ field: 'body.date', code: 'custom' }]],
    ['no mines', reviewBody({ mineIds: [] }), [{ field: 'body.mineIds', code: 'too_small' }]],
    [
      'one bad id among the mines',
      reviewBody({ mineIds: ['m-1', 'M 2'] }),
      [{ field: 'body.mineIds.1', code: 'invalid_format' }],
    ],
    ['the last chunk is chunks − 1', reviewBody({ chunk: 2 }), [{ field: 'body.chunk', code: 'custom' }]],
  ])('names the failing fields of %s', (_, body, problems) => {
    const parsed = parseMessage(powerReviewQueue, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toMatchObject(problems);
  });

  it('accepts the last chunk, chunks − 1', () => {
    expect(parseMessage(powerReviewQueue, reviewBody({ chunk: 1 })).ok).toBe(true);
  });
});

describe('serializeMessage', () => {
  const chunk = {
    importId: 'imp-1',
    jurisdiction: 'hlj/hegang/dongshan',
    actor: { sub: 'u-1', role: 'inspector', name: '王五' },
    chunk: 0,
    rows: [{ row: 2, meterId: '2304060001', date: '2026-11-27', kwh: 4810 }],
  };

  it('writes JSON the consumer parses back to the same message', () => {
    const body = serializeMessage(powerImportQueue, chunk);
    expect(parseMessage(powerImportQueue, body)).toEqual({ ok: true, message: chunk });
  });

  it('leaves out keys the schema does not know, so nothing else reaches the queue', () => {
    const body = serializeMessage(powerImportQueue, { ...chunk, secret: 'x' } as typeof chunk);
    expect(JSON.parse(body)).toEqual(chunk);
  });

  it('refuses a body the schema refuses, naming the fields but not the values', () => {
    const bad = { ...chunk, rows: [{ row: 2, date: '2026-11-31', kwh: -1, meterId: '13800000000' }] };
    const error = (() => {
      try {
        serializeMessage(powerImportQueue, bad);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/power-import/);
    expect(error?.message).toContain('body.rows.0.date (custom)');
    expect(error?.message).toContain('body.rows.0.kwh (too_small)');
    for (const value of ['2026-11-31', '-1', '13800000000', '王五']) expect(error?.message).not.toContain(value);
  });

  it('refuses a row that names neither a credit code nor a meter', () => {
    const { meterId: _, ...row } = chunk.rows[0]!;
    expect(() => serializeMessage(powerImportQueue, { ...chunk, rows: [row] })).toThrow(/body\.rows\.0\.meterId/);
  });
});
