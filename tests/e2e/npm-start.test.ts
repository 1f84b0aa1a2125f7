import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '#local/free-port.ts';
import { dynamoDbLocalOf } from '../support/dynamodb-local-processes.ts';
import { client } from '../support/local-runtime.ts';

/**
 * What a newcomer does on a fresh clone: `npm start` (its own DynamoDB Local, seeded demo district), a token from
 * `npm run token`, a few requests, Ctrl-C. Run as a real child process, Java included.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-start-'));
let child: ChildProcess | undefined;
let output = '';

/** The Java process of this run's DynamoDB Local. */
const javaOfDataDir = (): number[] => dynamoDbLocalOf(dataDir);
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const runCli = (args: string[]) =>
  execFileSync(tsx, args, { encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start on a fresh data directory', () => {
  it('serves the demo district within 30 s, answers tokens from npm run token, and Ctrl-C stops Java too', {
    timeout: 150_000,
  }, async () => {
    const port = await findFreePort();
    const started = Date.now();
    // As a newcomer runs it: none of the test run's POWERTOOLS_* settings, so the runtime's own defaults apply.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('POWERTOOLS_')));
    // The command of `npm start` itself: node with tsx's loader, no wrapper process between Ctrl-C and the runtime
    // (the tsx CLI kills a child that does not answer a signal within 30 ms, and Java would outlive it).
    const scripts = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toBe('node --import tsx local/main.ts');
    child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
      env: { ...env, PORT: String(port), DATA_DIR: dataDir, SCHEDULER: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() - started > 30_000) throw new Error(`not ready within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(output).toContain(`coalsafe is running at ${base}`);
    expect(output).toMatch(/inspector\s+eyJ/);

    const lastLine = (text: string) => text.trim().split('\n').at(-1)!;
    const inspector = lastLine(
      runCli(['local/token-cli.ts', '--role', 'inspector', '--jurisdiction', 'hlj/hegang/dongshan']),
    );
    const mineUser = lastLine(runCli(['local/token-cli.ts', '--role', 'mine_user', '--mine', 'm-taiyuan']));
    // Through the test client, so the answers read are held against /openapi.json too.
    const http = client(base);
    const get = (path: string, token?: string) => http('GET', path, { token });

    const list = await get('/v1/mines?limit=200', inspector);
    expect(list.status).toBe(200);
    expect((list.body as { items: unknown[] }).items).toHaveLength(13);
    expect((await get('/v1/mines/m-shuyuan1', mineUser)).status).toBe(404);
    const write = await fetch(`${base}/v1/mines/m-taiyuan/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mineUser}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(403);
    expect((await get('/v1/mines')).status).toBe(401);

    // The demo electricity data follows in the background: last night's report appears shortly after.
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    let report: { mines?: number } = {};
    for (
      const until = Date.now() + 60_000;
      Date.now() < until && report.mines !== 13;
      await new Promise((r) => setTimeout(r, 500))
    ) {
      report = (await get(`/v1/power-reviews/${yesterday}`, inspector)).body as { mines?: number };
    }
    expect(report.mines).toBe(13);
    // The console holds the banner and the seed's progress, no raw log or metrics line (JSON) among them.
    expect(output.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);

    const java = javaOfDataDir();
    expect(java.length).toBe(1);
    child.kill('SIGINT');
    await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    const stillThere = java.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(stillThere).toEqual([]);
  });
});
