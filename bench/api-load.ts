/**
 * The API under load, for `npm run bench` (`benchApiLoad`) or
 * `npx tsx bench/api-load.ts [--seconds 30] [--warm 10] [--rate 200] [--users 50] [--mines 1000] [--jurisdictions 50] [--cpu-prof]`.
 *
 * A server process (bench/api-load/serve.ts) starts DynamoDB Local in memory and the local runtime on a fresh
 * table, seeds a province of synthetic mines over 50 districts of 10 cities, runs last night's electricity review
 * and credit classification, and registers one bureau user per jurisdiction (40 districts, 10 cities). This process
 * then drives the same load for 10 s, not counted (the JITs of the runtime and of DynamoDB Local warm, as a service
 * that has been taking this load is), and then the measured open-loop load: request k is due at k / rate seconds whatever the earlier answers did, and its
 * latency counts from that due time, so a server that falls behind shows as latency, not as a lower rate. Requests
 * go round-robin over the users (each user an even share of the rate) and over the reads its dashboard makes (READS:
 * a city's overview page is its figures and ranking alone, without a district's list of deadlines), picked by weight
 * with a seeded generator. Node's fetch keeps its connections alive.
 *
 * Every request is authenticated, so each takes one from its caller's and its jurisdiction's rate; the printout says
 * what share of the limits each user uses. A 429, any other non-2xx answer, a network error and a request without an
 * answer after 10 s are errors. Goal: p99 <= 100 ms and no error. It is a report: it exits 0 when the goal is missed.
 * `--cpu-prof` writes a V8 CPU profile of the server process during the load into bench/out/, for finding where
 * the time goes.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { levelOf } from '#lib/overview/overview-item.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '#lib/policies/rate-policy.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { fnv1a, mulberry32 } from '#local/seed/prng.ts';
import type { CpuMark, DriverMessage, LoadUser, ServeOptions, ServerMessage } from './api-load/serve.ts';
import { argInt, argValue } from './cli-args.ts';
import { answerParent, measureInChild, runWhenMain, typeScriptLoader } from './in-child.ts';
import { contentionNote, type MachineShare, machineCpuMark, machineShare, machineText } from './machine-cpu.ts';

export const GOAL_P99_MS = 100;
export const GOAL_RATE = 200;
const DEFAULT_DATE = '2026-11-28';
const REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_WARM_SECONDS = 10;
const HERE = dirname(fileURLToPath(import.meta.url));

export interface ApiLoadOptions {
  readonly seconds?: number;
  /** Seconds of the same load before the measured run, not counted (both processes' JITs warm, as in service). */
  readonly warmSeconds?: number;
  readonly rate?: number;
  readonly users?: number;
  readonly mines?: number;
  readonly jurisdictions?: number;
  readonly date?: string;
  /** Days of readings before the reviewed day; by default what the mine file's chart shows. */
  readonly days?: number;
  /** Write a CPU profile of the server process to bench/out/. */
  readonly cpuProf?: boolean;
  readonly log?: (line: string) => void;
}

export interface RouteStats {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Errors by kind: an HTTP status, `network` or `timeout`. */
  readonly errors: Record<string, number>;
  /** Unloaded, one request at a time before the load: DynamoDB requests per call and the median latency. */
  readonly dynamoPerCall?: number;
  /** Unloaded: kilobytes of DynamoDB responses per call, which both DynamoDB Local and the handler parse. */
  readonly dynamoKbPerCall?: number;
  /** Unloaded: CPU ms per call of the server process and of DynamoDB Local, where each read's cost lies. */
  readonly serverCpuMs?: number;
  readonly dynamoCpuMs?: number | null;
  readonly idleMs?: number;
}

