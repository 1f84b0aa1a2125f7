/**
 * Where handler source files live. The stack turns each module name of the route, job and queue tables into an
 * entry file here; NodejsFunction bundles from the project root with the project's own lock file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCK_FILE = path.join(PROJECT_ROOT, 'package-lock.json');

/** Which folder of functions/ a handler module lives in. */
export type HandlerKind = 'api' | 'scheduled' | 'queue' | 'auth';

/** Resolves a handler module to its entry file; tests substitute a fixture. */
export type EntryResolver = (kind: HandlerKind, module: string) => string;

export const handlerEntry: EntryResolver = (kind, module) => path.join(PROJECT_ROOT, 'functions', kind, `${module}.ts`);
