/**
 * A bench that runs in a child process of its own (the nightly review, the credit classification, the province
 * overview, the API load's driver): the handlers' shared client (dbFromEnv) is built once per process for the
 * first DynamoDB endpoint it sees, so a run in the caller's process would tie the caller's later local runtimes
 * (another bench) to this run's DynamoDB Local, stopped by then; the child also keeps the CPU figures, and a load's
 * latencies, to the one job. The parent starts the bench's module with its arguments and `--result-file`; the
 * module, run so, measures and writes its result there as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Node's options for a child that runs a TypeScript module: this process's own when tsx loads it (`npm run bench`,
 * `npx tsx …`, with whatever else they set), else tsx's hook (a test runner's worker loads TypeScript its own way).
 */
export const typeScriptLoader = (): string[] =>
  process.execArgv.some((arg) => arg.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];

/** The parent's side: runs the module at `moduleUrl` with `args` in a child and answers the result it wrote. */
export async function measureInChild<R>(
  moduleUrl: string,
  args: readonly string[],
  options: { readonly what: string; readonly progress: boolean },
): Promise<R> {
  const dir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-result-'));
  const resultFile = join(dir, 'result.json');
  try {
    const loader = typeScriptLoader();
    const childArgs = [...args, '--result-file', resultFile, ...(options.progress ? ['--progress'] : [])];
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [...loader, fileURLToPath(moduleUrl), ...childArgs], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('error', fail);
      child.once('exit', (exitCode) => done(exitCode));
    });
    if (code !== 0) throw new Error(`the ${options.what} bench failed (exit ${code})`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as R;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The child's side: with `--result-file`, measures (its progress lines on stdout with `--progress`), writes the
 * result there and answers true; without it (the module run by hand), answers false for the caller to print.
 */
export async function answerParent<R>(
  argv: readonly string[],
  measure: (log: ((line: string) => void) | undefined) => Promise<R>,
): Promise<boolean> {
  const i = argv.indexOf('--result-file');
  if (i < 0 || !argv[i + 1]) return false;
  const result = await measure(argv.includes('--progress') ? (line) => console.log(line) : undefined);
  writeFileSync(argv[i + 1]!, JSON.stringify(result));
  return true;
}

/** Runs `main` with the process's arguments when the module at `moduleUrl` is the one node was started with. */
export function runWhenMain(moduleUrl: string, main: (argv: readonly string[]) => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
