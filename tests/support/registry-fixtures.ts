import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Principal } from '#lib/auth/principal.ts';
import type { MineInput } from '#lib/registry/mine-item.ts';
import { createMineBody } from '#lib/registry/schemas.ts';
import type { AuditEvent } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '#lib/validators/credit-code.ts';

/** Principals, mine inputs and raw-table readers shared by the registry integration tests. */

type BureauRole = 'bureau_admin' | 'inspector' | 'legal_reviewer';

export const bureau = (role: BureauRole, jurisdiction: string, sub = `${role}@${jurisdiction}`): Principal => ({
  kind: 'bureau',
  sub,
  role,
  jurisdiction,
});
export const admin = (jurisdiction: string, sub?: string): Principal => bureau('bureau_admin', jurisdiction, sub);
export const mineUser = (mineId: string, sub = `staff@${mineId}`): Principal => ({
  kind: 'mine',
  sub,
  role: 'mine_user',
  mineId,
});
export const partner = (sub = 'partner@nr'): Principal => ({ kind: 'partner', sub, role: 'partner_dept' });

/** A well-formed credit code with a correct check character, derived from a seed (distinct seeds, distinct codes). */
export function creditCodeFor(seed: string): string {
  let h = 0x811c9dc5;
  for (const c of seed) h = Math.imul(h ^ c.codePointAt(0)!, 0x01000193) >>> 0;
  const first17 = `9123040${String(h).padStart(10, '0').slice(-10)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a check character that does not match (a real-world case the registry must accept). */
export function withWrongCheckChar(code: string): string {
  const right = code.charAt(17);
  const wrong = CREDIT_CODE_ALPHABET.charAt((CREDIT_CODE_ALPHABET.indexOf(right) + 1) % CREDIT_CODE_ALPHABET.length);
  return code.slice(0, 17) + wrong;
}

/** A create-mine body as the API would pass it on: parsed (and normalized, defaulted) by the route's schema. */
export function mineInput(mineId: string, overrides: Partial<z.input<typeof createMineBody>> = {}): MineInput {
  return createMineBody.parse({
    mineId,
    name: `${mineId} 煤矿`,
    creditCode: creditCodeFor(mineId),
    jurisdiction: 'hlj/hegang/dongshan',
    approvedCapacityTonnesPerYear: 300_000,
    gasGrade: 'low',
    hydrogeology: 'simple',
    standardisationGrade: 'grade2',
    ...overrides,
  });
}

/** A mine's audit events straight from the table, newest first. */
export const auditEvents = (db: Db, mineId: string): Promise<AuditEvent[]> =>
  queryAll<AuditEvent>(db, { partition: pk.mine(mineId), beginsWith: sk.auditPrefix, newestFirst: true });

/** The stored profile item (with its keys), or undefined. */
export const profileItem = (db: Db, mineId: string): Promise<Record<string, unknown> | undefined> =>
  getItem(db, { PK: pk.mine(mineId), SK: sk.profile });

/** Every item under a mine's partition (profile, history, records, audit). */
export const minePartition = (db: Db, mineId: string): Promise<Record<string, unknown>[]> =>
  queryAll(db, { partition: pk.mine(mineId) });

/** Every item of the table (tests only: production code never scans). */
export async function scanAll(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export const inspectorAt = (jurisdiction: string, sub?: string): Principal => bureau('inspector', jurisdiction, sub);
