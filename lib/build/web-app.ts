/**
 * The web dashboard's build, in one place: the local runtime builds it in memory at start and serves it at `/`,
 * the CDK app builds it into a folder that goes to S3 behind CloudFront, and `npm run bench` measures it. Script
 * and style names carry a content hash, so everything but `index.html` may be cached for good.
 */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

/**
 * What a first visit may download before the dashboard shows anything: the entry script and what it imports
 * statically, in bytes (1 kB = 1,000 bytes), raw and gzipped. Every page past the shell loads on demand.
 */
export const FIRST_LOAD_SCRIPT_BUDGET = { bytes: 300_000, gzip: 100_000 } as const;

export interface WebFile {
  /** Path under the site root without the leading slash: `index.html`, `assets/main-3F2A.js`. */
  readonly path: string;
  readonly contents: Uint8Array;
  readonly contentType: string;
  /** Loaded by the first page (index.html and its entry script and style), as opposed to a lazy chunk. */
  readonly initial: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

export async function buildWebApp(options: { minify?: boolean } = {}): Promise<WebFile[]> {
  const result = await build({
    absWorkingDir: WEB_ROOT,
    entryPoints: { main: 'src/main.tsx' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16', 'edge110'],
    minify: options.minify ?? true,
    sourcemap: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(WEB_ROOT, 'dist', 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const distRoot = join(WEB_ROOT, 'dist');
  const rel = (abs: string) => abs.slice(distRoot.length + 1).replaceAll('\\', '/');
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint === 'src/main.tsx');
  if (!entry) throw new Error('web build: no entry output');
  const entryJs = entry[0].replace(/^dist\//, '');
  const entryCss = entry[1].cssBundle?.replace(/^dist\//, '');
  const template = await readFile(join(WEB_ROOT, 'index.html'), 'utf8');
  const html = template
    .replace('/assets/main.js', `/${entryJs}`)
    .replace(
      entryCss ? '/assets/main.css' : /\s*<link rel="stylesheet" href="\/assets\/main.css" \/>/,
      entryCss ? `/${entryCss}` : '',
    );
  const files: WebFile[] = [
    {
      path: 'index.html',
      contents: new TextEncoder().encode(html),
      contentType: contentTypeOf('.html'),
      initial: true,
    },
  ];
  for (const f of result.outputFiles) {
    const path = rel(f.path);
    files.push({
      path,
      contents: f.contents,
      contentType: contentTypeOf(path),
      initial:
        path === entryJs || path === entryCss || isStaticImportOf(result.metafile.outputs, entry[0], `dist/${path}`),
    });
  }
  return files;
}

/** Whether `target` is loaded with the entry (a chunk it imports statically), not on demand. */
function isStaticImportOf(
  outputs: Record<string, { imports: { path: string; kind: string }[] }>,
  from: string,
  target: string,
  seen = new Set<string>(),
): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  for (const i of outputs[from]?.imports ?? []) {
    if (i.kind !== 'import-statement') continue;
    if (i.path === target || isStaticImportOf(outputs, i.path, target, seen)) return true;
  }
  return false;
}

/** Build into a folder (for the CDK deployment). */
export async function writeWebApp(outdir: string, options: { minify?: boolean } = {}): Promise<WebFile[]> {
  const files = await buildWebApp(options);
  for (const f of files) {
    await mkdir(dirname(join(outdir, f.path)), { recursive: true });
    await writeFile(join(outdir, f.path), f.contents);
  }
  return files;
}
