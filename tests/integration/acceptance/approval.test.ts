// 复工复产验收 on DynamoDB Local, where the store matters: the approval and the mine's return to producing are one
// transaction (a refused status change leaves the acceptance waiting, nothing written); the due-date index follows
// the step the bureau owes; a stale version is a 409 that writes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCEPTANCE_DUE_KIND } from '#lib/acceptance/acceptance-item.ts';
import { actOnAcceptance, applyForAcceptance, getAcceptance } from '#lib/acceptance/acceptances.ts';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { createMine, getMine } from '#lib/registry/mines.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { admin, bureau, mineInput, minePartition, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const DS = 'hlj/hegang/dongshan';
const TODAY = '2025-03-10';
const clock = testClock('2025-03-10T01:00:00.000Z');
const MINE = 'm-acc';

let db: Db;
let byAdmin: TenantStore;
let byLeader: TenantStore;
let byInspector: TenantStore;
let byMine: TenantStore;

beforeEach(async () => {
  clock.set('2025-03-10T01:00:00.000Z');
  db = await testDb({ now: clock.now });
  byAdmin = new TenantStore(db, admin(DS, 'second-admin'));
  byLeader = new TenantStore(db, admin(DS, 'leader-admin'));
  byInspector = new TenantStore(db, bureau('inspector', DS, 'inspector-1'));
  byMine = new TenantStore(db, mineUser(MINE));
  await createMine(byAdmin, mineInput(MINE, { status: 'suspended', statusEffectiveDate: '2025-01-01' }));
});

const dueEntries = (date: string) => dueAnywhere<{ acceptanceId: string }>(db, date, ACCEPTANCE_DUE_KIND);

/** Applied, checked on site (an inspection led by leader-admin) and its findings recorded by inspector-1. */
async function checkedAcceptance() {
  const a = await applyForAcceptance(byMine, MINE, { report: '整改完毕' });
  const insp = await createInspection(byInspector, MINE, {
    kind: 'done',
    doneOn: TODAY,
    inspectors: [
      { userId: 'leader-admin', name: '带队' },
      { userId: 'inspector-1', name: '检查员' },
    ],
    summary: '复工复产验收现场检查',
    findings: { hazardIds: [], violationIds: [] },
  });
  const assigned = await actOnAcceptance(byInspector, a.acceptanceId, {
    action: 'assign_check',
    version: 1,
    inspectionId: insp.inspectionId,
  });
  return actOnAcceptance(byInspector, a.acceptanceId, {
    action: 'record_check',
    version: assigned.version,
    findings: '整改到位',
  });
}

describe('the approval and the return to producing are one write', () => {
  it('on the due-date index while the bureau owes a step, off it once approved', async () => {
    const a = await applyForAcceptance(byMine, MINE, { report: '整改完毕' });
    expect((await dueEntries('2025-03-20')).map((e) => e.acceptanceId)).toEqual([a.acceptanceId]);
    const checked = await checkedAcceptance().catch(() => undefined);
    expect(checked).toBeUndefined(); // one acceptance under way per mine
  });

  it('approved: the acceptance and the mine change together, from the approval day', async () => {
    const c = await checkedAcceptance();
    expect((await dueEntries('2025-03-15')).map((e) => e.acceptanceId)).toEqual([c.acceptanceId]);
    await expect(actOnAcceptance(byLeader, c.acceptanceId, { action: 'approve', version: c.version })).rejects.toThrow(
      RuleError,
    );
    const done = await actOnAcceptance(byAdmin, c.acceptanceId, { action: 'approve', version: c.version });
    expect(done).toMatchObject({ status: 'approved', approvedOn: TODAY });
    expect(await getMine(byAdmin, MINE)).toMatchObject({ status: 'producing', statusSince: TODAY });
    expect(await dueEntries('2025-03-15')).toEqual([]);
  });

  it('a status change the registry refuses (a closure scheduled ahead) leaves everything as it was', async () => {
    const c = await checkedAcceptance();
    await changeStatus(byAdmin, MINE, { status: 'closed', reason: '关闭退出', effectiveDate: '2025-03-20' });
    const before = await minePartition(db, MINE);
    await expect(actOnAcceptance(byAdmin, c.acceptanceId, { action: 'approve', version: c.version })).rejects.toThrow(
      RuleError,
    );
    expect(await minePartition(db, MINE)).toEqual(before);
    expect(await getAcceptance(byAdmin, c.acceptanceId)).toMatchObject({ status: 'checked', version: c.version });
  });

  it('a stale version is a 409 and writes nothing', async () => {
    const c = await checkedAcceptance();
    const before = await minePartition(db, MINE);
    await expect(
      actOnAcceptance(byAdmin, c.acceptanceId, { action: 'approve', version: c.version - 1 }),
    ).rejects.toThrow(ConflictError);
    expect(await minePartition(db, MINE)).toEqual(before);
  });
});
