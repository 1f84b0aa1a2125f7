import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { LIB_LAYERS, PLAIN_DATA_MODULES } from './lib-layers.ts';

/**
 * The imports of the tree, read with the TypeScript parser, and the rules they must keep. Pure functions over a
 * list of edges, so a test can hold the real tree to the rules and feed them a reversed import to see them fail.
 */
export interface ImportEdge {
  /** Importing file, relative to the repository root: `lib/credit/classify.ts`. */
  readonly from: string;
  /** The specifier as written: `#lib/store/db.ts`, `./vocabulary.ts`, `zod/mini`. */
  readonly spec: string;
  /** The imported file relative to the root, for imports of the tree's own files; undefined for packages. */
  readonly to?: string;
  /** `import type`, or every name imported as a type: erased at build, no runtime dependency. */
  readonly typeOnly: boolean;
}

/** The package.json "imports" aliases: `#lib/x.ts` is `lib/x.ts`. */
const ALIAS = /^#(lib|functions|local|cdk|web)\//;

/** Every import and re-export of one file (static, type-only, side-effect and `import()` with a literal). */
export function importsOf(file: string, source: string): ImportEdge[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const to = spec.startsWith('.')
      ? normalize(join(dirname(file), spec))
      : ALIAS.test(spec)
        ? spec.slice(1)
        : undefined;
    edges.push({ from: file, spec, ...(to ? { to } : {}), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

export const importsOfFiles = (root: string, files: readonly string[]): ImportEdge[] =>
  files.flatMap((f) => importsOf(f, readFileSync(join(root, f), 'utf8')));

/** The folder of lib/ a file belongs to (`lib/credit/x.ts` → `credit`, `lib/errors.ts` → `errors.ts`). */
export const libFolder = (file: string): string | undefined =>
  file.startsWith('lib/') ? file.split('/')[1] : undefined;

const layerOf = (folder: string): number => LIB_LAYERS.findIndex((layer) => layer.includes(folder));

/**
 * lib/ runs one way: a folder imports only folders of a lower layer. An import into the same layer (sideways) or
 * into a higher one (up) is named with both files; a folder missing from the table is named too.
 */
export function libLayerViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const a = libFolder(e.from);
    const b = e.to && libFolder(e.to);
    if (!a || !b || a === b) continue;
    const la = layerOf(a);
    const lb = layerOf(b);
    if (la < 0 || lb < 0) {
      out.push(`${e.from} → ${e.to}: lib/${la < 0 ? a : b} is not in the layer table (tests/project/lib-layers.ts)`);
    } else if (lb <= la) {
      const how = lb === la ? 'sideways, into its own layer' : 'up, into a higher layer';
      out.push(`${e.from} → ${e.to}: lib/${a} may not import lib/${b} (${how})`);
    }
  }
  return out;
}

/** What may not be imported from where: lib/ builds on nothing outside it, handlers not on the local runtime or CDK. */
const FORBIDDEN_TOPS: Record<string, readonly string[]> = {
  lib: ['functions', 'local', 'cdk', 'web', 'tests', 'bench'],
  functions: ['local', 'cdk', 'web', 'tests', 'bench'],
  web: ['functions', 'local', 'cdk', 'tests', 'bench'],
  cdk: ['local', 'web', 'tests', 'bench'],
  local: ['cdk', 'tests', 'bench'],
};
const top = (file: string): string => file.split('/')[0]!;

export function topLevelViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => e.to && (FORBIDDEN_TOPS[top(e.from)] ?? []).includes(top(e.to)))
    .map((e) => `${e.from} → ${e.to}: ${top(e.from)}/ may not import ${top(e.to!)}/`);
}

/** A file's room: its lib/ folder, or its top-level folder. */
const room = (file: string): string => libFolder(file) ?? top(file);

/** Relative imports stay in their room; an import that leaves it names its target by alias (`#lib/…`). */
export function aliasViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => e.spec.startsWith('.') && e.to && room(e.to) !== room(e.from) && e.from.includes('/'))
    .map((e) => `${e.from}: '${e.spec}' leaves ${room(e.from)}; write '#${e.to}'`);
}

const isPlainData = (file: string) => PLAIN_DATA_MODULES.some((re) => re.test(file));

/**
 * The dashboard bundles what it imports: from lib/ only plain-data modules (values), anything else as types only;
 * and a plain-data module imports no package and no other module's values but plain data.
 */
export function plainDataViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (e.typeOnly) continue;
    if (top(e.from) === 'web' && e.to?.startsWith('lib/') && !isPlainData(e.to))
      out.push(`${e.from} → ${e.to}: the dashboard imports values only from plain-data modules; use import type`);
    if (isPlainData(e.from) && (!e.to || !isPlainData(e.to)))
      out.push(`${e.from} → ${e.spec}: a plain-data module imports values only from other plain-data modules`);
  }
  return out;
}

/**
 * Tenancy by construction: the DynamoDB client is imported by lib/store alone, so every read and write of the
 * product goes through the store's helpers on a Db the tenant store may have guarded. The local runtime's table
 * bootstrap (creating the table on DynamoDB Local, waiting for it) is the one other user, and it serves no request.
 */
const TABLE_CLIENTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
const TABLE_CLIENT_BOOTSTRAP = ['local/dynamodb-local.ts', 'local/ensure-table.ts', 'local/runtime.ts'];

export function tableClientViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter(
      (e) =>
        TABLE_CLIENTS.includes(e.spec) &&
        !e.typeOnly &&
        ['lib', 'functions', 'local', 'web', 'cdk'].includes(top(e.from)) &&
        libFolder(e.from) !== 'store' &&
        !TABLE_CLIENT_BOOTSTRAP.includes(e.from),
    )
    .map((e) => `${e.from} imports ${e.spec}: only lib/store speaks to the table`);
}
