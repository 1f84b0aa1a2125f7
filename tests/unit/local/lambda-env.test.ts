import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The X-Ray context namespaces a fresh process holds after importing the handlers' Powertools, with or without the
 * local runtime's environment first (a process of its own: the namespace and its async hook are process-wide).
 */
const namespacesAfterImport = (withLocalEnv: boolean): string[] => {
  const script = [
    ...(withLocalEnv ? ["await import('#local/lambda-env.ts');"] : []),
    "const { tracer } = await import('#lib/observability/powertools.ts');",
    'console.log(JSON.stringify({ namespaces: Object.keys(process.namespaces ?? {}), tracing: tracer.isTracingEnabled() }));',
  ].join('\n');
  const env = { ...process.env };
  delete env.AWS_XRAY_MANUAL_MODE;
  if (!withLocalEnv) env.POWERTOOLS_TRACE_ENABLED = 'true';
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { namespaces: string[]; tracing: boolean };
  if (withLocalEnv) expect(out.tracing).toBe(false);
  return out.namespaces;
};

describe('the local runtime runs without X-Ray context tracking', () => {
  it.each([
    // As in Lambda with tracing on: the SDK tracks a context through every promise (an async hook per namespace).
    ['the handlers alone, traced', false, ['AWSXRay']],
    // Locally traces are off, so no namespace and no hook: each promise costs nothing extra.
    ['after local/lambda-env.ts', true, []],
  ])('%s', { timeout: 30_000 }, (_, withLocalEnv, want) => {
    expect(namespacesAfterImport(withLocalEnv)).toEqual(want);
  });
});
