/**
 * Cold-start budget check (`npm run bench`): bundles every function module exactly as CDK deploys it, then reports
 * bundle size and the time a fresh Node process takes to import it, against two handlers bundled the same way: an
 * empty one, and the framework baseline of its kind (the API or job stack with nothing in it: middy, Powertools, the
 * DynamoDB client). Importing the DynamoDB client alone costs several times an empty handler, so the goal is read
 * against the baseline: what a module adds to the stack every function pays anyway.
 * Goals: bundle ≤ 1 MB, import ≤ 1.5× the baseline. It is a report, so it exits 0 even when a goal is missed.
 * After the table: the review engine's mine-days per second (bench/review-engine.ts), the web dashboard's first-load
 * script and lazy chunks (bench/web-bundle.ts), the whole nightly review on the local runtime for 5,000 mines
 * (bench/nightly-review.ts), the nightly credit classification of 5,000 mines (bench/credit-classification.ts) and
 * a 100,000-row bulk import (bench/bulk-import.ts) and the API under load: the dashboard's reads at 200 requests/s
 * for 30 s from 50 bureau users (bench/api-load.ts).
 * the province overview of 5,000 mines over 50 districts (bench/overview.ts) and a 100,000-row bulk import
 * (bench/bulk-import.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { lambdaBundleOptions } from '#lib/build/bundle-options.ts';
import { queueUrlEnv } from '#lib/queue/queue-spec.ts';
import { benchApiLoad, printApiLoad } from './api-load.ts';
import { benchBulkImport, printBulkImport } from './bulk-import.ts';
import { benchCreditClassification, printCreditClassificationBench } from './credit-classification.ts';
import { benchNightlyReview, printNightlyReviewBench } from './nightly-review.ts';
import { benchOverview, printOverviewBench } from './overview.ts';
import { printReviewEngineBench } from './review-engine.ts';
import { benchWebBundle, printWebBundle } from './web-bundle.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MAX_BYTES = 1024 * 1024;
const MAX_RATIO = 1.5;

type Kind = 'api' | 'scheduled' | 'queue';
interface Target {
  readonly kind: Kind;
  readonly module: string;
  readonly entry: string;
}
interface Row {
  readonly kind: string;
  readonly module: string;
  readonly bytes?: number;
  readonly importMs?: number;
  readonly ratio?: number;
  readonly baseRatio?: number;
  readonly verdict: 'PASS' | 'FAIL' | 'SKIP' | 'ERROR';
  readonly note?: string;
  readonly biggest?: string;
}

const notes: string[] = [];

/** The stack each kind of function pays for before it does anything: the same imports and wrapping, no work. */
const BASELINES: Partial<Record<Kind, string>> = {
  api: "import { apiHandler } from './lib/http/api-handler.ts';\nexport const handler = apiHandler([], {});\n",
  scheduled:
    "import { jobHandler } from './lib/jobs/job-handler.ts';\nexport const handler = jobHandler('bench', async () => ({}));\n",
  queue: [
    "import * as z from 'zod/mini';",
    "import { queueConsumer } from './lib/queue/consumer.ts';",
    "import { defineQueue } from './lib/queue/queue-spec.ts';",
    "const bench = defineQueue({ name: 'bench', module: 'bench', schema: z.object({}), batchSize: 1, maxReceiveCount: 1, visibilityTimeoutSeconds: 30 });",
    'export const handler = queueConsumer(bench, async () => ({}));',
    '',
  ].join('\n'),
};

