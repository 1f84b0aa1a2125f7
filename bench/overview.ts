/**
 * 辖区总览 at a province's scale, for `npm run bench` or `npx tsx bench/overview.ts [--mines N] [--cities N]
 * [--districts N] [--reads N]`.
 *
 * Starts DynamoDB Local (in memory) and the local runtime with an empty table, and seeds (not timed) N mines over
 * cities × districts of one province with what the overview reads: each mine's profile and credit on the
 * jurisdiction index, a pending case on every tenth mine, an open hazard on every seventh, a fine in force on every
 * fifth, and each district's report of last night's review. Then it times the refresh job (every district recomputed,
 * cities and the province rolled up) and the province's `GET /v1/overview` over HTTP, counting the DynamoDB
 * requests of each on the handlers' shared client. Goals: the read ≤ 5 requests and ≤ 300 ms. A report: it exits 0
 * when a goal is missed, non-zero only when the bench itself breaks. `npm run bench` runs it in a child process of
 * its own (bench/in-child.ts), so the handlers' shared client it builds does not outlive its DynamoDB Local.
 */
// The handlers' environment before anything imports them (no X-Ray context hook; local/lambda-env.ts).
import '#local/lambda-env.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchPut } from '#lib/store/batch.ts';
import { dbFromEnv } from '#lib/store/db.ts';
import { gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { DynamoDbLocal } from '#local/dynamodb-local.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { argInt } from './cli-args.ts';
import { answerParent, measureInChild, runWhenMain } from './in-child.ts';
import { countRequests } from './nightly/request-counter.ts';
import { startBenchRuntime } from './nightly-review.ts';

export const GOAL_REQUESTS = 5;
export const GOAL_MS = 300;
const PROVINCE = 'benchov';

export interface OverviewBenchOptions {
  readonly mines?: number;
  readonly cities?: number;
  readonly districtsPerCity?: number;
  readonly reads?: number;
}

export interface OverviewBenchResult {
  readonly mines: number;
  readonly districts: number;
  readonly seedSeconds: number;
  readonly refreshSeconds: number;
  readonly refreshRequests: Record<string, number>;
  readonly refreshWritten: number;
  readonly reads: number;
  readonly readMsMedian: number;
  readonly readMsMax: number;
  readonly readRequests: Record<string, number>;
  readonly readRequestsEach: number;
  readonly provinceMines: number;
  readonly children: number;
  readonly pass: boolean;
}

const districtPath = (j: number, perCity: number) =>
  `${PROVINCE}/c${String(Math.floor(j / perCity) + 1).padStart(2, '0')}/d${String((j % perCity) + 1).padStart(2, '0')}`;

function* seedItems(
  mines: number,
  districts: number,
  perCity: number,
  date: string,
): Generator<Record<string, unknown>> {
  const yesterday = addDays(date, -1);
  const cities = new Set<string>();
  for (let j = 0; j < districts; j++) {
    const path = districtPath(j, perCity);
    cities.add(path.slice(0, path.lastIndexOf('/')));
    yield { PK: pk.jurisdictions, SK: path, entity: 'jurisdiction', path };
    yield {
      PK: pk.jurisdiction(path),
      SK: sk.jurisdictionName,
      entity: 'jurisdictionName',
      path,
      name: `基准${j + 1}区`,
    };
  }
  for (const city of cities)
    yield {
      PK: pk.jurisdiction(city),
      SK: sk.jurisdictionName,
      entity: 'jurisdictionName',
      path: city,
      name: `基准市${city.slice(-2)}`,
    };
  const reports = new Map<string, { anomalies: { mineId: string }[]; noData: { mineId: string }[]; mines: number }>();
  for (let i = 0; i < mines; i++) {
    const mineId = `ov-m${String(i).padStart(5, '0')}`;
    const path = districtPath(i % districts, perCity);
    const status = i % 4 === 0 ? 'suspended' : 'producing';
    yield {
      PK: pk.mine(mineId),
      SK: sk.profile,
      entity: 'mine',
      GSI1PK: gsi1.minesOfProvince(path),
      GSI1SK: gsi1.mineInJurisdiction(path, mineId),
      mineId,
      name: `基准测试${i + 1}号煤矿`,
      jurisdiction: path,
      status,
    };
    yield {
      PK: pk.mine(mineId),
      SK: sk.creditCurrent,
      entity: 'creditCurrent',
      GSI1PK: gsi1.creditOfProvince(path),
      GSI1SK: gsi1.creditInJurisdiction(path, mineId),
      mineId,
      tier: 'ABCD'[i % 4],
    };
    if (i % 10 === 0) {
      const caseId = `c-${mineId}`;
      const deadline = addDays(date, (i % 7) - 3);
      yield {
        PK: pk.mine(mineId),
        SK: sk.case(caseId),
        entity: 'case',
        GSI1PK: gsi1.casesOfProvince(path),
        GSI1SK: gsi1.caseInJurisdiction(path, 'open', caseId),
        GSI2PK: gsi2.due(path),
        GSI2SK: gsi2.dueItem(deadline, 'CASE', mineId, caseId),
        caseId,
        mineId,
        status: 'open',
        deadline,
      };
    }
    if (i % 7 === 0) {
      const hazardId = `h-${mineId}`;
      const deadline = addDays(date, (i % 11) - 5);
      yield {
        PK: pk.mine(mineId),
        SK: sk.hazard(hazardId),
        entity: 'hazard',
        GSI1PK: gsi1.hazardsOfProvince(path),
        GSI1SK: gsi1.hazardInJurisdiction(path, 'rectifying', hazardId),
        GSI2PK: gsi2.due(path),
        GSI2SK: gsi2.dueItem(deadline, 'HAZARD', mineId, hazardId),
        hazardId,
        mineId,
        status: 'rectifying',
        level: i % 21 === 0 ? 'major' : 'general',
        deadline,
      };
    }
    if (i % 5 === 0) {
      const penaltyId = `p-${mineId}`;
      yield {
        PK: pk.mine(mineId),
        SK: sk.penalty(penaltyId),
        entity: 'penalty',
        GSI1PK: gsi1.penaltiesOfProvince(path),
        GSI1SK: gsi1.penaltyInJurisdiction(path, penaltyId),
        penaltyId,
        mineId,
        status: 'effective',
        kind: 'fine',
        effectiveOn: addDays(date, -(i % 40)),
        amountYuan: 10_000 * ((i % 5) + 1),
      };
    }
    const report = reports.get(path) ?? { anomalies: [], noData: [], mines: 0 };
    report.mines += 1;
    if (i % 50 === 3) report.anomalies.push({ mineId });
    if (i % 80 === 7) report.noData.push({ mineId });
    reports.set(path, report);
  }
  for (const [path, r] of reports)
    yield {
      PK: pk.jurisdiction(path),
      SK: sk.powerReport(yesterday),
      entity: 'powerReport',
      date: yesterday,
      jurisdiction: path,
      ...r,
    };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The bench in a child process of its own (see bench/in-child.ts). */
export const benchOverview = (options: OverviewBenchOptions = {}): Promise<OverviewBenchResult> =>
  measureInChild<OverviewBenchResult>(import.meta.url, toArgs(options), { what: 'overview', progress: false });

/** The bench in this process; once per process (the handlers' shared client keeps the first DynamoDB Local). */
async function measureOverview(options: OverviewBenchOptions = {}): Promise<OverviewBenchResult> {
  const mines = options.mines ?? 5_000;
  const perCity = options.districtsPerCity ?? 10;
  const districts = (options.cities ?? 5) * perCity;
  const reads = options.reads ?? 20;
  const date = todayInShanghai();
  const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-overview-'));
  let dynamo: DynamoDbLocal | undefined;
  let runtime: LocalRuntime | undefined;
  try {
    ({ dynamo, runtime } = await startBenchRuntime(dataDir, { scheduler: false }));
    const seedStart = performance.now();
    const items = [...seedItems(mines, districts, perCity, date)];
    const chunk = 500;
    const slices: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += chunk) slices.push(items.slice(i, i + chunk));
    for (let i = 0; i < slices.length; i += 8)
      await Promise.all(slices.slice(i, i + 8).map((s) => batchPut(runtime!.db, s)));
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const counter = countRequests(dbFromEnv().doc);
    const refreshStart = performance.now();
    const refresh = (await runtime.runJob('overview-refresh', date)) as { written: number };
    const refreshSeconds = (performance.now() - refreshStart) / 1000;
    const refreshRequests = counter.counts();

    const token = await runtime.token({ role: 'bureau_admin', jurisdiction: PROVINCE, sub: 'bench-province' });
    const get = async () => {
      const res = await fetch(`${runtime!.url}/v1/overview`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET /v1/overview: ${res.status} ${await res.text()}`);
      return (await res.json()) as { figures: { mines: number }; children: unknown[] };
    };
    await get(); // warm: the handler's import and the JIT of DynamoDB Local's read path
    counter.reset();
    const times: number[] = [];
    let body: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < reads; i++) {
      const t0 = performance.now();
      body = await get();
      times.push(performance.now() - t0);
    }
    const readRequests = counter.counts();
    counter.remove();
    const readRequestsEach = counter.total() / reads;
    const readMsMedian = median(times);
    return {
      mines,
      districts,
      seedSeconds,
      refreshSeconds,
      refreshRequests,
      refreshWritten: refresh.written,
      reads,
      readMsMedian,
      readMsMax: Math.max(...times),
      readRequests,
      readRequestsEach,
      provinceMines: body?.figures.mines ?? 0,
      children: body?.children.length ?? 0,
      pass: readRequestsEach <= GOAL_REQUESTS && readMsMedian <= GOAL_MS && body?.figures.mines === mines,
    };
  } finally {
    await runtime?.stop();
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const showCounts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');

export function printOverviewBench(r: OverviewBenchResult): void {
  const refreshTotal = Object.values(r.refreshRequests).reduce((a, b) => a + b, 0);
  console.log(`\noverview: a province of ${r.mines.toLocaleString('en-US')} mines over ${r.districts} districts`);
  console.log(`  seeded in ${r.seedSeconds.toFixed(1)} s (not timed)`);
  console.log(
    `  refresh: ${r.refreshSeconds.toFixed(1)} s, ${refreshTotal} requests (${showCounts(r.refreshRequests)}), ${r.refreshWritten} items written`,
  );
  console.log(
    `  GET /v1/overview (province, ${r.children} child rows, ${r.provinceMines} mines counted) × ${r.reads}: median ${r.readMsMedian.toFixed(1)} ms, max ${r.readMsMax.toFixed(1)} ms; ${r.readRequestsEach.toFixed(1)} requests each (${showCounts(r.readRequests)})`,
  );
  console.log(`  goal ≤ ${GOAL_REQUESTS} requests and ≤ ${GOAL_MS} ms: ${r.pass ? 'PASS' : 'FAIL'}`);
}

const toArgs = (o: OverviewBenchOptions): string[] => [
  ...(o.mines !== undefined ? ['--mines', String(o.mines)] : []),
  ...(o.cities !== undefined ? ['--cities', String(o.cities)] : []),
  ...(o.districtsPerCity !== undefined ? ['--districts', String(o.districtsPerCity)] : []),
  ...(o.reads !== undefined ? ['--reads', String(o.reads)] : []),
];

const parseArgs = (argv: readonly string[]): OverviewBenchOptions => {
  const mines = argInt(argv, 'mines');
  const cities = argInt(argv, 'cities');
  const districtsPerCity = argInt(argv, 'districts');
  const reads = argInt(argv, 'reads');
  return {
    ...(mines !== undefined ? { mines } : {}),
    ...(cities !== undefined ? { cities } : {}),
    ...(districtsPerCity !== undefined ? { districtsPerCity } : {}),
    ...(reads !== undefined ? { reads } : {}),
  };
};

runWhenMain(import.meta.url, async (argv) => {
  const options = parseArgs(argv);
  if (await answerParent(argv, () => measureOverview(options))) return;
  printOverviewBench(await measureOverview(options));
});
