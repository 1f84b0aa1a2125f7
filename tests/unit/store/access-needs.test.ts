/**
 * A declaration of needs that misses something breaks the function in AWS (AccessDenied) and nowhere else: locally
 * the table and the queues answer anything. So each declaration is held to the code its handler can reach: every
 * source file in the handler's import graph (esbuild resolves it, as the Lambda bundle does) is read for the
 * indexes it queries (`index: 'GSIn'`), the queues it sends to (`sendMessages(<queue>`) and the PII key
 * (lib/registry/pii.ts). The declaration must cover all of them. Route files are left out of the graph: they hold
 * schemas, and the meta module imports every one of them to describe the API.
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import * as queueModule from '#lib/queue/queues.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { type FunctionNeeds, mergeNeeds } from '#lib/store/access-needs.ts';

/** Each queue as its code names it (`sendMessages(mineMoveQueue, …)`): the exports of lib/queue/queues.ts. */
const QUEUE_VARIABLES: Record<string, string> = Object.fromEntries(
  Object.entries(queueModule).flatMap(([variable, value]) =>
    QUEUES.includes(value as never) ? [[variable, (value as { name: string }).name]] : [],
  ),
);

interface Reached {
  readonly indexes: Set<string>;
  readonly queues: Set<string>;
  readonly pii: boolean;
  readonly files: readonly string[];
}

const skipRouteFiles: esbuild.Plugin = {
  name: 'skip-route-files',
  setup(build) {
    build.onResolve({ filter: /(\.routes|\/routes)\.ts$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** What the source of these files uses. */
function usedBy(sources: readonly string[]): Omit<Reached, 'files'> {
  const indexes = new Set<string>();
  const queues = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/index: '(GSI\d)'/g)) indexes.add(m[1]!);
    for (const m of source.matchAll(/sendMessages\(\s*(\w+)/g)) queues.add(QUEUE_VARIABLES[m[1]!] ?? `?${m[1]}`);
  }
  return { indexes, queues, pii: false };
}

async function reachedFrom(entry: string): Promise<Reached> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [skipRouteFiles],
  });
  const files = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  const used = usedBy(files.map((f) => readFileSync(f, 'utf8')));
  return { ...used, pii: files.includes('lib/registry/pii.ts'), files };
}

const covers = (needs: FunctionNeeds, reached: Reached, ownQueue?: string) => ({
  indexes: [...reached.indexes].filter((i) => !needs.table?.indexes.includes(i as never)),
  // A consumer's module also holds the producer of its own queue; the local queue refuses such a send at runtime.
  queues: [...reached.queues].filter((q) => !needs.sendsTo?.includes(q) && q !== ownQueue),
  pii: reached.pii && !needs.secrets?.includes('pii-hash-key'),
  table: reached.indexes.size > 0 && !needs.table,
});
const NOTHING_MISSING = { indexes: [], queues: [], pii: false, table: false };

describe('usedBy (the scanner itself)', () => {
  it('finds index names and queue sends, and nothing in code without them', () => {
    const found = usedBy([
      "await queryAll(db, { index: 'GSI3', partition: x });",
      'await sendMessages(powerImportQueue, rows);',
    ]);
    expect([...found.indexes]).toEqual(['GSI3']);
    expect([...found.queues]).toEqual(['power-import']);
    const none = usedBy(["await queryAll(db, { partition: 'MINE#a' });", 'await other(powerImportQueue);']);
    expect([...none.indexes, ...none.queues]).toEqual([]);
  });

  it('reports a reached index or queue the declaration lacks', () => {
    const reached: Reached = {
      indexes: new Set(['GSI1', 'GSI2']),
      queues: new Set(['notifications']),
      pii: true,
      files: [],
    };
    expect(covers({ table: { access: 'read-write', indexes: ['GSI1'] } }, reached)).toEqual({
      indexes: ['GSI2'],
      queues: ['notifications'],
      pii: true,
      table: false,
    });
    expect(
      covers(
        { table: { access: 'read', indexes: ['GSI1', 'GSI2'] }, sendsTo: ['notifications'], secrets: ['pii-hash-key'] },
        reached,
      ),
    ).toEqual(NOTHING_MISSING);
  });
});

describe('each API module declares what its code reaches', () => {
  it.each(API_MODULES.map((m) => [m.module, m] as const))('%s', async (module, m) => {
    const reached = await reachedFrom(`functions/api/${module}.ts`);
    expect(reached.files.length).toBeGreaterThan(1);
    expect(covers(m.needs ?? {}, reached)).toEqual(NOTHING_MISSING);
  });
});

describe('each job module declares what its code reaches', () => {
  const modules = [...new Set(JOBS.map((j) => j.module))];
  it.each(modules)('%s', async (module) => {
    const needs = mergeNeeds(JOBS.filter((j) => j.module === module).map((j) => j.needs));
    expect(covers(needs, await reachedFrom(`functions/scheduled/${module}.ts`))).toEqual(NOTHING_MISSING);
  });
});

describe('each queue consumer declares what its code reaches', () => {
  it.each(QUEUES.map((q) => [q.module, q] as const))('%s', async (module, q) => {
    const needs: FunctionNeeds = { ...q.needs, sendsTo: q.sendsTo };
    expect(covers(needs, await reachedFrom(`functions/queue/${module}.ts`), q.name)).toEqual(NOTHING_MISSING);
  });
});

describe('the public-blacklist module', () => {
  it('reaches no queue send, no PII key and only GSI1', async () => {
    const reached = await reachedFrom('functions/api/public-blacklist.ts');
    expect([...reached.queues]).toEqual([]);
    expect(reached.pii).toBe(false);
    expect([...reached.indexes]).toEqual(['GSI1']);
  });
});
