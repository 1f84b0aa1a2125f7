import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, type MockInstance, vi } from 'vitest';
import * as z from 'zod/mini';
import { logger } from '#lib/observability/powertools.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';
import { defineQueue } from '#lib/queue/queue-spec.ts';
import type { Db } from '#lib/store/db.ts';
import { createLambdaContext } from '#local/lambda-context.ts';

// The consumer stack: every body parsed with the queue's schema, a failing record (its handler threw, or its body
// does not parse) reported alone so SQS redelivers only it, with or without concurrency.
const counts = defineQueue({
  name: 'counts',
  module: 'counts',
  schema: z.object({ n: z.number().check(z.int()), mobile: z.optional(z.string()) }),
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 30,
});

const event = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m-${i}`,
    receiptHandle: 'r',
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:counts',
    awsRegion: 'cn-north-1',
  })),
});
const numbers = (ns: number[]) => event(ns.map((n) => JSON.stringify({ n })));
const context = createLambdaContext({ functionName: 'counts', timeoutMs: 10_000 });
const db = () => ({}) as Db;
const failedIds = (result: { batchItemFailures: { itemIdentifier: string }[] }) =>
  result.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe.each([1, 4])('queueConsumer with concurrency %i', (concurrency) => {
  it('handles every record and reports only the failing ones', async () => {
    const handled: number[] = [];
    const handler = queueConsumer(
      counts,
      async ({ message }) => {
        if (message.n % 3 === 0) throw new Error(`bad ${message.n}`);
        handled.push(message.n);
      },
      { db, concurrency },
    );
    const result = await handler(numbers([1, 2, 3, 4, 5, 6, 7]), context);
    expect(failedIds(result)).toEqual(['m-2', 'm-5']);
    expect(handled.sort()).toEqual([1, 2, 4, 5, 7]);
  });

  it(`runs at most ${concurrency} records at once`, async () => {
    let running = 0;
    let peak = 0;
    const handler = queueConsumer(
      counts,
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
      { db, concurrency },
    );
    await handler(numbers([1, 2, 3, 4, 5, 6, 7, 8]), context);
    expect(peak).toBe(concurrency);
  });

  it('fails a record whose body does not parse, without handling it, and goes on with the others', async () => {
    const handled: unknown[] = [];
    const handler = queueConsumer(counts, async ({ message }) => void handled.push(message), { db, concurrency });
    const result = await handler(
      event(['{"n":1}', '{"n":', '{"n":2,"mobile":"13800000000"}', '{"mobile":"13800000000"}', '{"n":"3"}']),
      context,
    );
    expect(failedIds(result)).toEqual(['m-1', 'm-3', 'm-4']);
    expect(handled).toEqual([{ n: 1 }, { n: 2, mobile: '13800000000' }]);
  });
});

describe('a good message', () => {
  it('reaches the handler typed as the schema says, keys the schema does not know left out', async () => {
    const seen: unknown[] = [];
    const handler = queueConsumer(
      counts,
      async ({ message, messageId }) => {
        expectTypeOf(message).toEqualTypeOf<{ n: number; mobile?: string | undefined }>();
        seen.push([messageId, message]);
      },
      { db },
    );
    const result = await handler(event(['{"n":7,"extra":"x"}']), context);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([['m-0', { n: 7 }]]);
  });
});

describe('a malformed body', () => {
  // What the consumer hands the logger for the line: its message and attributes (the logging itself is silenced).
  let errors: MockInstance<typeof logger.error>;
  beforeEach(() => {
    errors = vi.spyOn(logger, 'error');
  });
  afterEach(() => vi.restoreAllMocks());

  const handler = queueConsumer(counts, async () => undefined, { db });

  it.each([
    ['not JSON', '{"n": 13800000000, "mobile": "张三', [{ field: 'body', code: 'invalid_json' }]],
    ['not an object', '"13800000000"', [{ field: 'body', code: 'invalid_type', expected: 'object' }]],
    ['a field missing', '{"mobile":"13800000000"}', [{ field: 'body.n', code: 'invalid_type', expected: 'number' }]],
    [
      'fields of the wrong type',
      '{"n":"13800000000","mobile":13800000000}',
      [
        { field: 'body.n', code: 'invalid_type', expected: 'number' },
        { field: 'body.mobile', code: 'invalid_type', expected: 'string' },
      ],
    ],
    ['a value the checks refuse', '{"n":13800000000.5}', [{ field: 'body.n', code: 'invalid_type', expected: 'int' }]],
  ])('%s: logged with the queue, the message id and the failing fields, never a value', async (_, body, fields) => {
    const result = await handler(event(['{"n":1}', body]), context);
    expect(failedIds(result)).toEqual(['m-1']);
    expect(errors).toHaveBeenCalledTimes(1);
    const [message, attributes] = errors.mock.calls[0]!;
    expect(message).toMatch(/does not match its queue schema/);
    expect(attributes).toEqual({ queue: 'counts', messageId: 'm-1', receiveCount: '1', fields });
    const text = JSON.stringify(errors.mock.calls[0]);
    for (const value of ['13800000000', '张三']) expect(text).not.toContain(value);
  });
});
