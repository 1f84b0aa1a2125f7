// The in-process queue must deliver like SQS + Lambda's event source, so consumers that pass here behave in AWS.
import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import { silentLogger } from '#local/logger.ts';
import {
  createLocalQueue,
  DEFAULT_QUEUE_CONCURRENCY,
  MAX_QUEUE_CONCURRENCY,
  type QueueConsumer,
  queueConcurrency,
} from '#local/queue.ts';

const spec = (overrides: Partial<QueueSpec> = {}): QueueSpec => ({
  name: 'work',
  module: 'work',
  batchSize: 3,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 30,
  ...overrides,
});

/** Records every batch a consumer sees and answers with `respond`. */
function recorder(
  // biome-ignore lint/suspicious/noConfusingVoidType: a Lambda SQS handler may return nothing, as aws-lambda's own types say
  respond: (event: SQSEvent, call: number) => Promise<SQSBatchResponse | void> | SQSBatchResponse | void = () => {},
) {
  const batches: SQSEvent[] = [];
  const consumer: QueueConsumer = async (event) => {
    batches.push(structuredClone(event));
    return respond(event, batches.length);
  };
  return { batches, consumer };
}

const messages = (...bodies: string[]) => bodies.map((body, i) => ({ id: String(i), body }));
const bodiesOf = (event: SQSEvent) => event.Records.map((r) => r.body);

