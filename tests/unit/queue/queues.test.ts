import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { logger } from '#lib/observability/powertools.ts';
import { parseMessage, serializeMessage } from '#lib/queue/message-body.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { createLambdaContext } from '#local/lambda-context.ts';

// The queue list: each queue defined once, with a consumer module, and a sample event whose bodies are its message.
const root = join(import.meta.dirname, '..', '..', '..');
const sampleOf = (module: string): SQSEvent =>
  JSON.parse(readFileSync(join(root, 'events', 'queue', `${module}.json`), 'utf8'));

describe('the queue list', () => {
  it('names each queue once, in kebab-case', () => {
    const names = QUEUES.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('has a consumer module under functions/queue for each queue, and no consumer module without a queue', () => {
    const modules = new Set(QUEUES.map((q) => q.module));
    const files = readdirSync(join(root, 'functions', 'queue')).filter((f) => f.endsWith('.ts'));
    expect(files.map((f) => f.slice(0, -'.ts'.length)).sort()).toEqual([...modules].sort());
  });

  it('keeps a sample event per consumer module and none for a module that does not exist', () => {
    const samples = readdirSync(join(root, 'events', 'queue')).filter((f) => f.endsWith('.json'));
    expect(samples.map((f) => f.slice(0, -'.json'.length)).sort()).toEqual(
      [...new Set(QUEUES.map((q) => q.module))].sort(),
    );
  });
});

describe.each(QUEUES.map((q) => [q.name, q] as const))('queue %s', (name, queue) => {
  const sample = sampleOf(queue.module);

  it('has a sample event from this queue whose every body parses with its schema', () => {
    expect(sample.Records.length).toBeGreaterThan(0);
    for (const record of sample.Records) {
      expect(record.eventSourceARN.split(':').at(-1)).toBe(name);
      const parsed = parseMessage(queue, record.body);
      expect(parsed.ok ? [] : parsed.problems, record.messageId).toEqual([]);
    }
  });

  it('parses a serialized message back to the same message (the schema transforms nothing)', () => {
    for (const record of sample.Records) {
      const parsed = parseMessage(queue, record.body);
      if (!parsed.ok) throw new Error(`sample ${record.messageId} does not parse`);
      expect(parseMessage(queue, serializeMessage(queue, parsed.message))).toEqual(parsed);
    }
  });

  it('has a consumer that parses with this schema: a body it refuses fails that record, before any work', async () => {
    const { handler } = (await import(pathToFileURL(join(root, 'functions', 'queue', `${queue.module}.ts`)).href)) as {
      handler: (event: SQSEvent, context: unknown) => Promise<SQSBatchResponse>;
    };
    const errors = vi.spyOn(logger, 'error');
    try {
      const bad = { ...sample.Records[0]!, messageId: 'bad', body: '{}' };
      const result = await handler({ Records: [bad] }, createLambdaContext({ functionName: name, timeoutMs: 10_000 }));
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
      // Exactly the problems this queue's schema finds in `{}` (each queue's differ): it parsed with this schema.
      const expected = parseMessage(queue, '{}');
      expect(expected.ok).toBe(false);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0]![1]).toEqual({
        queue: name,
        messageId: 'bad',
        receiveCount: '1',
        fields: expected.ok ? [] : expected.problems,
      });
    } finally {
      errors.mockRestore();
    }
  });
});
