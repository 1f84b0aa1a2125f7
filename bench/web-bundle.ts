/**
 * The web dashboard's weight (`npm run bench`): the script and style a first visit loads before anything shows
 * (index.html's entry and the chunks it imports statically), raw and gzipped, against the budget for the script
 * (300 kB, 100 kB gzipped: FIRST_LOAD_SCRIPT_BUDGET, which the end-to-end test holds too); then the whole build and the lazy chunks the pages load on demand. Built as it is deployed
 * (lib/build/web-app.ts: minified, code-split).
 */
import { gzipSync } from 'node:zlib';
import { buildWebApp, FIRST_LOAD_SCRIPT_BUDGET, type WebFile } from '#lib/build/web-app.ts';

const GOAL_KB = FIRST_LOAD_SCRIPT_BUDGET.bytes / 1000;
const GZIP_GOAL_KB = FIRST_LOAD_SCRIPT_BUDGET.gzip / 1000;

interface Size {
  readonly files: number;
  readonly bytes: number;
  readonly gzip: number;
}

export interface WebBundleResult {
  readonly buildMs: number;
  readonly firstLoadScript: Size;
  readonly firstLoadStyle: Size;
  readonly total: Size;
  readonly lazyChunks: number;
  readonly largestLazy?: { readonly path: string; readonly bytes: number };
  readonly pass: boolean;
}

const size = (files: readonly WebFile[]): Size => ({
  files: files.length,
  bytes: files.reduce((n, f) => n + f.contents.byteLength, 0),
  gzip: files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).byteLength, 0),
});

export async function benchWebBundle(): Promise<WebBundleResult> {
  const started = performance.now();
  const files = await buildWebApp();
  const buildMs = performance.now() - started;
  const js = files.filter((f) => f.path.endsWith('.js'));
  const lazy = js.filter((f) => !f.initial).sort((a, b) => b.contents.byteLength - a.contents.byteLength);
  const firstLoadScript = size(js.filter((f) => f.initial));
  return {
    buildMs,
    firstLoadScript,
    firstLoadStyle: size(files.filter((f) => f.initial && f.path.endsWith('.css'))),
    total: size(files),
    lazyChunks: lazy.length,
    ...(lazy[0] ? { largestLazy: { path: lazy[0].path, bytes: lazy[0].contents.byteLength } } : {}),
    pass:
      firstLoadScript.bytes <= FIRST_LOAD_SCRIPT_BUDGET.bytes && firstLoadScript.gzip <= FIRST_LOAD_SCRIPT_BUDGET.gzip,
  };
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function printWebBundle(r: WebBundleResult): void {
  console.log(`web dashboard: minified, code-split (lib/build/web-app.ts), built in ${r.buildMs.toFixed(0)} ms`);
  console.log(
    `  first load: script ${kB(r.firstLoadScript.bytes)} (${kB(r.firstLoadScript.gzip)} gzip) in ${plural(r.firstLoadScript.files, 'file')}, ` +
      `style ${kB(r.firstLoadStyle.bytes)} (${kB(r.firstLoadStyle.gzip)} gzip); goal: script <= ${GOAL_KB} kB, <= ${GZIP_GOAL_KB} kB gzip  ${r.pass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  everything: ${plural(r.total.files, 'file')}, ${kB(r.total.bytes)} (${kB(r.total.gzip)} gzip); ${plural(r.lazyChunks, 'lazy chunk')}` +
      (r.largestLazy ? `, the largest ${r.largestLazy.path} ${kB(r.largestLazy.bytes)}` : ''),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printWebBundle(await benchWebBundle());
