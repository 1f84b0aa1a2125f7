import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import { routeKey } from '#lib/http/route-spec.ts';
import { refreshOverview } from '#lib/overview/refresh.ts';
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { createDb, createDocumentClient } from '#lib/store/db.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { createLambdaContext } from '#local/lambda-context.ts';
import { seedDemoDistrict } from '#local/seed/demo-district.ts';
import { freshTable } from '../support/test-db.ts';

/**
 * The sample events under events/ are what a developer replays by hand; here each one runs through its real
 * handler module on a seeded table, so a sample that drifts from the route table or the handler fails.
 */
const root = join(import.meta.dirname, '..', '..');
const samples = (kind: 'api' | 'scheduled' | 'queue') =>
  readdirSync(join(root, 'events', kind))
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      file,
      module: file.split('.')[0]!,
      event: JSON.parse(readFileSync(join(root, 'events', kind, file), 'utf8')),
    }));
const handlerOf = async (kind: string, module: string) =>
  (
    (await import(pathToFileURL(join(root, 'functions', kind, `${module}.ts`)).href)) as {
      handler: (e: unknown, c: unknown) => Promise<any>;
    }
  ).handler;

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable('events');
  Object.assign(process.env, { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, PII_HASH_KEY: 'sample-events' });
  const db = createDb({ doc: createDocumentClient(endpoint), tableName });
  await seedDemoDistrict(db);
  // The overview's figures, as its refresh job leaves them (the sample reads them before the jobs' samples run).
  await refreshOverview(db, todayInShanghai());
  // Jobs that fan out send here instead of SQS.
  installQueueSender({ send: async (queue, messages) => void sent.push(...messages.map((m) => ({ queue, ...m }))) });
});

const sent: (OutgoingMessage & { queue: string })[] = [];

describe('sample events', () => {
  it('exist for every function module', () => {
    const api = new Set(samples('api').map((s) => s.module));
    for (const m of API_MODULES) expect(api, m.module).toContain(m.module);
    const jobs = new Set(samples('scheduled').map((s) => s.module));
    for (const j of JOBS) expect(jobs, j.module).toContain(j.module);
    const queues = new Set(samples('queue').map((s) => s.module));
    for (const q of QUEUES) expect(queues, q.module).toContain(q.module);
  });

  for (const sample of samples('api')) {
    it(`${sample.file} runs through its handler`, async () => {
      const module = API_MODULES.find((m) => m.module === sample.module)!;
      expect(module.routes.map(routeKey)).toContain(sample.event.routeKey);
      const result = await (await handlerOf('api', sample.module))(
        sample.event,
        createLambdaContext({ functionName: sample.module, timeoutMs: 10_000 }),
      );
      expect(result.statusCode, result.body).toBeGreaterThanOrEqual(200);
      expect(result.statusCode, result.body).toBeLessThan(300);
    });
  }

  for (const sample of samples('scheduled')) {
    it(`${sample.file} runs its job`, async () => {
      const result = await (await handlerOf('scheduled', sample.module))(
        sample.event,
        createLambdaContext({ functionName: sample.module, timeoutMs: 60_000 }),
      );
      expect(result).toBeDefined();
    });
  }

  for (const sample of samples('queue')) {
    it(`${sample.file} is consumed with no failed record`, async () => {
      const result = await (await handlerOf('queue', sample.module))(
        sample.event,
        createLambdaContext({ functionName: sample.module, timeoutMs: 60_000 }),
      );
      expect(result).toEqual({ batchItemFailures: [] });
    });
  }
});