/** The module lists, read from the same definitions CDK uses; a list that fails to load is reported, not fatal. */
const loadTargets = async (): Promise<{ targets: Target[]; queueNames: string[] }> => {
  const targets: Target[] = [];
  const queueNames: string[] = [];
  const lists: Array<[Kind, string, (m: Record<string, unknown>) => string[]]> = [
    ['api', 'functions/api/routes.ts', (m) => (m.API_MODULES as Array<{ module: string }>).map((x) => x.module)],
    ['scheduled', 'functions/scheduled/jobs.ts', (m) => (m.JOBS as Array<{ module: string }>).map((x) => x.module)],
    [
      'queue',
      'lib/queue/queues.ts',
      (m) => {
        const qs = m.QUEUES as Array<{ name: string; module: string }>;
        queueNames.push(...qs.map((q) => q.name));
        return qs.map((q) => q.module);
      },
    ],
  ];
  for (const [kind, file, pick] of lists) {
    try {
      const mod = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
      // Several jobs or queues may share one consumer module: bundle it once.
      for (const module of new Set(pick(mod))) {
        targets.push({ kind, module, entry: join(ROOT, 'functions', kind, `${module}.ts`) });
      }
    } catch (err) {
      notes.push(`could not read ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { targets, queueNames };
};

const bundle = async (
  outfile: string,
  input: { entry: string } | { contents: string },
): Promise<{ bytes: number; metafile: Metafile }> => {
  rmSync(dirname(outfile), { recursive: true, force: true });
  const result = await build({
    ...lambdaBundleOptions,
    ...('entry' in input
      ? { entryPoints: [input.entry] }
      : { stdin: { contents: input.contents, loader: 'ts', resolveDir: ROOT, sourcefile: 'empty-handler.ts' } }),
    absWorkingDir: ROOT,
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  return { bytes: statSync(outfile).size, metafile: result.metafile };
};

/** The three largest packages (or source folders) in a bundle, for a hint on what to trim. */
const biggestInputs = (metafile: Metafile): string => {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = m ? m[1]! : path.split('/').slice(0, 2).join('/');
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`)
    .join(', ');
};

/** Env for the import: enough for module-scope SDK clients and Powertools to construct, with no network. */
const importEnv = (queueNames: string[]): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TABLE_NAME: 'bench',
    AWS_REGION: 'cn-north-1',
    AWS_DEFAULT_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    POWERTOOLS_SERVICE_NAME: 'coalsafe-bench',
  };
  for (const q of queueNames) {
    env[queueUrlEnv(q)] = `https://sqs.cn-north-1.amazonaws.com.cn/000000000000/${q}`;
  }
  return env;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The thrown error's message from a Node stderr (which first echoes the minified source line). */
const firstErrorLine = (stderr: string): string | undefined => {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const line = lines.find((l) => /^[\w.]*(Error|Exception)\b/.test(l)) ?? lines.at(-1);
  return line === undefined ? undefined : line.length > 240 ? `${line.slice(0, 240)}…` : line;
};

/** One import of a bundle in a fresh Node process, ms. */
const importOnce = (file: string, env: NodeJS.ProcessEnv): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
    cwd: dirname(file),
  });
  if (r.status !== 0) throw new Error(firstErrorLine(r.stderr) ?? `exit ${r.status}`);
  const ms = Number.parseFloat(r.stdout.trim().split('\n').pop() ?? '');
  if (!Number.isFinite(ms)) throw new Error(`unexpected output: ${r.stdout.trim()}`);
  return ms;
};

/**
 * Median import times of bundles in fresh Node processes (one discarded warm-up round first), their runs taken in
 * turn: a module measured beside its baseline meets the same speed of the machine, which drifts over the minutes
 * the bench takes by more than the goal's margin.
 */
const importMs = (files: readonly string[], env: NodeJS.ProcessEnv): number[] => {
  const times = files.map((): number[] => []);
  for (let i = 0; i <= RUNS; i++)
    for (const [k, file] of files.entries()) {
      const ms = importOnce(file, env);
      if (i > 0) times[k]!.push(ms);
    }
  return times.map(median);
};

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

