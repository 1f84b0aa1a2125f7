/**
 * The server side of the API load bench, in a process of its own (bench/api-load.ts starts it with an IPC channel):
 * DynamoDB Local in memory and the local runtime on a fresh table, a province of synthetic mines over ~50 districts
 * (the nightly and credit benches' mines: profile, meter and equipment register, the days of readings asked for, by
 * default the 90 the mine file's chart shows, a year of hazards, violations, penalties and accidents), last night's
 * electricity review and credit classification run by the product's own jobs, and one bureau user per district or
 * city, registered in the user directory with a dev token. It sends the load driver what it needs (URL, users,
 * tokens, mines), answers CPU marks, and stops on `stop`.
 *
 * Kept apart from the driver so the server's event loop is the only one its latency measures, and so the handlers'
 * shared DynamoDB client (built once per process) belongs to this run alone.
 */
// The handlers' environment before anything imports them (no X-Ray context hook; local/lambda-env.ts).
import '#local/lambda-env.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '#lib/auth/roles.ts';
import { systemActor } from '#lib/store/audit.ts';
import { dbFromEnv } from '#lib/store/db.ts';
import { registerUser } from '#lib/users/directory.ts';
import type { DynamoDbLocal } from '#local/dynamodb-local.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { creditMine, creditRecordItems, profileItem } from '../credit/synthetic-credit.ts';
import { writeAll } from '../nightly/batch-writer.ts';
import { countRequests } from '../nightly/request-counter.ts';
import {
  flagsItem,
  type Item,
  jurisdictionItems,
  jurisdictionPath,
  readingItems,
  registryItems,
} from '../nightly/synthetic-mines.ts';
import { processCpuSeconds, startBenchRuntime } from '../nightly-review.ts';

export interface ServeOptions {
  readonly mines: number;
  readonly jurisdictions: number;
  readonly users: number;
  /** The reviewed day ("yesterday" of the dashboard). */
  readonly date: string;
  /** Days of readings before the reviewed day. */
  readonly days: number;
}

export interface LoadUser {
  readonly sub: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly token: string;
  /** Mines in the user's jurisdiction, for the mine-file reads. */
  readonly mineIds: readonly string[];
}

export interface CpuMark {
  /** CPU seconds of the server process (the handlers, the HTTP adapter) and of DynamoDB Local so far. */
  readonly node: number;
  readonly dynamoDbLocal: number | null;
  /** DynamoDB requests of the handlers since the previous mark, by operation. */
  readonly requests: Record<string, number>;
  /** Bytes of their responses. */
  readonly bytes: number;
}

export type ServerMessage =
  | {
      readonly type: 'ready';
      readonly url: string;
      readonly users: readonly LoadUser[];
      readonly seedItems: number;
      readonly seedSeconds: number;
      readonly jobSeconds: number;
    }
  | ({ readonly type: 'cpu' } & CpuMark)
  | { readonly type: 'failed'; readonly message: string };

export type DriverMessage =
  | { readonly type: 'cpu' }
  | { readonly type: 'stop' }
  /** Start the V8 profiler of this process, or stop it and write the profile to `file`; answered with a CPU mark. */
  | { readonly type: 'profile'; readonly file?: string };

const SEED_CONCURRENCY = 16;

/** Every item of the data set, mine after mine, generated as consumed. */
function* loadItems(o: ServeOptions, at: string): Generator<Item> {
  yield* jurisdictionItems(o.jurisdictions);
  for (let i = 0; i < o.mines; i++) {
    const m = creditMine(i, o.jurisdictions);
    // The credit bench's profile (a spread of standardisation grades) in place of the nightly bench's.
    yield profileItem(m, o.date, at);
    const register = registryItems(m, o.date, at);
    register.next();
    yield* register;
    yield flagsItem(m, o.date);
    yield* readingItems(m, o.date, o.days, at);
    yield* creditRecordItems(m, o.date);
  }
}