export interface ApiLoadResult {
  readonly seconds: number;
  readonly warmSeconds: number;
  readonly rate: number;
  readonly users: number;
  readonly mines: number;
  readonly jurisdictions: number;
  readonly scopes: { readonly districts: number; readonly cities: number };
  readonly perUserRate: number;
  readonly limits: RateLimits;
  readonly sent: number;
  /** Requests answered with any status (not a timeout, not a network error): the work the server did. */
  readonly answered: number;
  /** Wall time from the first due time to the last answer. */
  readonly wallSeconds: number;
  /** How late the driver sent requests (its own lag, not the server's): p99 and max, ms. */
  readonly sendLagP99: number;
  readonly sendLagMax: number;
  readonly all: RouteStats;
  readonly routes: Record<string, RouteStats>;
  readonly setup: { readonly seedItems: number; readonly seedSeconds: number; readonly jobSeconds: number };
  readonly cpu: { readonly server: number; readonly dynamoDbLocal: number | null; readonly driver: number };
  /** The handlers' DynamoDB requests during the load, by operation. */
  readonly dynamoRequests: Record<string, number>;
  readonly cores: number;
  /** The whole machine during the load: what else ran beside the three processes (null off Linux). */
  readonly machine: MachineShare | null;
  readonly profile?: string;
  readonly pass: boolean;
}

/** One of the dashboard's reads: its weight in the mix and the path it asks for a user. */
interface ReadKind {
  readonly name: string;
  readonly weight: number;
  readonly path: (user: LoadUser, pick: () => number, date: string) => string;
  /** Asked only by a district's own overview page: a city's or a province's is its figures and ranking alone. */
  readonly districtPage?: true;
}

/**
 * Whether the user's dashboard makes this read: the overview page of a city or a province user shows the figures
 * and the ranking of its children (web/src/pages/overview.tsx), so it never asks for the district page's deadlines.
 */
const seesDistrictPage = (user: Pick<LoadUser, 'jurisdiction'>): boolean => levelOf(user.jurisdiction) === 'district';

export const asks = (user: Pick<LoadUser, 'jurisdiction'>, read: ReadKind): boolean =>
  !read.districtPage || seesDistrictPage(user);

const mineOf = (user: LoadUser, pick: () => number): string =>
  encodeURIComponent(user.mineIds[Math.floor(pick() * user.mineIds.length)] ?? 'none');

/** The days the mine file's charts show (web/src/pages/mine/mine-file.ts CHART_DAYS), up to the reviewed day. */
const CHART_DAYS = 90;

/**
 * The reads a mine's file (一矿一档, web/src/pages/mine/mine-file.ts) makes side by side whenever it opens, each at
 * the page's weight: its record, the registers (licences, periodic duties, key persons, certificates, equipment),
 * its credit, and the charts' 90 days of electricity, reviews and the other witnesses with the headcount limits.
 */
const mineFilePage = (weight: number): ReadKind[] => {
  const days = (date: string) => `from=${addDays(date, 1 - CHART_DAYS)}&to=${date}`;
  const part = (name: string, tail: (date: string) => string): ReadKind => ({
    name,
    weight,
    path: (u, p, date) => `/v1/mines/${mineOf(u, p)}/${tail(date)}`,
  });
  return [
    part('mine record', () => 'record'),
    part('mine licences', () => 'licences'),
    part('mine duties', () => 'periodic-duties'),
    part('mine persons', () => 'persons'),
    part('mine certificates', () => 'certificates'),
    part('mine equipment', () => 'equipment'),
    part('mine credit', () => 'credit'),
    part('mine electricity', (date) => `power-readings?${days(date)}`),
    part('mine reviews', (date) => `power-reviews?${days(date)}`),
    part('mine monitoring', (date) => `monitoring?${days(date)}`),
    part('mine headcount', () => 'headcount-limits'),
  ];
};

/**
 * The reads of the dashboard's pages as they load today, weighted by how often an officer opens each: the overview
 * (its figures; on a district's page also what falls due over the window it shows and the blacklist card, whose
 * read a city's officer still makes from the blacklist page), the inbox count every page's menu asks for, last
 * night's review and its mines, the mines and credit lists, open cases, hazards being rectified, a mine's profile
 * (the pages that work on one mine name it) and the eleven reads of a mine's file. Each asks what its page asks (the
 * same limits and windows).
 */
