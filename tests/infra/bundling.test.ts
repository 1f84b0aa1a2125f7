/**
 * One real bundle: the function construct run through esbuild (the local install, no Docker) on a fixture handler,
 * to show `cdk synth` can build the deployed ESM bundles on this machine and that what it builds loads and runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { CoalsafeFunction } from '#cdk/constructs/coalsafe-function.ts';
import { DataTable } from '#cdk/constructs/data-table.ts';
import { ESM_REQUIRE_BANNER } from '#lib/build/bundle-options.ts';
import { FIXTURE_ENTRY, TEST_CONTEXT } from './support.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'coalsafe-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const { 'aws:cdk:bundling-stacks': _skip, ...context } = TEST_CONTEXT;
// Template validation is covered by the stack tests; here only the bundle matters.
const app = new App({ outdir, context, builtinCloudFormationValidation: false });
const stack = new Stack(app, 'Bundle');
new CoalsafeFunction(stack, 'Fixture', {
  needs: {},
  entry: FIXTURE_ENTRY,
  description: 'fixture',
  table: new DataTable(stack, 'Data'),
});
const template = Template.fromStack(stack);
const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
const assetDir = path.join(outdir, `asset.${String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '')}`);

describe('function bundle', () => {
  it('is an ESM file with its source map beside it', () => {
    expect(existsSync(path.join(assetDir, 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
  });

  it('starts with the banner that gives ESM code a require()', () => {
    expect(readFileSync(path.join(assetDir, 'index.mjs'), 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
  });

  it('exports the handler Lambda calls', async () => {
    const mod = (await import(pathToFileURL(path.join(assetDir, 'index.mjs')).href)) as {
      handler: () => Promise<unknown>;
    };
    await expect(mod.handler()).resolves.toEqual({ statusCode: 200 });
  });
});
