import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run typecheck` is the only place types are checked (vitest strips them), so it must cover every TypeScript
 * file of the tree, the web dashboard's included, and a type error anywhere must fail it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const PROJECTS = ['tsconfig.json', 'web/tsconfig.json'];

const tsc = (...args: string[]) => spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run typecheck', () => {
  it('checks both projects: the server side (cdk, functions, lib, local, tests, bench) and web/', () => {
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.typecheck as string;
    for (const project of PROJECTS) expect(script).toContain(`tsc --noEmit -p ${project}`);
  });

  it('covers every TypeScript file git tracks', { timeout: 120_000 }, () => {
    const tracked = spawnSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    const covered = new Set(
      PROJECTS.flatMap((project) =>
        tsc('--listFilesOnly', '-p', project)
          .stdout.split('\n')
          .filter((f) => f && !f.includes('/node_modules/'))
          .map((f) => relative(ROOT, f)),
      ),
    );
    expect(tracked.length).toBeGreaterThan(300);
    expect(tracked.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('fails on a type error in a web file, naming the file and the line', () => {
    // The web project as configured, with one more file beside its sources that breaks a type of the dashboard.
    const dir = mkdtempSync(join(ROOT, 'web/.typecheck-'));
    try {
      writeFileSync(
        join(dir, 'broken.ts'),
        "import type { Claims } from '../src/session.ts';\n\nexport const wrong: Claims = { nonsense: true };\n",
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../tsconfig.json', include: ['../src', 'broken.ts'] }),
      );
      const run = tsc('--noEmit', '-p', relative(ROOT, join(dir, 'tsconfig.json')));
      expect(run.status).not.toBe(0);
      expect(run.stdout).toMatch(/broken\.ts\(3,\d+\): error TS\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