const printTable = (rows: Row[]): void => {
  const header = ['kind', 'module', 'bytes', 'KB', 'import ms', 'x empty', 'x base', 'result'];
  const cells = rows.map((r) => [
    r.kind,
    r.module,
    r.bytes === undefined ? '-' : String(r.bytes),
    r.bytes === undefined ? '-' : kb(r.bytes),
    r.importMs === undefined ? '-' : r.importMs.toFixed(1),
    r.ratio === undefined ? '-' : r.ratio.toFixed(2),
    r.baseRatio === undefined ? '-' : r.baseRatio.toFixed(2),
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i >= 2 && i <= 6 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
};

const main = async (): Promise<void> => {
  console.log(
    `bench: esbuild ${lambdaBundleOptions.format} ${lambdaBundleOptions.target}, minify, ${RUNS} import runs each (median), node ${process.version}`,
  );
  console.log(
    `goals: bundle <= ${MAX_BYTES / 1024} KB, import <= ${MAX_RATIO}x the framework baseline of its kind, run by run beside it\n`,
  );
  const { targets, queueNames } = await loadTargets();
  const env = importEnv(queueNames);

  const emptyFile = join(OUT, 'empty', 'index.mjs');
  const empty = await bundle(emptyFile, { contents: 'export const handler = async () => ({});\n' });
  const [emptyMs = 0] = importMs([emptyFile], env);
  const rows: Row[] = [
    { kind: '-', module: '(empty handler)', bytes: empty.bytes, importMs: emptyMs, ratio: 1, verdict: 'PASS' },
  ];
  const baselineFile = new Map<Kind, string>();
  for (const [kind, contents] of Object.entries(BASELINES) as [Kind, string][]) {
    const file = join(OUT, 'baseline', kind, 'index.mjs');
    const built = await bundle(file, { contents });
    const [ms = 0] = importMs([file], env);
    baselineFile.set(kind, file);
    rows.push({
      kind,
      module: '(framework baseline)',
      bytes: built.bytes,
      importMs: ms,
      ratio: ms / emptyMs,
      baseRatio: 1,
      verdict: 'PASS',
    });
  }

  for (const t of targets) {
    const base = { kind: t.kind, module: t.module };
    if (!existsSync(t.entry)) {
      rows.push({ ...base, verdict: 'SKIP', note: `${relative(ROOT, t.entry)} does not exist yet` });
      continue;
    }
    const outfile = join(OUT, t.kind, t.module, 'index.mjs');
    let built: { bytes: number; metafile: Metafile };
    try {
      built = await bundle(outfile, { entry: t.entry });
    } catch (err) {
      rows.push({
        ...base,
        verdict: 'ERROR',
        note: `bundle failed: ${firstErrorLine((err as Error).message) ?? 'unknown error'}`,
      });
      continue;
    }
    let ms: number;
    let baseMs: number;
    try {
      // Its kind's baseline again, run by run beside it: the ratio is of two times taken at the same moments.
      [ms = 0, baseMs = 0] = importMs([outfile, baselineFile.get(t.kind)!], env);
    } catch (err) {
      rows.push({ ...base, bytes: built.bytes, verdict: 'ERROR', note: `import failed: ${(err as Error).message}` });
      continue;
    }
    const ratio = ms / emptyMs;
    const baseRatio = ms / baseMs;
    const pass = built.bytes <= MAX_BYTES && baseRatio <= MAX_RATIO;
    rows.push({
      ...base,
      bytes: built.bytes,
      importMs: ms,
      ratio,
      baseRatio,
      verdict: pass ? 'PASS' : 'FAIL',
      biggest: biggestInputs(built.metafile),
    });
  }

  printTable(rows);
  const detail = rows.filter((r) => r.note !== undefined || r.verdict === 'FAIL');
  if (detail.length > 0 || notes.length > 0) console.log('');
  for (const n of notes) console.log(`note: ${n}`);
  for (const r of detail) {
    console.log(`${r.verdict.toLowerCase()}: ${r.kind}/${r.module}: ${r.note ?? `largest inputs: ${r.biggest}`}`);
  }

  const measured = rows.filter((r) => !r.module.startsWith('('));
  const count = (v: Row['verdict']) => measured.filter((r) => r.verdict === v).length;
  writeFileSync(join(OUT, 'report.json'), `${JSON.stringify({ runs: RUNS, emptyMs, rows }, null, 2)}\n`);
  console.log(
    `\nsummary: ${measured.length} modules: ${count('PASS')} pass, ${count('FAIL')} fail, ${count('ERROR')} error, ` +
      `${count('SKIP')} skipped; empty handler ${emptyMs.toFixed(1)} ms; bundles in ${relative(ROOT, OUT)}/`,
  );

  console.log('');
  const engine = printReviewEngineBench();

  // The runs against DynamoDB Local take minutes; BENCH_SKIP=nightly,credit,overview,import,load leaves them out
  // (web: the dashboard).
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()));
  if (!skip.has('web')) {
    console.log('');
    try {
      printWebBundle(await benchWebBundle());
    } catch (err) {
      // A dashboard that does not build is reported; the function benches above and below still count.
      console.log(`web dashboard: build failed: ${(err as Error).message.split('\n').slice(0, 2).join(' ')}`);
    }
  }
  if (!skip.has('nightly'))
    printNightlyReviewBench(await benchNightlyReview({ mines: Number(process.env.BENCH_MINES ?? 5000) }), engine);
  if (!skip.has('credit')) {
    console.log('');
    printCreditClassificationBench(
      await benchCreditClassification({ mines: Number(process.env.BENCH_CREDIT_MINES ?? 5000) }),
    );
  }
  if (!skip.has('overview'))
    printOverviewBench(await benchOverview({ mines: Number(process.env.BENCH_OVERVIEW_MINES ?? 5000) }));
  if (!skip.has('import')) printBulkImport(await benchBulkImport(Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)));
  if (!skip.has('load')) {
    console.log('');
    printApiLoad(await benchApiLoad({ seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 30) }));
  }
};

mkdirSync(OUT, { recursive: true });
main().catch((err: unknown) => {
  // A broken bench is worth a non-zero exit; missed goals are not.
  console.error(err);
  process.exitCode = 1;
});