export const READS: readonly ReadKind[] = [
  { name: 'overview', weight: 12, path: () => '/v1/overview' },
  {
    name: 'deadlines',
    weight: 12,
    path: (_u, _p, date) => `/v1/deadlines?from=${addDays(date, -335)}&to=${addDays(date, 30)}`,
    districtPage: true,
  },
  { name: 'blacklist', weight: 6, path: () => '/v1/blacklist?limit=200' },
  { name: 'unread count', weight: 14, path: () => '/v1/me/notifications?unread=true&limit=0' },
  { name: 'review of the day', weight: 8, path: (_u, _p, date) => `/v1/power-reviews/${date}` },
  { name: 'review, mines', weight: 6, path: (_u, _p, date) => `/v1/power-reviews/${date}/mines?limit=200` },
  { name: 'mines list', weight: 8, path: () => '/v1/mines?limit=200' },
  { name: 'credit list', weight: 8, path: () => '/v1/credit?limit=200' },
  { name: 'open cases', weight: 6, path: () => '/v1/cases?status=open&limit=200' },
  { name: 'hazards', weight: 6, path: () => '/v1/hazards?status=rectifying&limit=200' },
  { name: 'mine profile', weight: 3, path: (u, p) => `/v1/mines/${mineOf(u, p)}` },
  ...mineFilePage(8),
];

/** A read kind drawn by weight among `reads`. */
const chooser = (pick: () => number, reads: readonly ReadKind[]): (() => ReadKind) => {
  const total = reads.reduce((s, r) => s + r.weight, 0);
  return () => {
    let x = pick() * total;
    for (const r of reads) {
      x -= r.weight;
      if (x < 0) return r;
    }
    return reads.at(-1)!;
  };
};

/** For each user, its next read drawn by weight among those its dashboard makes. */
export const readChooser = (pick: () => number): ((user: Pick<LoadUser, 'jurisdiction'>) => ReadKind) => {
  const district = chooser(pick, READS);
  const above = chooser(
    pick,
    READS.filter((r) => !r.districtPage),
  );
  return (user) => (seesDistrictPage(user) ? district : above)();
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const statsOf = (latencies: number[], errors: Record<string, number>): RouteStats => {
  const s = [...latencies].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    p99: quantile(s, 0.99),
    max: s.at(-1) ?? 0,
    errors,
  };
};

interface Sample {
  readonly kind: string;
  readonly ms: number;
  readonly error?: string;
}

