/**
 * The nightly safety-credit classification on the local runtime, for `npm run bench` (`benchCreditClassification`
 * runs it in a child process, like the nightly review) or
 * `npx tsx bench/credit-classification.ts [--mines N] [--jurisdictions N] [--date YYYY-MM-DD] [--no-next-day] [--cpu-prof FILE]`.
 *
 * Starts DynamoDB Local (in memory) and the local runtime with an empty table and seeds N mines with BatchWrite (not
 * timed): each the nightly bench's mine profile and 10–15 records of the year before the classified day, stored as
 * the product stores them (bench/credit/synthetic-credit.ts). Once DynamoDB Local is quiet again (settleProcess), it
 * times `runJob('credit-classification', date)`:
 * the planner lists the mines by index and sends chunks of 25 through the in-process queue, whose consumer
 * classifies each chunk, while SDK middlewares on the handlers' shared client count and time every DynamoDB request.
 *
 * Three runs on the same table: the first (every mine new), the same day again (must record nothing new: no
 * notification, no blacklist proposal), and the next day (some records stop counting or fall due: the tier changes
 * are recorded once, with their notifications). After each run the stored classifications are read back and
 * compared with the pure model applied to the seeded items, so a fast run that classified wrongly does not pass.
 * Goals for 5,000 mines: the first run ≤ 15 s on a 2-core machine, no Scan. It is a report: it exits 0 when a goal
 * is missed, non-zero only when the bench itself breaks.
 */

