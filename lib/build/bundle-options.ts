/**
 * How every Lambda function is bundled, in one place: the CDK function construct and `npm run bench` both use
 * these settings, so the bench measures the very bundles that get deployed.
 *
 * Mapping to CDK `NodejsFunction` `bundling` props: minify → `minify`, sourcemap 'external' → `sourceMap: true`
 * with `sourceMapMode: SourceMapMode.EXTERNAL`, target → `target`, format 'esm' → `format: OutputFormat.ESM`,
 * banner.js → `banner`, mainFields → `mainFields`, external → `externalModules`. Platform node and bundling are
 * what `NodejsFunction` always does.
 */
import type { BuildOptions } from 'esbuild';

/** Lambda runs `NODEJS_24_X` (see DESIGN.md "Versions"); esbuild 0.28 knows the node24 target. */
export const LAMBDA_BUNDLE_TARGET = 'node24';

/**
 * ESM bundles have no `require`; some dependencies still call it for Node built-ins, so define one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Prefer packages' ESM builds (better tree-shaking), fall back to CommonJS. */
export const LAMBDA_MAIN_FIELDS: readonly string[] = ['module', 'main'];

/**
 * Nothing is external: the AWS SDK is bundled too, so the deployed code runs the SDK version package.json pins
 * and tree-shaking keeps only what a handler uses. `NodejsFunction` externalises `@aws-sdk/*` by default on
 * Node 18+ runtimes, so the construct must pass `externalModules: []` to match.
 */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = [];

/** The esbuild options (less entry point and output file) for a Lambda bundle. */
export const lambdaBundleOptions = {
  platform: 'node',
  target: LAMBDA_BUNDLE_TARGET,
  format: 'esm',
  bundle: true,
  minify: true,
  sourcemap: 'external',
  banner: { js: ESM_REQUIRE_BANNER },
  mainFields: [...LAMBDA_MAIN_FIELDS],
  external: [...LAMBDA_EXTERNAL_MODULES],
} as const satisfies BuildOptions;