/** One request, timed from its due time; the body is read to its end. */
async function call(url: string, token: string, due: number): Promise<{ ms: number; error?: string }> {
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const ms = performance.now() - due;
    return res.ok ? { ms } : { ms, error: String(res.status) };
  } catch (error) {
    const name = (error as Error).name;
    return { ms: performance.now() - due, error: name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

/**
 * The open-loop driver: `rate × seconds` requests, each sent at its due time (a timer wakes for the next one; any
 * already due go out at once), none waiting for another.
 */
export async function drive(options: {
  readonly url: string;
  readonly users: readonly LoadUser[];
  readonly rate: number;
  readonly seconds: number;
  readonly date: string;
  readonly seed?: string;
}): Promise<{ samples: Sample[]; lags: number[]; wallSeconds: number }> {
  const pick = mulberry32(fnv1a(options.seed ?? 'api-load'));
  const nextKind = readChooser(pick);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const samples: Sample[] = [];
  const lags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 20;
  for (let k = 0; k < total; ) {
    const now = performance.now();
    for (; k < total && start + k * interval <= now; k++) {
      const due = start + k * interval;
      const user = options.users[k % options.users.length]!;
      const kind = nextKind(user);
      lags.push(now - due);
      inFlight.push(
        call(`${options.url}${kind.path(user, pick, options.date)}`, user.token, due).then(
          (r) => void samples.push({ kind: kind.name, ...r }),
        ),
      );
    }
    if (k < total) await new Promise((r) => setTimeout(r, Math.max(0, start + k * interval - performance.now())));
  }
  await Promise.all(inFlight);
  return { samples, lags, wallSeconds: (performance.now() - start) / 1000 };
}

/** Each user once on each read (a few at a time): the handlers imported, the JITs of both processes warm. */
async function warmUp(url: string, users: readonly LoadUser[], date: string): Promise<void> {
  const pick = mulberry32(fnv1a('api-load-warm-up'));
  const jobs = users.flatMap((u) =>
    READS.filter((r) => asks(u, r)).map(
      (r) => () => call(`${url}${r.path(u, pick, date)}`, u.token, performance.now()),
    ),
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

type Probed = Required<
  Pick<RouteStats, 'dynamoPerCall' | 'dynamoKbPerCall' | 'idleMs' | 'serverCpuMs' | 'dynamoCpuMs'>
>;

/**
 * Each read alone, one request at a time for a few users, before the load: its DynamoDB requests per call and its
 * latency on an idle server, so the table shows what each read costs apart from the queueing under load.
 */
async function probe(
  child: ChildProcess,
  url: string,
  users: readonly LoadUser[],
  date: string,
): Promise<Record<string, Probed>> {
  const pick = mulberry32(fnv1a('api-load-probe'));
  const out: Record<string, Probed> = {};
  for (const read of READS) {
    // Every user whose dashboard makes it, once: enough calls for the CPU clocks (10 ms ticks) to tell one read from
    // another.
    const sample = users.filter((u) => asks(u, read));
    const before = (await request(child, { type: 'cpu' })) as CpuMark;
    const times: number[] = [];
    for (const u of sample)
      times.push((await call(`${url}${read.path(u, pick, date)}`, u.token, performance.now())).ms);
    const mark = (await request(child, { type: 'cpu' })) as CpuMark;
    const n = Object.values(mark.requests).reduce((a, b) => a + b, 0);
    out[read.name] = {
      dynamoPerCall: n / sample.length,
      dynamoKbPerCall: mark.bytes / 1024 / sample.length,
      serverCpuMs: ((mark.node - before.node) * 1000) / sample.length,
      dynamoCpuMs:
        mark.dynamoDbLocal === null || before.dynamoDbLocal === null
          ? null
          : ((mark.dynamoDbLocal - before.dynamoDbLocal) * 1000) / sample.length,
      idleMs: quantile(
        times.sort((a, b) => a - b),
        0.5,
      ),
    };
  }
  return out;
}

/** The server's next message (after sending `message`, if any). */
const request = (child: ChildProcess, message?: DriverMessage): Promise<ServerMessage> =>
  new Promise((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the server process exited (${code})`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });

/** Starts the server process, drives the load, stops the server; the figures. */
/**
 * The bench with its driver in a child process of its own (bench/in-child.ts), as `npm run bench` runs it: the
 * driver's latencies are measured on a fresh event loop and heap, not on a process that has run other benches (a
 * bulk import's 100,000 rows) before.
 */
export const benchApiLoad = (options: Omit<ApiLoadOptions, 'log'> & { readonly progress?: boolean } = {}) =>
  measureInChild<ApiLoadResult>(import.meta.url, toArgs(options), {
    what: 'API load',
    progress: options.progress ?? false,
  });

/** The bench with its driver in this process. */
async function measureApiLoad(options: ApiLoadOptions = {}): Promise<ApiLoadResult> {
  const seconds = options.seconds ?? 30;
  const warmSeconds = options.warmSeconds ?? DEFAULT_WARM_SECONDS;
  const rate = options.rate ?? GOAL_RATE;
  const userCount = options.users ?? 50;
  const mines = options.mines ?? 1000;
  const jurisdictions = options.jurisdictions ?? 50;
  const date = options.date ?? DEFAULT_DATE;
  const log = options.log ?? (() => {});
  const serve: ServeOptions = { mines, jurisdictions, users: userCount, date, days: options.days ?? CHART_DAYS };
  const outDir = join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  const profileFile = join(outDir, `api-load-server-${Date.now()}.cpuprofile`);
  const loader = typeScriptLoader();
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(serve)], {
    execArgv: loader,
    // The handlers' log lines stay out of the report (errors count by status); the end of stderr is shown if the
    // server process fails.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    log(`  seeding ${mines} mines over ${jurisdictions} districts, running last night's review and credit tiers…`);
    const ready = await request(child);
    if (ready.type !== 'ready')
      throw new Error(ready.type === 'failed' ? `${ready.message}\n${stderr}` : 'unexpected message');
    const { users } = ready;
    await warmUp(ready.url, users, date);
    // The same load first, its answers awaited and not counted: a service takes this load warm.
    if (warmSeconds > 0)
      await drive({ url: ready.url, users, rate, seconds: warmSeconds, date, seed: 'api-load-warm' });
    const probed = await probe(child, ready.url, users, date);

    const cpuBefore = (await request(child, options.cpuProf ? { type: 'profile' } : { type: 'cpu' })) as CpuMark;
    const machineBefore = machineCpuMark();
    const driverBefore = process.cpuUsage();
    const { samples, lags, wallSeconds } = await drive({ url: ready.url, users, rate, seconds, date });
    const driverCpu = process.cpuUsage(driverBefore);
    const machineAfter = machineCpuMark();
    const cpuAfter = (await request(
      child,
      options.cpuProf ? { type: 'profile', file: profileFile } : { type: 'cpu' },
    )) as CpuMark;

    const byRoute = new Map<string, { ms: number[]; errors: Record<string, number> }>();
    const allErrors: Record<string, number> = {};
    for (const s of samples) {
      const r = byRoute.get(s.kind) ?? { ms: [], errors: {} };
      r.ms.push(s.ms);
      if (s.error) {
        r.errors[s.error] = (r.errors[s.error] ?? 0) + 1;
        allErrors[s.error] = (allErrors[s.error] ?? 0) + 1;
      }
      byRoute.set(s.kind, r);
    }
    const routes: Record<string, RouteStats> = {};
    for (const read of READS) {
      const r = byRoute.get(read.name);
      if (r) routes[read.name] = { ...statsOf(r.ms, r.errors), ...probed[read.name] };
    }
    const all = statsOf(
      samples.map((s) => s.ms),
      allErrors,
    );
    const sortedLags = lags.sort((a, b) => a - b);
    const cpu = {
      server: cpuAfter.node - cpuBefore.node,
      dynamoDbLocal:
        cpuAfter.dynamoDbLocal === null || cpuBefore.dynamoDbLocal === null
          ? null
          : cpuAfter.dynamoDbLocal - cpuBefore.dynamoDbLocal,
      driver: (driverCpu.user + driverCpu.system) / 1e6,
    };
    const errorCount = Object.values(allErrors).reduce((a, b) => a + b, 0);
    const cities = users.filter((u) => u.jurisdiction.split('/').length === 2).length;
    return {
      seconds,
      warmSeconds,
      rate,
      users: users.length,
      mines,
      jurisdictions,
      scopes: { districts: users.length - cities, cities },
      perUserRate: rate / users.length,
      limits: DEFAULT_RATE_LIMITS,
      sent: samples.length,
      answered: samples.filter((x) => x.error !== 'timeout' && x.error !== 'network').length,
      wallSeconds,
      sendLagP99: quantile(sortedLags, 0.99),
      sendLagMax: sortedLags.at(-1) ?? 0,
      all,
      routes,
      setup: { seedItems: ready.seedItems, seedSeconds: ready.seedSeconds, jobSeconds: ready.jobSeconds },
      cpu,
      dynamoRequests: cpuAfter.requests,
      cores: availableParallelism(),
      machine: machineShare(machineBefore, machineAfter, cpu.server + (cpu.dynamoDbLocal ?? 0) + cpu.driver),
      ...(options.cpuProf ? { profile: relative(process.cwd(), profileFile) } : {}),
      pass: all.p99 <= GOAL_P99_MS && errorCount === 0,
    };
  } finally {
    if (child.connected) child.send({ type: 'stop' } satisfies DriverMessage);
    await exited;
  }
}

const ms = (x: number): string => `${x.toFixed(1)}`;
const errorsText = (e: Record<string, number>): string =>
  Object.keys(e).length === 0
    ? '0'
    : Object.entries(e)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');

export function printApiLoad(r: ApiLoadResult): void {
  const { caller, jurisdiction } = r.limits;
  console.log(
    `API under load: ${r.rate} requests/s for ${r.seconds} s (open loop, after ${r.warmSeconds} s of the same not counted) from ${r.users} bureau users ` +
      `(${r.scopes.districts} districts, ${r.scopes.cities} cities) over ${r.mines} mines in ${r.jurisdictions} districts`,
  );
  console.log(
    `  per user ${r.perUserRate.toFixed(1)} requests/s, each in a jurisdiction of its own: the default limits are ` +
      `${caller.perSecond}/s (burst ${caller.burst}) per caller and ${jurisdiction.perSecond}/s (burst ${jurisdiction.burst}) per jurisdiction`,
  );
  console.log(
    `  each user draws the reads its dashboard makes: a city's overview page shows its figures and the ranking of its ` +
      `districts, so only district users ask for the ${READS.filter((x) => x.districtPage)
        .map((x) => x.name)
        .join(', ')}`,
  );
  if (r.perUserRate > caller.perSecond)
    console.log('  note: each user sends more than its caller limit: expect 429s (fewer requests/s or more users)');
  const header = [
    'read',
    'requests',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'errors',
    'idle ms',
    'ddb/call',
    'ddb kB/call',
    'cpu ms: node',
    'ddb local',
  ];
  const rows = [...Object.entries(r.routes).map(([name, s]) => [name, s]), ['all', r.all]] as Array<
    [string, RouteStats]
  >;
  const cells = rows.map(([name, s]) => [
    name,
    String(s.count),
    ms(s.p50),
    ms(s.p90),
    ms(s.p99),
    ms(s.max),
    errorsText(s.errors),
    s.idleMs === undefined ? '' : ms(s.idleMs),
    s.dynamoPerCall === undefined ? '' : s.dynamoPerCall.toFixed(1),
    s.dynamoKbPerCall === undefined ? '' : s.dynamoKbPerCall.toFixed(1),
    s.serverCpuMs === undefined ? '' : s.serverCpuMs.toFixed(1),
    s.dynamoCpuMs === undefined || s.dynamoCpuMs === null ? '' : s.dynamoCpuMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `  ${c.map((x, i) => (i === 0 || i === 6 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ')}`;
  console.log(line(header));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const c of cells) console.log(line(c));
  const errorCount = Object.values(r.all.errors).reduce((a, b) => a + b, 0);
  console.log(
    `  sent ${r.sent} in ${r.wallSeconds.toFixed(1)} s (${(r.sent / r.wallSeconds).toFixed(0)}/s); ` +
      `the driver sent late by ${ms(r.sendLagP99)} ms at p99 (max ${ms(r.sendLagMax)})`,
  );
  const dynamoTotal = Object.values(r.dynamoRequests).reduce((a, b) => a + b, 0);
  console.log(
    `  DynamoDB requests: ${(dynamoTotal / Math.max(1, r.sent)).toFixed(2)} per API request (${Object.entries(
      r.dynamoRequests,
    )
      .sort((a, b) => b[1] - a[1])
      .map(([op, n]) => `${op} ${n}`)
      .join(', ')})`,
  );
  const dynamoCpu = r.cpu.dynamoDbLocal === null ? 'n/a' : `${r.cpu.dynamoDbLocal.toFixed(1)} s`;
  console.log(
    `  CPU during the load: server ${r.cpu.server.toFixed(1)} s, DynamoDB Local ${dynamoCpu}, driver ${r.cpu.driver.toFixed(1)} s; ` +
      (r.machine ? machineText(r.machine) : `on ${r.cores} cores`),
  );
  // What one answered request costs, and what the goal's rate would take of the machine at that cost.
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, r.answered);
  const costMs = perRequest(r.cpu.server) + (r.cpu.dynamoDbLocal === null ? 0 : perRequest(r.cpu.dynamoDbLocal));
  console.log(
    `  CPU per answered request (${r.answered} answered): server ${perRequest(r.cpu.server).toFixed(1)} ms` +
      `${r.cpu.dynamoDbLocal === null ? '' : ` + DynamoDB Local ${perRequest(r.cpu.dynamoDbLocal).toFixed(1)} ms`} = ${costMs.toFixed(1)} ms: ` +
      `${r.rate} requests/s take ${((r.rate * costMs) / 1000).toFixed(2)} of the ${r.cores} cores` +
      `${r.rate === GOAL_RATE ? '' : `, the goal's ${GOAL_RATE}/s would take ${((GOAL_RATE * costMs) / 1000).toFixed(2)}`}`,
  );
  // The store's own floor: what DynamoDB Local spends on one of the handlers' requests, and what the goal's rate at
  // this mix's requests per read takes of the cores in DynamoDB Local alone.
  if (r.cpu.dynamoDbLocal !== null && dynamoTotal > 0) {
    const perCall = (r.cpu.dynamoDbLocal * 1000) / dynamoTotal;
    const perRead = dynamoTotal / Math.max(1, r.sent);
    console.log(
      `  DynamoDB Local: ${perCall.toFixed(1)} ms of CPU per DynamoDB request; at ${perRead.toFixed(2)} requests per read, ` +
        `${GOAL_RATE} reads/s take ${((GOAL_RATE * perRead * perCall) / 1000).toFixed(2)} of the ${r.cores} cores in DynamoDB Local alone`,
    );
  }
  const note = contentionNote(r.machine);
  if (note) console.log(`  ${note}`);
  console.log(
    `  setup (not timed): ${r.setup.seedItems} items seeded in ${r.setup.seedSeconds.toFixed(1)} s, review and credit jobs ${r.setup.jobSeconds.toFixed(1)} s`,
  );
  if (r.profile) console.log(`  CPU profile of the server during the load: ${r.profile}`);
  console.log(
    `  API under load: ${r.pass ? 'PASS' : 'FAIL'} (p99 ${ms(r.all.p99)} ms, goal <= ${GOAL_P99_MS} ms; ${errorCount} errors, goal 0)`,
  );
}

const parseArgs = (argv: readonly string[]): ApiLoadOptions => {
  const int = (name: string) => argInt(argv, name);
  const o: Record<string, unknown> = {};
  for (const name of ['seconds', 'rate', 'users', 'mines', 'jurisdictions', 'days'] as const) {
    const v = int(name);
    if (v !== undefined) o[name] = v;
  }
  const warm = int('warm');
  if (warm !== undefined) o.warmSeconds = warm;
  const date = argValue(argv, 'date');
  if (date) o.date = date;
  if (argv.includes('--cpu-prof')) o.cpuProf = true;
  return o as ApiLoadOptions;
};

const toArgs = (o: Omit<ApiLoadOptions, 'log'>): string[] => [
  ...(['seconds', 'rate', 'users', 'mines', 'jurisdictions', 'days'] as const).flatMap((name) =>
    o[name] !== undefined ? [`--${name}`, String(o[name])] : [],
  ),
  ...(o.warmSeconds !== undefined ? ['--warm', String(o.warmSeconds)] : []),
  ...(o.date !== undefined ? ['--date', o.date] : []),
  ...(o.cpuProf ? ['--cpu-prof'] : []),
];

runWhenMain(import.meta.url, async (argv) => {
  const serveAt = argv.indexOf('--serve');
  if (serveAt >= 0) {
    const { serve } = await import('./api-load/serve.ts');
    await serve(JSON.parse(argv[serveAt + 1]!) as ServeOptions);
    return;
  }
  const options = parseArgs(argv);
  if (await answerParent(argv, (log) => measureApiLoad({ ...options, ...(log ? { log } : {}) }))) return;
  printApiLoad(await measureApiLoad({ ...options, log: (line) => console.log(line) }));
});