describe('local queue', () => {
  it('delivers SQS-shaped records in batches of at most batchSize', async () => {
    const { batches, consumer } = recorder();
    const queue = createLocalQueue({ queues: [spec()], loadConsumer: async () => consumer, logger: silentLogger });
    await queue.send('work', messages('a', 'b', 'c', 'd', 'e', 'f', 'g'));
    await queue.drain();
    expect(batches.map(bodiesOf)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    const record = batches[0]!.Records[0]!;
    expect(record).toMatchObject({
      body: 'a',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:work',
      awsRegion: 'local',
      messageAttributes: {},
      md5OfBody: createHash('md5').update('a').digest('hex'),
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(queue.stats().work).toMatchObject({ pending: 0, inFlight: 0, delivered: 7, succeeded: 7, failed: 0 });
  });

  it('redelivers only the records named in batchItemFailures, with the same id and receive count 2', async () => {
    const { batches, consumer } = recorder((event, call) => {
      const b = event.Records.find((r) => r.body === 'b');
      return call === 1 && b ? { batchItemFailures: [{ itemIdentifier: b.messageId }] } : undefined;
    });
    const queue = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => consumer,
      logger: silentLogger,
      retryDelayMs: 1,
    });
    await queue.send('work', messages('a', 'b', 'c'));
    await queue.drain();
    expect(batches.map(bodiesOf)).toEqual([['a', 'b', 'c'], ['b']]);
    const first = batches[0]!.Records[1]!;
    const second = batches[1]!.Records[0]!;
    expect(second.messageId).toBe(first.messageId);
    expect(second.receiptHandle).not.toBe(first.receiptHandle);
    expect(second.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('redelivers the whole batch when the consumer throws', async () => {
    const { batches, consumer } = recorder((_event, call) => {
      if (call === 1) throw new Error('database unavailable');
    });
    const queue = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => consumer,
      logger: silentLogger,
      retryDelayMs: 1,
    });
    await queue.send('work', messages('a', 'b', 'c'));
    await queue.drain();
    expect(batches.map(bodiesOf)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(batches[1]!.Records.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['2', '2', '2']);
  });

  it('treats a failure naming a message not in the batch as a whole-batch failure, as Lambda does', async () => {
    const { batches, consumer } = recorder((_event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: 'nope' }] } : undefined,
    );
    const queue = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => consumer,
      logger: silentLogger,
      retryDelayMs: 1,
    });
    await queue.send('work', messages('a', 'b'));
    await queue.drain();
    expect(batches.map(bodiesOf)).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('moves a message that keeps failing to the dead-letter list after maxReceiveCount deliveries', async () => {
    const { batches, consumer } = recorder((event) => ({
      batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })),
    }));
    const errors: string[] = [];
    const queue = createLocalQueue({
      queues: [spec({ maxReceiveCount: 3 })],
      loadConsumer: async () => consumer,
      logger: { ...silentLogger, error: (message) => errors.push(message) },
      retryDelayMs: 1,
    });
    await queue.send('work', messages('ok', 'poison'));
    await queue.drain();
    expect(batches.map(bodiesOf)).toEqual([['ok', 'poison'], ['poison'], ['poison']]);
    expect(queue.deadLetters('work')).toEqual([
      expect.objectContaining({ body: 'poison', receiveCount: 3, lastError: 'reported in batchItemFailures' }),
    ]);
    expect(errors.join('\n')).toMatch(/dead-letter list after 3 deliveries/);
    expect(queue.stats().work).toMatchObject({ pending: 0, delivered: 4, succeeded: 1, failed: 3, deadLettered: 1 });
  });

  it('drain waits for messages that consumers send on to other queues (fan-out)', async () => {
    const done: string[] = [];
    const queue = createLocalQueue({
      queues: [spec({ name: 'jobs', batchSize: 10, sendsTo: ['chunks'] }), spec({ name: 'chunks', batchSize: 2 })],
      loadConsumer: async ({ name }) =>
        name === 'jobs'
          ? async (event) => {
              for (const record of event.Records)
                await queue.send('chunks', messages(`${record.body}-1`, `${record.body}-2`, `${record.body}-3`));
            }
          : async (event) => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              done.push(...bodiesOf(event));
            },
      logger: silentLogger,
    });
    await queue.send('jobs', messages('x', 'y'));
    await queue.drain();
    expect(done.sort()).toEqual(['x-1', 'x-2', 'x-3', 'y-1', 'y-2', 'y-3']);
  });

  it("refuses a consumer's send to a queue its sendsTo does not name (in AWS it has no URL for it)", async () => {
    const refused: string[] = [];
    const queue = createLocalQueue({
      queues: [spec({ name: 'jobs', sendsTo: ['chunks'] }), spec({ name: 'chunks' }), spec({ name: 'other' })],
      loadConsumer: async ({ name }) =>
        name === 'jobs'
          ? async (event) => {
              await queue.send('chunks', messages(`${event.Records[0]!.body}-chunk`));
              await queue.send('other', messages('x')).catch((error: Error) => void refused.push(error.message));
            }
          : async () => {},
      logger: silentLogger,
    });
    // Senders outside a consumer (API handlers, jobs) may send to any queue.
    await queue.send('other', messages('direct'));
    await queue.send('jobs', messages('a'));
    await queue.drain();
    expect(refused).toEqual(['The consumer of "jobs" may not send to "other": it is not in its sendsTo']);
    expect(queue.stats()).toMatchObject({
      jobs: { succeeded: 1 },
      chunks: { delivered: 1, succeeded: 1 },
      other: { delivered: 1, succeeded: 1 },
    });
  });

  it('still knows the sending consumer after every consumer has finished and a new one starts', async () => {
    const refused: string[] = [];
    const queue = createLocalQueue({
      queues: [spec({ name: 'jobs', sendsTo: [] }), spec({ name: 'other' })],
      loadConsumer: async ({ name }) =>
        name === 'jobs'
          ? async () => {
              await new Promise((resolve) => setTimeout(resolve, 1));
              await queue.send('other', messages('x')).catch((error: Error) => void refused.push(error.message));
            }
          : async () => {},
      logger: silentLogger,
    });
    for (const body of ['first', 'second']) {
      await queue.send('jobs', messages(body));
      await queue.drain();
      // Between runs the queue is idle: a send from outside any consumer goes through.
      await queue.send('other', messages(`direct-${body}`));
      await queue.drain();
    }
    expect(refused).toHaveLength(2);
    expect(queue.stats().other).toMatchObject({ delivered: 2, succeeded: 2 });
  });

  it('a consumer still running when another finishes keeps knowing its queue', async () => {
    const refused: string[] = [];
    let shortDone!: () => void;
    const shortFinished = new Promise<void>((resolve) => {
      shortDone = resolve;
    });
    const queue = createLocalQueue({
      queues: [spec({ name: 'short', sendsTo: [] }), spec({ name: 'long', sendsTo: [] }), spec({ name: 'other' })],
      loadConsumer: async ({ name }) =>
        name === 'short'
          ? async () => {
              setTimeout(shortDone, 5);
            }
          : name === 'long'
            ? async () => {
                // Sends only after the short consumer's run is over and the queue has seen it end.
                await shortFinished;
                await new Promise((resolve) => setTimeout(resolve, 5));
                await queue.send('other', messages('x')).catch((error: Error) => void refused.push(error.message));
              }
            : async () => {},
      logger: silentLogger,
    });
    await queue.send('long', messages('l'));
    await queue.send('short', messages('s'));
    await queue.drain();
    expect(refused).toEqual(['The consumer of "long" may not send to "other": it is not in its sendsTo']);
  });

  it('refuses a queue list whose sendsTo names a queue that is not in it', () => {
    expect(() =>
      createLocalQueue({
        queues: [spec({ sendsTo: ['missing'] })],
        loadConsumer: async () => async () => {},
        logger: silentLogger,
      }),
    ).toThrow(/"work" sends to "missing", which is not defined/);
  });

  it('drain resolves at once when nothing is queued, and loads each consumer once', async () => {
    let loads = 0;
    const queue = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => {
        loads += 1;
        return async () => {};
      },
      logger: silentLogger,
    });
    await queue.drain();
    await queue.send('work', messages('a', 'b', 'c', 'd'));
    await queue.drain();
    expect(loads).toBe(1);
  });

  it('refuses unknown queues and batches SQS would reject', async () => {
    const queue = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => async () => {},
      logger: silentLogger,
    });
    await expect(queue.send('nope', messages('a'))).rejects.toThrow(/Unknown queue "nope" \(known: work\)/);
    expect(() => queue.deadLetters('nope')).toThrow(/Unknown queue/);
    await expect(
      queue.send('work', [
        { id: '1', body: 'a' },
        { id: '1', body: 'b' },
      ]),
    ).rejects.toThrow(/duplicate batch entry id/);
    await expect(queue.send('work', [{ id: '1', body: '' }])).rejects.toThrow(/empty body/);
    await expect(queue.send('work', [{ id: '1', body: 'x'.repeat(262_145) }])).rejects.toThrow(/at most 262144/);
    await queue.drain();
    expect(queue.stats().work?.delivered).toBe(0);
  });

  it('times a hung consumer out after the visibility timeout and retries the batch', async () => {
    let calls = 0;
    const queue = createLocalQueue({
      queues: [spec({ visibilityTimeoutSeconds: 0.02 })],
      loadConsumer: async () => async () => {
        calls += 1;
        if (calls === 1) await new Promise(() => {});
      },
      logger: silentLogger,
      retryDelayMs: 1,
    });
    await queue.send('work', messages('a'));
    await queue.drain({ timeoutMs: 2_000 });
    expect(calls).toBe(2);
  });

  describe('consumer invocations at once (Lambda runs several per queue)', () => {
    /** A consumer that holds each batch until released, counting the invocations running at the same moment. */
    const gate = () => {
      let running = 0;
      let peak = 0;
      const waiting: (() => void)[] = [];
      const consumer: QueueConsumer = async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((release) => waiting.push(release));
        running -= 1;
      };
      const releaseAll = async () => {
        // Let every started invocation reach its wait, then let them go, until nothing is left.
        for (let round = 0; round < 50; round++) {
          await new Promise((r) => setTimeout(r, 2));
          for (const release of waiting.splice(0)) release();
        }
      };
      return { consumer, releaseAll, peak: () => peak };
    };

    it.each([
      [1, 1],
      [3, 3],
      [undefined, DEFAULT_QUEUE_CONCURRENCY],
    ])('with concurrency %s runs %i batches at once, never more', async (concurrency, expected) => {
      const g = gate();
      const queue = createLocalQueue({
        queues: [spec({ batchSize: 1 })],
        loadConsumer: async () => g.consumer,
        logger: silentLogger,
        ...(concurrency === undefined ? {} : { concurrency }),
      });
      await queue.send('work', messages('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'));
      const drained = queue.drain({ timeoutMs: 5_000 });
      await g.releaseAll();
      await drained;
      expect(g.peak()).toBe(expected);
      expect(queue.stats().work).toMatchObject({ pending: 0, inFlight: 0, delivered: 8, succeeded: 8 });
    });

    it('takes the concurrency per queue from a function of the queue', async () => {
      const g = gate();
      const queue = createLocalQueue({
        queues: [spec({ batchSize: 2 })],
        loadConsumer: async () => g.consumer,
        logger: silentLogger,
        concurrency: (q) => (q.name === 'work' ? 2 : 9),
      });
      await queue.send('work', messages('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'));
      const drained = queue.drain({ timeoutMs: 5_000 });
      await g.releaseAll();
      await drained;
      expect(g.peak()).toBe(2);
    });

    it('a batch that fails beside others comes back alone, and the others are acknowledged', async () => {
      const seen: string[][] = [];
      const queue = createLocalQueue({
        queues: [spec({ batchSize: 2 })],
        loadConsumer: async () => async (event) => {
          const bodies = bodiesOf(event);
          seen.push(bodies);
          await new Promise((r) => setTimeout(r, 5));
          if (bodies.includes('c') && seen.filter((b) => b.includes('c')).length === 1) throw new Error('boom');
        },
        logger: silentLogger,
        retryDelayMs: 1,
        concurrency: 3,
      });
      await queue.send('work', messages('a', 'b', 'c', 'd', 'e', 'f'));
      await queue.drain({ timeoutMs: 5_000 });
      expect(seen.slice(0, 3)).toEqual([
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ]);
      expect(seen.slice(3)).toEqual([['c', 'd']]);
      expect(queue.stats().work).toMatchObject({ delivered: 8, succeeded: 6, failed: 2, inFlight: 0 });
    });

    it.each([
      [undefined, DEFAULT_QUEUE_CONCURRENCY],
      [Number.NaN, DEFAULT_QUEUE_CONCURRENCY],
      [0, 1],
      [-3, 1],
      [1, 1],
      [2.9, 2],
      [MAX_QUEUE_CONCURRENCY, MAX_QUEUE_CONCURRENCY],
      [MAX_QUEUE_CONCURRENCY + 1, MAX_QUEUE_CONCURRENCY],
      [Number.POSITIVE_INFINITY, DEFAULT_QUEUE_CONCURRENCY],
    ])('bounds an asked concurrency of %s to %i', (asked, expected) => {
      expect(queueConcurrency(asked)).toBe(expected);
    });
  });
});
