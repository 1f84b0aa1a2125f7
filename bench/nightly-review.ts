/**
 * The whole nightly electricity review on the local runtime, for `npm run bench` (`benchNightlyReview` runs it in a
 * child process) or `npx tsx bench/nightly-review.ts [--mines N] [--jurisdictions N] [--days N] [--date YYYY-MM-DD] [--file-store] [--cpu-prof FILE]`:
 * the engine alone being fast says nothing about the job, whose cost is its reads and writes. This starts DynamoDB
 * Local and the local runtime with an empty table, seeds N synthetic mines directly with BatchWrite (not timed; each
 * with the review flags item earlier nights would have left, so the run is a night in steady state),
 * then, once DynamoDB Local is quiet again (settleProcess), times `runJob('power-review', date)` (plan, fan-out through the in-process queue, every chunk reviewed, every
 * jurisdiction's report written) while an SDK middleware on the handlers' shared client counts DynamoDB requests.
 * Each mine has its approved headcount and the day's monitoring feeds too (people underground, gas): the review
 * hears three witnesses, and their findings are counted beside the verdicts.
 * Goals for 5,000 mines: ≤ 30 s on a 2-core machine, ≤ 2 requests per mine-day, no Scan; and every mine must be
 * in a daily report. It is a report: it exits 0 when a goal is missed, non-zero only when the bench itself breaks.
 */

// The handlers' environment before anything imports them (no X-Ray context hook; local/lambda-env.ts).
import '#local/lambda-env.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_WITNESS, type RuleId } from '#lib/findings/vocabulary.ts';
import type { PowerReport } from '#lib/power/power-report.ts';
import { batchGet } from '#lib/store/batch.ts';
import { type Db, dbFromEnv } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import type { LocalLogger } from '#local/logger.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';
import { argInt, argValue } from './cli-args.ts';
import { profiled } from './cpu-profile.ts';
import { answerParent, measureInChild, runWhenMain } from './in-child.ts';
import { contentionNote, type MachineShare, machineCpuMark, machineShare, machineText } from './machine-cpu.ts';
import { writeAll } from './nightly/batch-writer.ts';
import { countRequests } from './nightly/request-counter.ts';
import { allItems, jurisdictionPath, plantedSummary, syntheticMine } from './nightly/synthetic-mines.ts';
import { runReviewEngineBench } from './review-engine.ts';

export const GOAL_SECONDS = 30;
export const GOAL_REQUESTS_PER_MINE_DAY = 2;
const DEFAULT_DATE = '2026-11-28';
const SEED_CONCURRENCY = 16;
/** Mines whose reads warm DynamoDB Local's JIT before the timed job (the seed only warmed its write path). */
const WARM_UP_MINES = 200;

export interface NightlyReviewBenchOptions {
  readonly mines?: number;
  readonly jurisdictions?: number;
  /** Days of history before the reviewed day; the seed writes days + 1 days of readings per mine. */
  readonly days?: number;
  /** The reviewed business day. */
  readonly date?: string;
  /** DynamoDB Local keeps its data in a file under a temporary directory instead of in memory (seeding is far slower). */
  readonly fileStore?: boolean;
  /** Write a V8 CPU profile of the runtime's process during the timed job to this file. */
  readonly cpuProf?: string;
  readonly log?: (line: string) => void;
}

export interface NightlyReviewBenchResult {
  readonly mines: number;
  readonly jurisdictions: number;
  readonly days: number;
  readonly date: string;
  readonly store: 'in-memory' | 'file';
  readonly seedItems: number;
  readonly seedSeconds: number;
  /** The job, from runJob to the queue drained. */
  readonly seconds: number;
  readonly requests: Record<string, number>;
  readonly totalRequests: number;
  readonly perMineDay: number;
  readonly scans: number;
  /** Sum of `mines` over the jurisdictions' daily reports. */
  readonly reviewed: number;
  readonly reports: number;
  readonly verdicts: Record<string, number>;
  readonly feedFindings: Record<string, number>;
  readonly planted: ReturnType<typeof plantedSummary>;
  readonly peakRssMb: number;
  /** CPU seconds spent during the job by this process (handlers, queue, SDK) and by DynamoDB Local (null where unreadable). */
  readonly cpu: { node: number; dynamoDbLocal: number | null };
  /** The whole machine during the job: what else ran beside node and DynamoDB Local (null off Linux). */
  readonly machine: MachineShare | null;
  readonly goals: { seconds: number; perMineDay: number; scans: number };
  readonly pass: boolean;
}

