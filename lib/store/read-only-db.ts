import type { Db } from './db.ts';
import { guardDb } from './partition-guard.ts';

/**
 * The Db of a public route (no caller): its client sends reads only. In AWS the public function's role has no write
 * action at all (its declared needs); this makes the same rule hold on one machine, where DynamoDB Local accepts
 * anything, so a write slipped into a public route fails in the first local test instead of in AWS.
 */
export const readOnlyDb = (base: Db): Db =>
  guardDb(base, (access) =>
    access.write ? `A public route may only read the table; ${access.action} was refused` : undefined,
  );

/**
 * The Db of a public route that files something (a tip-off): it writes only the partitions whose keys start with
 * one of `prefixes` (its own records, never a mine's, a policy or a user), and reads as any public route does.
 */
export const prefixWriteDb = (base: Db, prefixes: readonly string[]): Db =>
  guardDb(base, (access) =>
    access.write && !prefixes.some((p) => access.partition.startsWith(p))
      ? `A public route may write only ${prefixes.join(', ')}; ${access.action} on ${access.partition} was refused`
      : undefined,
  );