/**
 * The bureau users' jurisdictions: one in five a city's (bench/pNN, reading its five districts), the rest a district's
 * (bench/pNN/dMM), each user its own, so each has the rate limit of its own scope. Past the number of districts and
 * cities, scopes repeat.
 */
export function loadUserScopes(users: number, jurisdictions: number): string[] {
  const districts = Array.from({ length: jurisdictions }, (_, j) => jurisdictionPath(j));
  const cities = [...new Set(districts.map((d) => d.slice(0, d.lastIndexOf('/'))))];
  const cityUsers = Math.min(cities.length, Math.floor(users / 5));
  const scopes = [...districts.slice(0, users - cityUsers), ...cities.slice(0, cityUsers)];
  return Array.from({ length: users }, (_, u) => scopes[u % scopes.length]!);
}

const send = (message: ServerMessage): void => {
  process.send?.(message);
};

export async function serve(o: ServeOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-load-'));
  let dynamo: DynamoDbLocal | undefined;
  let runtime: LocalRuntime | undefined;
  const stop = async () => {
    await runtime?.stop().catch(() => undefined);
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    ({ dynamo, runtime } = await startBenchRuntime(dataDir));
    const at = new Date().toISOString();
    const seedStart = performance.now();
    const seedItems = await writeAll(runtime.db, loadItems(o, at), { concurrency: SEED_CONCURRENCY });
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // Last night's work, by the product's own jobs: the review of the day (and its cases), the credit tiers, the
    // overview's figures.
    const jobStart = performance.now();
    await runtime.runJob('power-review', o.date);
    await runtime.runJob('credit-classification', o.date);
    // The overview's figures, as its five-minute refresh keeps them.
    await runtime.runJob('overview-refresh', o.date);
    const jobSeconds = (performance.now() - jobStart) / 1000;

    const mineIds = Array.from({ length: o.mines }, (_, i) => creditMine(i, o.jurisdictions));
    const users: LoadUser[] = [];
    for (const [u, jurisdiction] of loadUserScopes(o.users, o.jurisdictions).entries()) {
      const sub = `bench-user-${String(u + 1).padStart(2, '0')}`;
      const role: Role = u % 3 === 2 ? 'inspector' : 'bureau_admin';
      await registerUser(runtime.db, systemActor('bench'), {
        userId: sub,
        role,
        name: `基准测试用户${u + 1}`,
        jurisdiction,
      });
      users.push({
        sub,
        role,
        jurisdiction,
        token: await runtime.token({ role, sub, jurisdiction, name: `基准测试用户${u + 1}` }),
        mineIds: mineIds
          .filter((m) => m.jurisdiction === jurisdiction || m.jurisdiction.startsWith(`${jurisdiction}/`))
          .map((m) => m.mineId),
      });
    }
    send({ type: 'ready', url: runtime.url, users, seedItems, seedSeconds, jobSeconds });
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    await stop();
    process.exit(1);
  }

  const dynamoPid = dynamo.pid;
  const counter = countRequests(dbFromEnv().doc);
  let session: Session | undefined;
  process.on('message', async (message: DriverMessage) => {
    if (message.type === 'profile') {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      } else {
        const { profile } = await session.post('Profiler.stop');
        if (message.file) writeFileSync(message.file, JSON.stringify(profile));
        session.disconnect();
        session = undefined;
      }
    }
    if (message.type === 'cpu' || message.type === 'profile') {
      const cpu = process.cpuUsage();
      const requests = counter.counts();
      const bytes = counter.bytes();
      counter.reset();
      send({
        type: 'cpu',
        node: (cpu.user + cpu.system) / 1e6,
        dynamoDbLocal: processCpuSeconds(dynamoPid),
        requests,
        bytes,
      });
    } else if (message.type === 'stop') {
      void stop().then(() => process.exit(0));
    }
  });
  // The driver gone (killed, crashed): nothing is left running.
  process.on('disconnect', () => void stop().then(() => process.exit(0)));
}