/** Warnings and errors of the runtime (a failed queue batch, a dead letter) still show; its chatter does not. */
export const quietLogger: LocalLogger = {
  info: () => {},
  warn: (m, ...d) => console.warn(m, ...d),
  error: (m, ...d) => console.error(m, ...d),
};

/**
 * What every bench of the local runtime starts: DynamoDB Local (in memory, or on disk under the data dir), started here
 * so its CPU time can be read, and the runtime on it without the demo seed. Started both or neither.
 */
export async function startBenchRuntime(
  dataDir: string,
  options: { fileStore?: boolean; scheduler?: boolean } = {},
): Promise<{ dynamo: DynamoDbLocal; runtime: LocalRuntime }> {
  const dynamo = await startDynamoDbLocal(options.fileStore ? { dataDir: join(dataDir, 'dynamodb') } : {});
  try {
    const runtime = await startLocalRuntime({
      dataDir,
      port: 0,
      seed: false,
      ...(options.scheduler === false ? { scheduler: false } : {}),
      logger: quietLogger,
      dynamoEndpoint: dynamo.endpoint,
    });
    return { dynamo, runtime };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

let ranInThisProcess = false;

/** CPU seconds of a process so far, from /proc (Linux); null elsewhere. */
export const processCpuSeconds = (pid: number): number | null => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/**
 * Waits until a process is idle (under 5% of a core over half a second; at most `maxMs`): the seeding's after-work
 * in DynamoDB Local (its garbage collection, its compiler) is not the timed job's, as a nightly job starts on a store
 * that was quiet. Answers the CPU-seconds the process used while waited for.
 */
export async function settleProcess(pid: number, maxMs = 5_000): Promise<number> {
  const start = processCpuSeconds(pid);
  if (start === null) return 0;
  const deadline = performance.now() + maxMs;
  let last = start;
  while (performance.now() < deadline) {
    await new Promise((done) => setTimeout(done, 500));
    const now = processCpuSeconds(pid) ?? last;
    const used = now - last;
    last = now;
    if (used < 0.025) break;
  }
  return last - start;
}

/** The bench in a child process of its own (bench/in-child.ts says why). */
export async function benchNightlyReview(options: NightlyReviewBenchOptions = {}): Promise<NightlyReviewBenchResult> {
  return measureInChild<NightlyReviewBenchResult>(import.meta.url, toArgs(options), {
    what: 'nightly review',
    progress: options.log !== undefined,
  });
}

/** The bench in this process; once per process (see benchNightlyReview). */
export async function measureNightlyReview(options: NightlyReviewBenchOptions = {}): Promise<NightlyReviewBenchResult> {
  if (ranInThisProcess)
    throw new Error('measureNightlyReview runs once per process (the handlers keep their first DynamoDB client)');
  ranInThisProcess = true;
  const mines = options.mines ?? 5_000;
  const jurisdictions = Math.min(options.jurisdictions ?? 10, mines);
  const days = options.days ?? 28;
  const date = options.date ?? DEFAULT_DATE;
  const log = options.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-'));
  let dynamo: DynamoDbLocal | undefined;
  let runtime: LocalRuntime | undefined;
  try {
    ({ dynamo, runtime } = await startBenchRuntime(dataDir, { fileStore: options.fileStore === true }));

    // Seed (not timed), through the runtime's own client so the handlers' counter sees none of it.
    const seedStart = performance.now();
    const at = new Date().toISOString();
    let lastShown = 0;
    const seedItems = await writeAll(runtime.db, allItems({ mines, jurisdictions, days, date, at }), {
      concurrency: SEED_CONCURRENCY,
      onProgress: (n) => {
        if (n - lastShown < 25_000) return;
        lastShown = n;
        log(`  seeding… ${grouped(n)} items`);
      },
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`  seeded ${grouped(seedItems)} items in ${seedSeconds.toFixed(1)} s (not timed)`);
    await warmUp(runtime.db, Math.min(mines, WARM_UP_MINES), jurisdictions, date, days);

    // The job, timed, with every request of the handlers' shared client counted.
    await settleProcess(dynamo.pid);
    const counter = countRequests(dbFromEnv().doc);
    counter.reset();
    const machineBefore = machineCpuMark();
    const dynamoCpuBefore = processCpuSeconds(dynamo.pid);
    const cpuBefore = process.cpuUsage();
    const jobStart = performance.now();
    const running = runtime;
    await profiled(options.cpuProf, () => running.runJob('power-review', date));
    const seconds = (performance.now() - jobStart) / 1000;
    const cpuUsed = process.cpuUsage(cpuBefore);
    const dynamoCpuAfter = processCpuSeconds(dynamo.pid);
    const machineAfter = machineCpuMark();
    const requests = counter.counts();
    counter.remove();

    // Every mine in a report: sum the jurisdictions' daily reports.
    const verdicts: Record<string, number> = {};
    /** The monitoring feeds' findings, by rule: the second and third witnesses heard in the same run. */
    const feedFindings: Record<string, number> = {};
    let reviewed = 0;
    let reports = 0;
    for (let j = 0; j < jurisdictions; j++) {
      const report = await getItem<PowerReport>(runtime.db, {
        PK: pk.jurisdiction(jurisdictionPath(j)),
        SK: sk.powerReport(date),
      });
      if (!report) continue;
      reports += 1;
      reviewed += report.mines;
      for (const [v, n] of Object.entries(report.verdicts)) verdicts[v] = (verdicts[v] ?? 0) + n;
      for (const a of report.anomalies)
        for (const f of a.findings)
          if (RULE_WITNESS[f.rule as RuleId] !== 'electricity') feedFindings[f.rule] = (feedFindings[f.rule] ?? 0) + 1;
    }

    const totalRequests = Object.values(requests).reduce((a, b) => a + b, 0);
    const perMineDay = totalRequests / mines;
    const scans = requests.Scan ?? 0;
    return {
      mines,
      jurisdictions,
      days,
      date,
      store: options.fileStore ? 'file' : 'in-memory',
      seedItems,
      seedSeconds,
      seconds,
      requests,
      totalRequests,
      perMineDay,
      scans,
      reviewed,
      reports,
      verdicts,
      feedFindings,
      planted: plantedSummary(mines, jurisdictions),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      cpu: {
        node: (cpuUsed.user + cpuUsed.system) / 1e6,
        dynamoDbLocal: dynamoCpuBefore === null || dynamoCpuAfter === null ? null : dynamoCpuAfter - dynamoCpuBefore,
      },
      machine: machineShare(
        machineBefore,
        machineAfter,
        (cpuUsed.user + cpuUsed.system) / 1e6 + (dynamoCpuAfter ?? 0) - (dynamoCpuBefore ?? 0),
      ),
      goals: { seconds: GOAL_SECONDS, perMineDay: GOAL_REQUESTS_PER_MINE_DAY, scans: 0 },
      pass:
        seconds <= GOAL_SECONDS &&
        perMineDay <= GOAL_REQUESTS_PER_MINE_DAY &&
        scans === 0 &&
        reviewed === mines &&
        reports === jurisdictions,
    };
  } finally {
    await runtime?.stop();
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same reads the job makes, for a few mines, through the runtime's client (not counted, writes nothing): a fresh
 * JVM answers its first few hundred queries several times slower, which would swamp a small run.
 */
async function warmUp(db: Db, mines: number, jurisdictions: number, date: string, days: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < mines) {
      const mineId = syntheticMine(next++, jurisdictions).mineId;
      await Promise.all([
        queryAll(db, {
          partition: pk.mine(mineId),
          between: [sk.readingsFrom(addDays(date, -days)), sk.readingsTo(date)],
        }),
        batchGet(db, [
          { PK: pk.mine(mineId), SK: sk.profile },
          { PK: pk.mine(mineId), SK: sk.powerFlags },
          { PK: pk.mine(mineId), SK: sk.registerSet },
        ]),
      ]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const counts = (c: Record<string, number>): string =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${grouped(n)}`)
    .join(', ');

/**
 * The table, and beside the job's time the pure engine's for the same number of mine-days (from the review-engine
 * bench), so the share the store's reads and writes take is plain.
 */
export function printNightlyReviewBench(r: NightlyReviewBenchResult, engine?: { mineDaysPerSecond: number }): void {
  const rows: [string, string, string, string][] = [
    ['job time', `${r.seconds.toFixed(1)} s`, `<= ${r.goals.seconds} s`, verdict(r.seconds <= r.goals.seconds)],
    [
      'requests per mine-day',
      `${r.perMineDay.toFixed(2)} (${grouped(r.totalRequests)})`,
      `<= ${r.goals.perMineDay}`,
      verdict(r.perMineDay <= r.goals.perMineDay),
    ],
    ['Scan requests', String(r.scans), '0', verdict(r.scans === 0)],
    [
      'mines in daily reports',
      `${grouped(r.reviewed)} in ${r.reports} reports`,
      `${grouped(r.mines)} in ${r.jurisdictions}`,
      verdict(r.reviewed === r.mines && r.reports === r.jurisdictions),
    ],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    console.log(
      `  ${row[0].padEnd(widths[0]!)}  ${row[1].padStart(widths[1]!)}  goal ${row[2].padEnd(widths[2]!)}  ${row[3]}`,
    );
  console.log(`  requests: ${counts(r.requests)}`);
  console.log(
    `  verdicts: ${counts(r.verdicts)}; planted: ${counts(r.planted.statuses)}; anomalies ${counts(r.planted.anomalies)}`,
  );
  console.log(`  monitoring feeds' findings (people underground, gas): ${counts(r.feedFindings) || 'none'}`);
  if (engine) {
    const engineSeconds = r.mines / engine.mineDaysPerSecond;
    console.log(
      `  job ${r.seconds.toFixed(1)} s beside the engine alone ${engineSeconds.toFixed(2)} s for the same ${grouped(r.mines)} mine-days ` +
        `(${grouped(engine.mineDaysPerSecond)}/s): the rest is the store's reads and writes and the queue`,
    );
  }
  console.log(
    `  mine-days/s ${grouped(r.mines / r.seconds)}; seeding ${r.seedSeconds.toFixed(1)} s (${grouped(r.seedItems)} items, not timed); peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
  const dynamoCpu = r.cpu.dynamoDbLocal === null ? 'n/a' : `${r.cpu.dynamoDbLocal.toFixed(1)} s`;
  console.log(
    `  CPU during the job: node ${r.cpu.node.toFixed(1)} s, DynamoDB Local ${dynamoCpu}` +
      (r.machine ? `; ${machineText(r.machine)}` : ''),
  );
  const note = contentionNote(r.machine);
  if (note) console.log(`  ${note}`);
  console.log(`  nightly job: ${verdict(r.pass)}`);
}

const printHeader = (options: NightlyReviewBenchOptions): void => {
  const mines = options.mines ?? 5_000;
  console.log(
    `nightly review job: ${grouped(mines)} synthetic mines over ${options.jurisdictions ?? 10} jurisdictions, ` +
      `${(options.days ?? 28) + 1} days of quarter-hour readings each, on the local runtime ` +
      `(DynamoDB Local ${options.fileStore ? 'with a file store' : 'in memory'}, in-process queue)`,
  );
};

/** Header, progress and table, the bench in a child process. */
export async function runNightlyReviewBench(
  options: NightlyReviewBenchOptions = {},
): Promise<NightlyReviewBenchResult> {
  printHeader(options);
  const result = await benchNightlyReview({ log: (line) => console.log(line), ...options });
  printNightlyReviewBench(result, runReviewEngineBench());
  return result;
}

const toArgs = (o: NightlyReviewBenchOptions): string[] => [
  ...(o.mines !== undefined ? ['--mines', String(o.mines)] : []),
  ...(o.jurisdictions !== undefined ? ['--jurisdictions', String(o.jurisdictions)] : []),
  ...(o.days !== undefined ? ['--days', String(o.days)] : []),
  ...(o.date !== undefined ? ['--date', o.date] : []),
  ...(o.fileStore ? ['--file-store'] : []),
];

const parseArgs = (argv: readonly string[]): NightlyReviewBenchOptions => {
  const value = (name: string) => argValue(argv, name);
  const int = (name: string) => argInt(argv, name);
  const mines = int('mines');
  const jurisdictions = int('jurisdictions');
  const days = int('days');
  const date = value('date');
  return {
    ...(mines ? { mines } : {}),
    ...(jurisdictions ? { jurisdictions } : {}),
    ...(days ? { days } : {}),
    ...(date ? { date } : {}),
    ...(argv.includes('--file-store') ? { fileStore: true } : {}),
    ...(value('cpu-prof') ? { cpuProf: value('cpu-prof') } : {}),
  };
};

/** Run directly: measure here and print; with --result-file (the child of benchNightlyReview), write the result there. */
const main = async (argv: readonly string[]): Promise<void> => {
  const options = parseArgs(argv);
  if (await answerParent(argv, (log) => measureNightlyReview({ ...options, ...(log ? { log } : {}) }))) return;
  printHeader(options);
  const measured = await measureNightlyReview({ ...options, log: (line) => console.log(line) });
  printNightlyReviewBench(measured, runReviewEngineBench());
};

runWhenMain(import.meta.url, main);
