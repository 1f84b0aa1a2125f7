// The local queue on disk: what `send` accepted is delivered after a restart (a crash is a queue that is never
// closed, its journal left as it was), with its receive count and the dead-letter rule, and only until acknowledged.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import { silentLogger } from '#local/logger.ts';
import { createLocalQueue, type LocalQueue, type QueueConsumer } from '#local/queue.ts';
import { openQueueJournal } from '#local/queue-journal.ts';
import { newStoredMessage } from '#local/sqs-record.ts';

const spec = (overrides: Partial<QueueSpec> = {}): QueueSpec => ({
  name: 'work',
  module: 'work',
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 30,
  ...overrides,
});

const dirs: string[] = [];
const queues: LocalQueue[] = [];
afterEach(() => {
  for (const q of queues.splice(0)) q.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'coalsafe-queue-'));
  dirs.push(dir);
  return dir;
};

// biome-ignore lint/suspicious/noConfusingVoidType: a Lambda SQS handler may return nothing, as aws-lambda's own types say
type Respond = (event: SQSEvent) => Promise<SQSBatchResponse | void> | SQSBatchResponse | void;

/** A queue on `dir` whose consumer records each batch; `respond` decides its outcome. */
function open(dir: string, respond: Respond = () => {}, overrides: Partial<QueueSpec> = {}) {
  const batches: SQSEvent[] = [];
  const consumer: QueueConsumer = async (event) => {
    batches.push(structuredClone(event));
    return respond(event);
  };
  const queue = createLocalQueue({
    queues: [spec(overrides)],
    loadConsumer: async () => consumer,
    logger: silentLogger,
    retryDelayMs: 1,
    journalDir: dir,
  });
  queues.push(queue);
  return { queue, batches };
}
const never = () => new Promise<never>(() => {});
const bodies = (batches: SQSEvent[]) => batches.flatMap((b) => b.Records.map((r) => r.body));
const counts = (batches: SQSEvent[]) =>
  batches.flatMap((b) => b.Records.map((r) => r.attributes.ApproximateReceiveCount));
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('local queue journal', () => {
  it('delivers after a restart what was sent and never delivered (the crash came right after send)', async () => {
    const dir = tempDir();
    const first = open(dir, never);
    // No delivery yet: the crash comes before the message could be delivered.
    const sending = first.queue.send('work', [
      { id: '1', body: 'a' },
      { id: '2', body: 'b' },
    ]);
    await sending;
    expect(first.batches).toEqual([]);

    const second = open(dir);
    expect(second.queue.stats().work?.pending).toBe(2);
    second.queue.start();
    await second.queue.drain({ timeoutMs: 2_000 });
    expect(bodies(second.batches)).toEqual(['a', 'b']);
    expect(counts(second.batches)).toEqual(['1', '1']);
  });

  it('delivers again, same id and the next receive count, a message whose consumer was running at the crash', async () => {
    const dir = tempDir();
    const first = open(dir, never);
    await first.queue.send('work', [{ id: '1', body: 'a' }]);
    // Delivery runs on timers: wait for it rather than for a fixed time (a loaded machine is slower).
    await vi.waitFor(() => expect(counts(first.batches)).toEqual(['1']), { timeout: 5_000 });

    const second = open(dir);
    second.queue.start();
    await second.queue.drain({ timeoutMs: 2_000 });
    expect(counts(second.batches)).toEqual(['2']);
    expect(second.batches[0]!.Records[0]!.messageId).toBe(first.batches[0]!.Records[0]!.messageId);
  });

  it('does not deliver again what its consumer acknowledged, and empties the journal when nothing is left', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.queue.send('work', [{ id: '1', body: 'a' }]);
    await first.queue.drain({ timeoutMs: 2_000 });
    expect(bodies(first.batches)).toEqual(['a']);
    expect(statSync(join(dir, 'work.jsonl')).size).toBe(0);

    const second = open(dir);
    second.queue.start();
    await settle();
    expect(second.batches).toEqual([]);
    expect(second.queue.stats().work?.pending).toBe(0);
  });

  it('keeps only the failed message of a partly failed batch for after the restart', async () => {
    const dir = tempDir();
    let calls = 0;
    const first = open(dir, (event) => {
      calls += 1;
      if (calls === 1)
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'b').map((r) => ({ itemIdentifier: r.messageId })),
        };
      return never();
    });
    await first.queue.send('work', [
      { id: '1', body: 'a' },
      { id: '2', body: 'b' },
    ]);
    // Delivery runs on timers: wait for it rather than for a fixed time (a loaded machine is slower).
    await vi.waitFor(
      () => expect(first.batches.map((b) => b.Records.map((r) => r.body))).toEqual([['a', 'b'], ['b']]),
      { timeout: 5_000 },
    );

    const second = open(dir);
    second.queue.start();
    await second.queue.drain({ timeoutMs: 2_000 });
    expect(bodies(second.batches)).toEqual(['b']);
    expect(counts(second.batches)).toEqual(['3']);
  });

  it('moves to the dead-letter list, without delivering it, a message received maxReceiveCount times and never acknowledged', async () => {
    const dir = tempDir();
    const first = open(dir, never, { maxReceiveCount: 1 });
    await first.queue.send('work', [{ id: '1', body: 'poison' }]);
    // Delivery runs on timers: wait for it rather than for a fixed time (a loaded machine is slower).
    await vi.waitFor(() => expect(counts(first.batches)).toEqual(['1']), { timeout: 5_000 });

    const second = open(dir, () => {}, { maxReceiveCount: 1 });
    second.queue.start();
    await settle();
    expect(second.batches).toEqual([]);
    expect(second.queue.deadLetters('work')).toEqual([
      expect.objectContaining({ body: 'poison', receiveCount: 1, lastError: expect.stringMatching(/runtime stopped/) }),
    ]);

    // The dead letters stay across a further restart, once each.
    const third = open(dir, () => {}, { maxReceiveCount: 1 });
    expect(third.queue.deadLetters('work').map((l) => l.body)).toEqual(['poison']);
  });

  it('keeps a message one receive short of the limit for one more delivery after the restart', async () => {
    const dir = tempDir();
    const first = open(dir, never, { maxReceiveCount: 2 });
    await first.queue.send('work', [{ id: '1', body: 'almost' }]);
    await vi.waitFor(() => expect(counts(first.batches)).toEqual(['1']), { timeout: 5_000 });

    const second = open(dir, () => {}, { maxReceiveCount: 2 });
    second.queue.start();
    await second.queue.drain({ timeoutMs: 2_000 });
    expect(counts(second.batches)).toEqual(['2']);
    expect(second.queue.deadLetters('work')).toEqual([]);
  });

  it('keeps the dead letters of failures on disk', async () => {
    const dir = tempDir();
    const first = open(dir, () => {
      throw new Error('always fails');
    });
    await first.queue.send('work', [{ id: '1', body: 'poison' }]);
    await first.queue.drain({ timeoutMs: 2_000 });
    expect(first.queue.deadLetters('work')).toHaveLength(1);

    const second = open(dir);
    second.queue.start();
    await settle();
    expect(second.batches).toEqual([]);
    expect(second.queue.deadLetters('work')).toEqual([
      expect.objectContaining({ body: 'poison', receiveCount: 3, lastError: 'always fails' }),
    ]);
  });

  it('skips a last line cut short by a crash mid-append, and keeps the whole lines before it', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.queue.send('work', [{ id: '1', body: 'whole' }]);
    appendFileSync(join(dir, 'work.jsonl'), '{"op":"send","m":{"messageId":"cut');

    const second = open(dir);
    second.queue.start();
    await second.queue.drain({ timeoutMs: 2_000 });
    expect(bodies(second.batches)).toEqual(['whole']);
    // Rewritten at open: the cut line is gone.
    expect(readFileSync(join(dir, 'work.jsonl'), 'utf8')).not.toContain('cut');
  });

  it('without a journal directory, a new queue starts empty (memory only)', async () => {
    const memory = createLocalQueue({
      queues: [spec()],
      loadConsumer: async () => never,
      logger: silentLogger,
    });
    queues.push(memory);
    await memory.send('work', [{ id: '1', body: 'a' }]);
    const again = createLocalQueue({ queues: [spec()], loadConsumer: async () => never, logger: silentLogger });
    queues.push(again);
    expect(again.stats().work?.pending).toBe(0);
  });

  it('rewrites a long journal with only its live messages, and keeps them', () => {
    const dir = tempDir();
    const journal = openQueueJournal(dir, 'work', { compactAfterLines: 50 });
    const kept = newStoredMessage('kept', 1);
    journal.sent([kept]);
    const lineCount = () => readFileSync(join(dir, 'work.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    for (let i = 0; i < 40; i++) {
      const done = newStoredMessage(`done-${i}`, 1);
      journal.sent([done]);
      journal.acknowledged([done.messageId]);
    }
    // 1 + 2 × 40 lines written; past 50 more than the live ones it was rewritten to the one still live.
    expect(lineCount()).toBeLessThan(40);
    journal.close();
    const reopened = openQueueJournal(dir, 'work');
    expect(reopened.recovered.pending.map((m) => m.body)).toEqual(['kept']);
    reopened.close();
  });
});
