import { correctAccidentBody, recordAccidentBody } from '#lib/accidents/schemas.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { createInspectionBody, inspectionActionBody } from '#lib/inspections/schemas.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { correctViolationBody, recordViolationBody } from '#lib/violations/schemas.ts';
import { admin, auditEvents, mineInput } from '../../support/registry-fixtures.ts';
import { type TestClock, testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

/** Mines across jurisdictions, request bodies as the routes parse them, and audit counting for the enforcement tests. */

/** "Today" in every enforcement integration test: 2025-06-15 in Asia/Shanghai. */
export const TODAY = '2025-06-15';

export const MINES: readonly [string, string][] = [
  ['m-ds-1', 'hlj/hegang/dongshan'],
  ['m-ds-2', 'hlj/hegang/dongshan'],
  ['m-xs-1', 'hlj/hegang/xingshan'],
  ['m-hg-0', 'hlj/hegang'],
  ['m-hx-1', 'hlj/hegangx/dongshan'],
  ['m-jl-1', 'jl/hegang/dongshan'],
];

export async function enforcementDb(): Promise<{ db: Db; clock: TestClock; as: (p: Principal) => TenantStore }> {
  const clock = testClock(`${TODAY}T04:00:00.000Z`);
  const db = await testDb({ now: clock.now });
  for (const [mineId, jurisdiction] of MINES)
    await createMine(new TenantStore(db, admin(jurisdiction.split('/')[0]!)), mineInput(mineId, { jurisdiction }));
  return { db, clock, as: (p) => new TenantStore(db, p) };
}

export const violationBody = (b: Record<string, unknown> = {}) =>
  recordViolationBody.parse({
    category: 'over_capacity',
    date: '2025-06-01',
    description: '超能力组织生产',
    source: { kind: 'manual' },
    ...b,
  });
export const violationCorrection = (b: Record<string, unknown>) =>
  correctViolationBody.parse({ reason: '更正录入错误', ...b });

export const INSPECTORS = [{ userId: 'u-wang', name: '王检查' }];
export const plannedBody = (b: Record<string, unknown> = {}) =>
  createInspectionBody.parse({
    kind: 'planned',
    plannedOn: '2025-06-20',
    inspectors: INSPECTORS,
    purpose: '季度执法检查',
    ...b,
  });
export const doneBody = (b: Record<string, unknown> = {}) =>
  createInspectionBody.parse({
    kind: 'done',
    doneOn: '2025-06-10',
    inspectors: INSPECTORS,
    summary: '检查通风、瓦斯',
    ...b,
  });
export const completeBody = (b: Record<string, unknown>) =>
  inspectionActionBody.parse({
    action: 'complete',
    doneOn: '2025-06-14',
    inspectors: INSPECTORS,
    summary: '检查完毕',
    ...b,
  });
export const cancelBody = (b: Record<string, unknown>) =>
  inspectionActionBody.parse({ action: 'cancel', reason: '煤矿已停产', ...b });

export const accidentBody = (b: Record<string, unknown> = {}) =>
  recordAccidentBody.parse({
    date: '2025-05-01',
    level: 'general',
    deaths: 1,
    injuries: 0,
    description: '运输事故',
    ...b,
  });
export const accidentCorrection = (b: Record<string, unknown>) =>
  correctAccidentBody.parse({ reason: '核查更正', ...b });

/** The audit events of a mine about one entity, newest first. */
export const auditOf = async (db: Db, mineId: string, entityId: string) =>
  (await auditEvents(db, mineId)).filter((e) => e.entityId === entityId);

/** The error an operation throws (or undefined). */
export const failure = async (op: Promise<unknown>): Promise<any> =>
  op.then(
    () => undefined,
    (e: unknown) => e,
  );