// The handlers' environment before anything imports them (no X-Ray context hook; local/lambda-env.ts).
import '#local/lambda-env.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredCredit } from '#lib/credit/credit-store.ts';
import { creditWindowStart } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_POLICY } from '#lib/credit/policy.ts';
import { lastInspectionKey } from '#lib/inspections/inspection-item.ts';
import { creditClassificationQueue } from '#lib/queue/queues.ts';
import { batchGet } from '#lib/store/batch.ts';
import { type Db, dbFromEnv } from '#lib/store/db.ts';
import { gsi1, gsi3, pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import type { DynamoDbLocal } from '#local/dynamodb-local.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { argInt, argValue } from './cli-args.ts';
import { profiled } from './cpu-profile.ts';
import { type LatencyStats, timeRequests } from './credit/request-timer.ts';
import { allCreditItems, emptyPlanted } from './credit/synthetic-credit.ts';
import { answerParent, measureInChild, runWhenMain } from './in-child.ts';
import { contentionNote, type MachineShare, machineCpuMark, machineShare, machineText } from './machine-cpu.ts';
import { writeAll } from './nightly/batch-writer.ts';
import { countRequests } from './nightly/request-counter.ts';
import { jurisdictionPath } from './nightly/synthetic-mines.ts';
import { processCpuSeconds, settleProcess, startBenchRuntime } from './nightly-review.ts';

export const GOAL_SECONDS = 15;
const DEFAULT_DATE = '2026-11-28';
const SEED_CONCURRENCY = 16;
/** Mines whose reads warm DynamoDB Local's JIT before the timed runs (the seed only warmed its write path). */
const WARM_UP_MINES = 200;
const JOB = 'credit-classification';

export interface CreditClassificationBenchOptions {
  readonly mines?: number;
  readonly jurisdictions?: number;
  /** The classified business day of the first two runs; the third classifies the day after. */
  readonly date?: string;
  /** Leave out the third run (the next day). */
  readonly noNextDay?: boolean;
  /** Write a V8 CPU profile of the runtime's process during the first run to this file. */
  readonly cpuProf?: string;
  readonly log?: (line: string) => void;
}

export type RunLabel = 'first' | 'again' | 'next day';

export interface CreditRunResult {
  readonly label: RunLabel;
  readonly date: string;
  /** runJob: the planner, every chunk through the queue, the queue drained. */
  readonly seconds: number;
  readonly chunks: number;
  readonly requests: Record<string, number>;
  readonly totalRequests: number;
  readonly perMine: number;
  readonly scans: number;
  readonly latency: Record<string, LatencyStats>;
  /** Requests in flight on average over the run (sum of request latencies / wall time), and at most. */
  readonly avgInFlight: number;
  readonly peakInFlight: number;
  /**
   * Mines whose current classification is of this date, and the dated snapshots of the day it replaced (every mine's
   * on a later day; on a first or same-day run, snapshots of this date, which must be none: the current is the day's).
   */
  readonly classified: number;
  readonly snapshots: number;
  readonly expectedSnapshots: number;
  readonly tiers: Record<string, number>;
  /** Stored tiers that differ from the pure model applied to the seeded items. */
  readonly mismatches: number;
  /** Stored classifications of this date whose previous tier differs (a change recorded by this day's run). */
  readonly tierChanges: number;
  readonly expectedChanges: number;
  readonly newNotifications: number;
  readonly newBlacklistProposals: number;
  readonly expectedProposals: number;
  readonly failedDeliveries: number;
  readonly deadLetters: number;
  readonly cpu: { node: number; dynamoDbLocal: number | null };
  /** The whole machine during the run: what else ran beside node and DynamoDB Local (null off Linux). */
  readonly machine: MachineShare | null;
  readonly pass: boolean;
}

export interface CreditClassificationBenchResult {
  readonly mines: number;
  readonly jurisdictions: number;
  readonly date: string;
  readonly seedItems: number;
  /** Items on the credit index. */
  readonly seedRecords: number;
  readonly seedSeconds: number;
  readonly byEntity: Record<string, number>;
  readonly risk: Record<string, number>;
  readonly triggers: Record<string, number>;
  readonly runs: CreditRunResult[];
  readonly peakRssMb: number;
  readonly cores: number;
  /** The whole section: DynamoDB Local and the runtime started, seeding, the runs and their checks. */
  readonly wallSeconds: number;
  readonly goals: { seconds: number; scans: number };
  readonly pass: boolean;
}

let ranInThisProcess = false;

/** The bench in a child process of its own (bench/in-child.ts says why). */
export async function benchCreditClassification(
  options: CreditClassificationBenchOptions = {},
): Promise<CreditClassificationBenchResult> {
  return measureInChild<CreditClassificationBenchResult>(import.meta.url, toArgs(options), {
    what: 'credit classification',
    progress: options.log !== undefined,
  });
}

/** The bench in this process; once per process (see benchCreditClassification). */
export async function measureCreditClassification(
  options: CreditClassificationBenchOptions = {},
): Promise<CreditClassificationBenchResult> {
  if (ranInThisProcess)
    throw new Error(
      'measureCreditClassification runs once per process (the handlers keep their first DynamoDB client)',
    );
  ranInThisProcess = true;
  const benchStart = performance.now();
  const mines = options.mines ?? 5_000;
  const jurisdictions = Math.min(options.jurisdictions ?? 10, mines);
  const date = options.date ?? DEFAULT_DATE;
  const nextDay = addDays(date, 1);
  const log = options.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-credit-'));
  let dynamo: DynamoDbLocal | undefined;
  let runtime: LocalRuntime | undefined;
  try {
    ({ dynamo, runtime } = await startBenchRuntime(dataDir));
    const db = runtime.db;

    // Seed (not timed), through the runtime's own client so the handlers' counter sees none of it.
    const seedStart = performance.now();
    const planted = emptyPlanted();
    let lastShown = 0;
    const seedItems = await writeAll(
      db,
      allCreditItems({
        mines,
        jurisdictions,
        asOf: date,
        at: new Date().toISOString(),
        days: [date, nextDay],
        planted,
      }),
      {
        concurrency: SEED_CONCURRENCY,
        onProgress: (n) => {
          if (n - lastShown < 25_000) return;
          lastShown = n;
          log(`  seeding… ${grouped(n)} items`);
        },
      },
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(
      `  seeded ${grouped(seedItems)} items (${grouped(planted.records)} on the credit index) in ${seedSeconds.toFixed(1)} s (not timed)`,
    );
    await warmUp(db, Math.min(mines, WARM_UP_MINES), date);

    const counter = countRequests(dbFromEnv().doc);
    const timer = timeRequests(dbFromEnv().doc);
    const plan: { label: RunLabel; date: string }[] = [
      { label: 'first', date },
      { label: 'again', date },
      ...(options.noNextDay ? [] : [{ label: 'next day' as const, date: nextDay }]),
    ];
    const runs: CreditRunResult[] = [];
    let previousDay: string | undefined;
    for (const { label, date: day } of plan) {
      const province = gsi1.notificationsOfProvince(jurisdictionPath(0));
      const notificationsBefore = await countIndex(db, province);
      const blacklistBefore = await countIndex(db, gsi1.blacklistOfProvince(jurisdictionPath(0)));
      const deliveredBefore = runtime.queue.stats()[creditClassificationQueue.name]!;
      counter.reset();
      timer.reset();
      await settleProcess(dynamo.pid);
      const machineBefore = machineCpuMark();
      const dynamoCpuBefore = processCpuSeconds(dynamo.pid);
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const running = runtime;
      // The first run profiled when asked: every mine new, the run the goal is about.
      const planResult = (await profiled(label === 'first' ? options.cpuProf : undefined, () =>
        running.runJob(JOB, day),
      )) as { chunks: number };
      const seconds = (performance.now() - start) / 1000;
      const cpuUsed = process.cpuUsage(cpuBefore);
      const dynamoCpuAfter = processCpuSeconds(dynamo.pid);
      const machineAfter = machineCpuMark();
      const requests = counter.counts();
      const latency = timer.stats();
      const peakInFlight = timer.peakInFlight();
      const queueAfter = runtime.queue.stats()[creditClassificationQueue.name]!;

      const replacedDay = previousDay !== undefined && previousDay < day ? previousDay : null;
      const expectedSnapshots = replacedDay === null ? 0 : mines;
      const stored = await storedCredit(db, mines, day, replacedDay ?? day);
      const expected = planted.expected[day]!;
      const before = previousDay === undefined || previousDay === day ? undefined : planted.expected[previousDay];
      const expectedChanges = before ? expected.filter((t, i) => t !== before[i]).length : 0;
      // A mine that reaches D is proposed once: on its first classification, or on the day it drops to D.
      const expectedProposals =
        label === 'again' ? 0 : expected.filter((t, i) => t === 'D' && before?.[i] !== 'D').length;
      const newNotifications = (await countIndex(db, province)) - notificationsBefore;
      const newBlacklistProposals =
        (await countIndex(db, gsi1.blacklistOfProvince(jurisdictionPath(0)))) - blacklistBefore;
      const totalRequests = Object.values(requests).reduce((a, b) => a + b, 0);
      const scans = requests.Scan ?? 0;
      const failedDeliveries = queueAfter.failed - deliveredBefore.failed;
      const deadLetters = runtime.queue.deadLetters(creditClassificationQueue.name).length;
      const mismatches = stored.currents.filter((c) => c.tier !== expected[mineIndex(c.mineId)]).length;
      const run: CreditRunResult = {
        label,
        date: day,
        seconds,
        chunks: planResult.chunks,
        requests,
        totalRequests,
        perMine: totalRequests / mines,
        scans,
        latency,
        avgInFlight: Object.values(latency).reduce((n, l) => n + l.totalMs, 0) / (seconds * 1000),
        peakInFlight,
        classified: stored.currents.length,
        snapshots: stored.snapshots,
        expectedSnapshots,
        tiers: tally(stored.currents.map((c) => c.tier)),
        mismatches,
        tierChanges: stored.currents.filter((c) => c.previousTier !== null && c.previousTier !== c.tier).length,
        expectedChanges,
        newNotifications,
        newBlacklistProposals,
        expectedProposals,
        failedDeliveries,
        deadLetters,
        cpu: {
          node: (cpuUsed.user + cpuUsed.system) / 1e6,
          dynamoDbLocal: dynamoCpuBefore === null || dynamoCpuAfter === null ? null : dynamoCpuAfter - dynamoCpuBefore,
        },
        machine: machineShare(
          machineBefore,
          machineAfter,
          (cpuUsed.user + cpuUsed.system) / 1e6 + (dynamoCpuAfter ?? 0) - (dynamoCpuBefore ?? 0),
        ),
        pass:
          scans === 0 &&
          stored.currents.length === mines &&
          stored.snapshots === expectedSnapshots &&
          mismatches === 0 &&
          failedDeliveries === 0 &&
          deadLetters === 0 &&
          newNotifications === expectedChanges &&
          newBlacklistProposals === expectedProposals &&
          (label !== 'first' || seconds <= GOAL_SECONDS),
      };
      runs.push(run);
      log(
        `  ${label} run (${day}): ${seconds.toFixed(1)} s, ${grouped(totalRequests)} requests, ${newNotifications} new notifications, ${newBlacklistProposals} blacklist proposals`,
      );
      previousDay = day;
    }
    counter.remove();
    timer.remove();

    return {
      mines,
      jurisdictions,
      date,
      seedItems,
      seedRecords: planted.records,
      seedSeconds,
      byEntity: planted.byEntity,
      risk: planted.risk,
      triggers: planted.triggers,
      runs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      cores: availableParallelism(),
      wallSeconds: (performance.now() - benchStart) / 1000,
      goals: { seconds: GOAL_SECONDS, scans: 0 },
      pass: runs.every((r) => r.pass),
    };
  } finally {
    await runtime?.stop();
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same reads a chunk makes, for a few mines, through the runtime's client (not counted, writes nothing). */
async function warmUp(db: Db, mines: number, asOf: string): Promise<void> {
  const from = creditWindowStart(asOf, DEFAULT_CREDIT_POLICY);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < mines) {
      const mineId = mineIdOf(next++);
      await Promise.all([
        batchGet(db, [
          { PK: pk.mine(mineId), SK: sk.profile },
          { PK: pk.mine(mineId), SK: sk.creditCurrent },
          lastInspectionKey(mineId),
        ]),
        queryAll(db, { index: 'GSI3', partition: gsi3.creditOf(mineId), between: [from, '~'] }),
      ]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** The stored current classifications of the day (by the jurisdictions' index) and how many snapshots of `snapshotDay` exist. */
async function storedCredit(
  db: Db,
  mines: number,
  day: string,
  snapshotDay: string,
): Promise<{ currents: StoredCredit[]; snapshots: number }> {
  const all = await queryAll<StoredCredit>(db, {
    index: 'GSI1',
    partition: gsi1.creditOfProvince(jurisdictionPath(0)),
    beginsWith: 'bench/',
  });
  const currents = all.filter((c) => c.asOf === day);
  const snapshots = await batchGet<{ mineId: string }>(
    db,
    Array.from({ length: mines }, (_, i) => ({ PK: pk.mine(mineIdOf(i)), SK: sk.creditSnapshot(snapshotDay) })),
  );
  return { currents, snapshots: snapshots.length };
}

/** Items in one GSI1 partition (the bench's one province), counted without reading them. */
async function countIndex(db: Db, partition: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const mineIdOf = (index: number): string => `bench-m${String(index).padStart(5, '0')}`;
const mineIndex = (mineId: string): number => Number(mineId.slice('bench-m'.length));
const tally = (xs: readonly string[]): Record<string, number> =>
  xs.reduce<Record<string, number>>((acc, x) => {
    acc[x] = (acc[x] ?? 0) + 1;
    return acc;
  }, {});
const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const listed = (c: Record<string, number>, order?: readonly string[]): string =>
  (order ? order.filter((k) => k in c).map((k) => [k, c[k]!] as const) : Object.entries(c).sort((a, b) => b[1] - a[1]))
    .map(([k, n]) => `${k} ${grouped(n)}`)
    .join(', ');

export function printCreditClassificationBench(r: CreditClassificationBenchResult): void {
  const first = r.runs[0]!;
  console.log(
    `credit classification job: ${grouped(r.mines)} synthetic mines over ${r.jurisdictions} jurisdictions, ` +
      `${(r.seedRecords / r.mines).toFixed(1)} credit records each over the year before ${r.date}, on the local runtime ` +
      `(DynamoDB Local in memory, in-process queue): run, same day again${r.runs.some((x) => x.label === 'next day') ? ', next day' : ''}`,
  );
  const again = r.runs.find((x) => x.label === 'again');
  const columns = r.runs.map((x) =>
    x.label === 'first' ? `first (${x.date})` : x.label === 'again' ? 'same day again' : `next day`,
  );
  const rows: [string, ...string[]][] = [
    ['job time', ...r.runs.map((x) => `${x.seconds.toFixed(1)} s`)],
    ['mines/s', ...r.runs.map((x) => grouped(r.mines / x.seconds))],
    ['requests per mine', ...r.runs.map((x) => `${x.perMine.toFixed(2)} (${grouped(x.totalRequests)})`)],
    ['Scan requests', ...r.runs.map((x) => String(x.scans))],
    [
      'classified / snapshots of the day replaced',
      ...r.runs.map((x) => `${grouped(x.classified)} / ${grouped(x.snapshots)}`),
    ],
    ['tiers unlike the model', ...r.runs.map((x) => String(x.mismatches))],
    ['tier changes (expected)', ...r.runs.map((x) => `${grouped(x.tierChanges)} (${grouped(x.expectedChanges)})`)],
    ['new notifications', ...r.runs.map((x) => grouped(x.newNotifications))],
    [
      'blacklist proposals (expected)',
      ...r.runs.map((x) => `${grouped(x.newBlacklistProposals)} (${grouped(x.expectedProposals)})`),
    ],
    ['result', ...r.runs.map((x) => verdict(x.pass))],
  ];
  const header: [string, ...string[]] = ['', ...columns];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    `  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')}`.trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `  tiers (first run): ${listed(first.tiers, ['A', 'B', 'C', 'D'])}; planted risk classes ${listed(r.risk)}; D triggers ${listed(r.triggers)}`,
  );
  for (const x of r.runs) {
    const ops = Object.entries(x.requests)
      .sort((a, b) => b[1] - a[1])
      .map(([op, n]) => {
        const l = x.latency[op];
        return `${op} ${grouped(n)}${l ? ` (${l.meanMs.toFixed(1)} ms mean, p95 ${l.p95Ms.toFixed(1)})` : ''}`;
      })
      .join(', ');
    console.log(
      `  ${x.label}: ${ops}; ${x.chunks} chunks, ${((x.seconds * 1000) / Math.max(1, x.chunks)).toFixed(0)} ms each; ${x.avgInFlight.toFixed(1)} requests in flight on average (peak ${x.peakInFlight})`,
    );
  }
  const cpuOf = (run: CreditRunResult) =>
    `${run.label} node ${run.cpu.node.toFixed(1)} s, DynamoDB Local ${run.cpu.dynamoDbLocal === null ? 'n/a' : `${run.cpu.dynamoDbLocal.toFixed(1)} s`}`;
  console.log(
    `  CPU: ${r.runs.map(cpuOf).join('; ')}; on ${r.cores} cores; seeding ${r.seedSeconds.toFixed(1)} s (${grouped(r.seedItems)} items, ` +
      `${grouped(r.seedRecords)} on the credit index: ${listed(r.byEntity)}; not timed); peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
  for (const x of r.runs) {
    if (x.machine) console.log(`  ${x.label} run: ${machineText(x.machine)}`);
    const note = contentionNote(x.machine);
    if (note) console.log(`  ${x.label} run: ${note}`);
  }
  console.log(
    `  first run ${first.seconds.toFixed(1)} s, goal <= ${r.goals.seconds} s: ${verdict(first.seconds <= r.goals.seconds)}; ` +
      `same day again records nothing new: ${verdict(again !== undefined && again.newNotifications === 0 && again.newBlacklistProposals === 0)}; ` +
      `section ${r.wallSeconds.toFixed(0)} s in all`,
  );
  console.log(`  credit classification job: ${verdict(r.pass)}`);
}

/** Progress and table, the bench in a child process. */
export async function runCreditClassificationBench(
  options: CreditClassificationBenchOptions = {},
): Promise<CreditClassificationBenchResult> {
  const result = await benchCreditClassification({ log: (line) => console.log(line), ...options });
  printCreditClassificationBench(result);
  return result;
}

const toArgs = (o: CreditClassificationBenchOptions): string[] => [
  ...(o.mines !== undefined ? ['--mines', String(o.mines)] : []),
  ...(o.jurisdictions !== undefined ? ['--jurisdictions', String(o.jurisdictions)] : []),
  ...(o.date !== undefined ? ['--date', o.date] : []),
  ...(o.noNextDay ? ['--no-next-day'] : []),
];

const parseArgs = (argv: readonly string[]): CreditClassificationBenchOptions => {
  const value = (name: string) => argValue(argv, name);
  const int = (name: string) => argInt(argv, name);
  const mines = int('mines');
  const jurisdictions = int('jurisdictions');
  const date = value('date');
  return {
    ...(mines ? { mines } : {}),
    ...(jurisdictions ? { jurisdictions } : {}),
    ...(date ? { date } : {}),
    ...(argv.includes('--no-next-day') ? { noNextDay: true } : {}),
    ...(argValue(argv, 'cpu-prof') ? { cpuProf: argValue(argv, 'cpu-prof') } : {}),
  };
};

/** Run directly: measure here and print; with --result-file (the child of benchCreditClassification), write the result there. */
const main = async (argv: readonly string[]): Promise<void> => {
  const options = parseArgs(argv);
  if (await answerParent(argv, (log) => measureCreditClassification({ ...options, ...(log ? { log } : {}) }))) return;
  printCreditClassificationBench(await measureCreditClassification({ ...options, log: (line) => console.log(line) }));
};

runWhenMain(import.meta.url, main);
