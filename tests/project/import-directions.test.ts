import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aliasViolations,
  type ImportEdge,
  importsOf,
  importsOfFiles,
  libLayerViolations,
  plainDataViolations,
  tableClientViolations,
  topLevelViolations,
} from './imports.ts';
import { LIB_LAYERS } from './lib-layers.ts';

/**
 * Each room holds only its own: imports in lib/ run one way, from capabilities down to the shared layers; nothing in
 * lib/ reaches the handlers, the local runtime, CDK or the dashboard; imports that leave their folder use the
 * package's aliases; the dashboard bundles only plain data from lib/.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .stdout.split('\n')
  // Not the scratch projects the typecheck test writes under dot folders while the suite runs beside this file.
  .filter((f) => f && !f.startsWith('tests/infra/fixtures/') && !f.split('/').some((part) => part.startsWith('.')));
const edges = importsOfFiles(ROOT, files);

const edge = (from: string, spec: string, typeOnly = false): ImportEdge =>
  importsOf(from, `import${typeOnly ? ' type' : ''} { x } from '${spec}';`)[0] ?? { from, spec, typeOnly };

describe('the tree as it is', () => {
  it('reads the imports of every file', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(edges.filter((e) => e.from.startsWith('lib/') && e.to?.startsWith('lib/')).length).toBeGreaterThan(500);
  });

  it('lib/ runs one way: no folder imports its own layer or one above it', () => {
    expect(libLayerViolations(edges)).toEqual([]);
  });

  it('every folder of lib/ is in the layer table, once', () => {
    const folders = new Set(files.filter((f) => f.startsWith('lib/')).map((f) => f.split('/')[1]!));
    const listed = LIB_LAYERS.flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...folders].filter((f) => !listed.includes(f))).toEqual([]);
  });

  it('lib/ builds on nothing outside it; handlers and the dashboard build on lib/ only', () => {
    expect(topLevelViolations(edges)).toEqual([]);
  });

  it('imports that leave their folder name their target by alias', () => {
    expect(aliasViolations(edges)).toEqual([]);
  });

  it('the dashboard takes only plain data (and types) from lib/', () => {
    expect(plainDataViolations(edges)).toEqual([]);
  });

  it('only lib/store imports the DynamoDB client: every other module reaches the table through the store', () => {
    expect(tableClientViolations(edges)).toEqual([]);
  });
});

describe('the table-client rule', () => {
  it.each([
    ['lib/hazards/hazards.ts', '@aws-sdk/lib-dynamodb', false, 1],
    ['functions/api/mines.ts', '@aws-sdk/client-dynamodb', false, 1],
    ['local/job-cli.ts', '@aws-sdk/lib-dynamodb', false, 1],
    ['lib/store/query.ts', '@aws-sdk/lib-dynamodb', false, 0],
    ['local/ensure-table.ts', '@aws-sdk/client-dynamodb', false, 0],
    ['lib/hazards/hazards.ts', '@aws-sdk/lib-dynamodb', true, 0],
    ['lib/hazards/hazards.ts', '@aws-sdk/client-s3', false, 0],
  ])('%s importing %s (type only: %s) breaks it %i time(s)', (from, spec, typeOnly, count) => {
    expect(tableClientViolations([edge(from, spec, typeOnly)])).toHaveLength(count);
  });
});

describe('the lint rule', () => {
  it('Biome holds the registry and the shared layers below it to the same table: they import no folder above them', () => {
    interface Override {
      includes: string[];
      linter?: { rules?: { style?: { noRestrictedImports?: { options: { patterns: { group: string[] }[] } } } } };
    }
    const biome = JSON.parse(readFileSync(resolve(ROOT, 'biome.json'), 'utf8')) as { overrides: Override[] };
    const registry = LIB_LAYERS.findIndex((layer) => layer.includes('registry'));
    const below = LIB_LAYERS.slice(registry).flat();
    const above = LIB_LAYERS.slice(0, registry).flat();
    const asInclude = (f: string) => (f.endsWith('.ts') ? `lib/${f}` : `lib/${f}/**`);
    const rule = biome.overrides.find((o) => o.includes.includes('lib/registry/**'));
    expect(rule?.includes.sort()).toEqual(below.map(asInclude).sort());
    const groups = rule?.linter?.rules?.style?.noRestrictedImports?.options.patterns.map((p) => p.group) ?? [];
    expect(groups[0]?.sort()).toEqual(above.map((f) => `#lib/${f}/**`).sort());
  });
});

describe('the rules themselves', () => {
  it('a reversed import fails: the store importing a capability, a capability importing the HTTP layer', () => {
    expect(libLayerViolations([edge('lib/store/keys.ts', '#lib/credit/classify.ts')])).toEqual([
      'lib/store/keys.ts → lib/credit/classify.ts: lib/store may not import lib/credit (up, into a higher layer)',
    ]);
    expect(libLayerViolations([edge('lib/hazards/hazards.ts', '#lib/http/validate.ts')])).toHaveLength(1);
  });

  it('a sideways import fails: one capability reaching into another of its layer', () => {
    expect(libLayerViolations([edge('lib/hazards/hazards.ts', '#lib/penalties/penalties.ts')])).toEqual([
      'lib/hazards/hazards.ts → lib/penalties/penalties.ts: lib/hazards may not import lib/penalties (sideways, into its own layer)',
    ]);
  });

  it('a downward import, an import inside one folder, and a type-only one down are fine', () => {
    expect(
      libLayerViolations([
        edge('lib/credit/classify.ts', '#lib/store/keys.ts'),
        edge('lib/power/engine/review.ts', '../types.ts'),
        edge('lib/cases/case-item.ts', '#lib/findings/vocabulary.ts', true),
      ]),
    ).toEqual([]);
  });

  it('a folder missing from the table is named', () => {
    expect(libLayerViolations([edge('lib/newthing/x.ts', '#lib/store/db.ts')])[0]).toContain('not in the layer table');
  });

  it('a relative import out of its folder fails, with the alias to write', () => {
    expect(aliasViolations([edge('lib/credit/classify.ts', '../store/keys.ts')])).toEqual([
      "lib/credit/classify.ts: '../store/keys.ts' leaves credit; write '#lib/store/keys.ts'",
    ]);
    expect(aliasViolations([edge('tests/e2e/x.test.ts', '../../lib/store/keys.ts')])).toHaveLength(1);
    expect(aliasViolations([edge('tests/e2e/x.test.ts', '../support/local-runtime.ts')])).toEqual([]);
  });

  it('lib/ importing the local runtime fails', () => {
    expect(topLevelViolations([edge('lib/jobs/job-handler.ts', '#local/runtime.ts')])).toHaveLength(1);
  });

  it('the dashboard importing a value of a schema module fails; its type and a vocabulary pass', () => {
    expect(plainDataViolations([edge('web/src/types.ts', '#lib/cases/schemas.ts')])).toHaveLength(1);
    expect(
      plainDataViolations([
        edge('web/src/types.ts', '#lib/cases/schemas.ts', true),
        edge('web/src/labels.ts', '#lib/cases/vocabulary.ts'),
      ]),
    ).toEqual([]);
    expect(plainDataViolations([edge('lib/cases/vocabulary.ts', 'zod/mini')])).toHaveLength(1);
  });

  it('reads type-only imports as such, and dynamic imports as imports', () => {
    const read = importsOf(
      'lib/a/x.ts',
      "import type { A } from './a.ts';\nimport { type B, type C } from './b.ts';\nimport { D, type E } from './d.ts';\nexport { F } from '#lib/f/f.ts';\nconst g = () => import('#lib/g/g.ts');\nimport './side.ts';\n",
    );
    expect(read.map((e) => [e.spec, e.to, e.typeOnly])).toEqual([
      ['./a.ts', 'lib/a/a.ts', true],
      ['./b.ts', 'lib/a/b.ts', true],
      ['./d.ts', 'lib/a/d.ts', false],
      ['#lib/f/f.ts', 'lib/f/f.ts', false],
      ['#lib/g/g.ts', 'lib/g/g.ts', false],
      ['./side.ts', 'lib/a/side.ts', false],
    ]);
  });
});
