import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { queueConsumer } from '#lib/queue/consumer.ts';
import type { Db } from '#lib/store/db.ts';
import { createLambdaContext } from '#local/lambda-context.ts';

// The consumer stack: a failing record is reported alone (SQS redelivers only it), with or without concurrency.
const event = (bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m-${i}`,
    receiptHandle: 'r',
    body: JSON.stringify({ n: body }),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:q',
    awsRegion: 'cn-north-1',
  })),
});
const context = createLambdaContext({ functionName: 'q', timeoutMs: 10_000 });
const db = () => ({}) as Db;

describe.each([1, 4])('queueConsumer with concurrency %i', (concurrency) => {
  it('handles every record and reports only the failing ones', async () => {
    const handled: number[] = [];
    const handler = queueConsumer<{ n: number }>(
      'q',
      async ({ message }) => {
        if (message.n % 3 === 0) throw new Error(`bad ${message.n}`);
        handled.push(message.n);
      },
      { db, concurrency },
    );
    const result = await handler(event([1, 2, 3, 4, 5, 6, 7]), context);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-2', 'm-5']);
    expect(handled.sort()).toEqual([1, 2, 4, 5, 7]);
  });

  it(`runs at most ${concurrency} records at once`, async () => {
    let running = 0;
    let peak = 0;
    const handler = queueConsumer<{ n: number }>(
      'q',
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
      { db, concurrency },
    );
    await handler(event([1, 2, 3, 4, 5, 6, 7, 8]), context);
    expect(peak).toBe(concurrency);
  });
});
