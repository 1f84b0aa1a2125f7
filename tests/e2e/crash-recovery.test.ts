import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { findFreePort } from '#local/free-port.ts';
import { DEMO_MINES, demoCreditCode } from '#local/seed/demo-district.ts';
import { dynamoDbLocalOf } from '../support/dynamodb-local-processes.ts';
import { client } from '../support/local-runtime.ts';

/**
 * Nothing accepted is lost on a crash: `npm start` as a real child process (its own DynamoDB Local, on a data
 * directory of its own) answers 202 to a 600-row import and is killed with SIGKILL at once; started again on the same
 * data directory, it finishes the import from the queue's journal, every row stored once and the import's counts
 * right. The killed runtime leaves no DynamoDB Local behind.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The Java process of this run's DynamoDB Local. */
const javaOfDataDir = (): number[] => dynamoDbLocalOf(dataDir);

const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** The command of `npm start`, on this test's data directory and a port of its own; resolves once it serves. */
async function startRuntime(): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const scripts = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).scripts;
  expect(scripts.start).toBe('node --import tsx local/main.ts');
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SCHEDULER: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await until(
    'the runtime serves',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      return fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    40_000,
  );
  return { child, base, output: () => output };
}

const oldDay = (n: number) => addDays(todayInShanghai(), -150 - n);

describe('a runtime killed with SIGKILL right after it accepted an import', () => {
  it('finishes the import after a restart on the same data directory, every row once', {
    timeout: 150_000,
  }, async () => {
    const ROWS = 600;
    const first = await startRuntime();
    const inspector = /^\s+inspector\s+(eyJ\S+)/m.exec(first.output())?.[1];
    expect(inspector, first.output()).toBeDefined();

    const lines = ['creditCode,meterId,date,kwh'];
    const expected = new Map<string, number>(); // `${mineId}|${date}` → kWh
    for (let i = 0; i < ROWS; i++) {
      const mine = i % DEMO_MINES.length;
      const day = oldDay(Math.floor(i / DEMO_MINES.length));
      const kwh = 1000 + i;
      lines.push(`${demoCreditCode(mine)},main,${day},${kwh.toFixed(1)}`);
      expected.set(`${DEMO_MINES[mine]!.id}|${day}`, kwh);
    }
    const accepted = await client(first.base)('POST', '/v1/power-imports', {
      token: inspector,
      body: lines.join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    first.child.kill('SIGKILL');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const importId: string = accepted.body.importId;
    await new Promise<void>((done) =>
      first.child.exitCode !== null || first.child.signalCode ? done() : first.child.once('exit', () => done()),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    // DynamoDB Local ends with the process that started it, even one killed outright.
    await until('the killed runtime’s DynamoDB Local ends', () => javaOfDataDir().length === 0, 15_000);

    const second = await startRuntime();
    const http = client(second.base);
    let report: any;
    await until(
      'the import is done after the restart',
      async () => {
        report = (await http('GET', `/v1/power-imports/${importId}?limit=200`, { token: inspector })).body;
        return report?.status === 'done';
      },
      40_000,
    );
    expect(report).toMatchObject({ status: 'done', totalRows: ROWS, accepted: ROWS, rejected: 0 });
    expect(second.output()).toMatch(/power-import: \d+ message\(s\) recovered from the journal/);

    // Every row once: one reading per mine and day, the value sent, never revised by a second delivery.
    const found = new Map<string, number>();
    let readings = 0;
    for (const mine of DEMO_MINES) {
      const series = await http(
        'GET',
        `/v1/mines/${mine.id}/power-readings?from=${oldDay(Math.ceil(ROWS / DEMO_MINES.length))}&to=${oldDay(0)}`,
        { token: inspector },
      );
      expect(series.status).toBe(200);
      for (const day of series.body.days) {
        for (const meter of day.meters) {
          readings += 1;
          expect(meter).toMatchObject({ meterId: 'main', revision: 1 });
          found.set(`${mine.id}|${day.date}`, meter.kwh);
        }
      }
    }
    expect(readings).toBe(ROWS);
    expect(found).toEqual(expected);

    second.child.kill('SIGTERM');
    await new Promise((done) => second.child.once('exit', done));
  });
});
