// A mine's status over time, which the electricity review reads day by day: a change takes effect on its
// effective date (Asia/Shanghai), a future one waits for the nightly job, the job catches up missed nights and
// never applies a change twice, and a closed mine stays closed.
import { beforeEach, describe, expect, it } from 'vitest';
import { RuleError } from '#lib/errors.ts';
import { applyDueStatusChanges, CATCH_UP_DAYS } from '#lib/registry/due-status-changes.ts';
import { createMine, getMine } from '#lib/registry/mines.ts';
import { changeStatus, listStatusHistory } from '#lib/registry/status-history.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { admin, auditEvents, mineInput, minePartition } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const TODAY = '2025-03-10';
const MORNING = '2025-03-10T01:00:00.000Z'; // 09:00 in Asia/Shanghai
const clock = testClock(MORNING);
const ADMIN = admin('hlj/hegang/dongshan', 'admin-ds');

/** A fresh table per test: the nightly job reads the whole due-date index, so tests must not share it. */
let db: Db;
let store: TenantStore;
beforeEach(async () => {
  clock.set(MORNING);
  db = await testDb({ now: clock.now });
  store = new TenantStore(db, ADMIN);
});

const newMine = (mineId: string, status: MineStatus = 'producing', since = '2024-06-01') =>
  createMine(store, mineInput(mineId, { status, statusEffectiveDate: since }));
const change = (mineId: string, status: MineStatus, effectiveDate: string, reason = `变更为 ${status}`) =>
  changeStatus(store, mineId, { status, reason, effectiveDate });
const history = async (mineId: string) => (await listStatusHistory(store, mineId, {})).items;
const dueOn = (date: string) => dueAnywhere<{ mineId: string; status: string }>(db, date, 'STATUS');
const at = (date: string) => `${date}T01:00:00.000Z`;

async function ruleRefusal(promise: Promise<unknown>): Promise<RuleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleError);
  return error as RuleError;
}

describe('a change effective today or earlier', () => {
  it('updates the profile and the history, newest first, with one audit event', async () => {
    await newMine('m-today');
    const result = await change('m-today', 'suspended', TODAY, '停产检修');
    expect(result.applied).toBe(true);
    expect(result.mine).toMatchObject({ status: 'suspended', statusSince: TODAY, version: 2 });
    expect(await getMine(store, 'm-today')).toMatchObject({
      status: 'suspended',
      statusLabel: '停产',
      statusSince: TODAY,
      version: 2,
    });
    expect(await history('m-today')).toEqual([
      expect.objectContaining({
        status: 'suspended',
        previousStatus: 'producing',
        effectiveDate: TODAY,
        reason: '停产检修',
        applied: true,
        recordedBy: { sub: 'admin-ds', role: 'bureau_admin' },
      }),
      expect.objectContaining({
        status: 'producing',
        previousStatus: null,
        effectiveDate: '2024-06-01',
        reason: '建档',
        applied: true,
      }),
    ]);
    const events = await auditEvents(db, 'm-today');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      action: 'mine.status_changed',
      reason: '停产检修',
      before: { status: 'producing', statusSince: '2024-06-01' },
      after: { status: 'suspended', statusSince: TODAY },
    });
    expect(await dueOn(TODAY)).toEqual([]);
  });

  it('a back-dated change (after the latest one) takes effect from its own date', async () => {
    await newMine('m-backdated');
    const result = await change('m-backdated', 'rectifying', '2025-03-01');
    expect(result.applied).toBe(true);
    expect(await getMine(store, 'm-backdated')).toMatchObject({ status: 'rectifying', statusSince: '2025-03-01' });
  });

  it('several changes read back newest first', async () => {
    await newMine('m-many', 'producing', '2024-01-01');
    await change('m-many', 'suspended', '2024-05-01');
    await change('m-many', 'rectifying', '2024-09-01');
    await change('m-many', 'closed', TODAY);
    expect((await history('m-many')).map((e) => [e.effectiveDate, e.status, e.previousStatus])).toEqual([
      [TODAY, 'closed', 'rectifying'],
      ['2024-09-01', 'rectifying', 'suspended'],
      ['2024-05-01', 'suspended', 'producing'],
      ['2024-01-01', 'producing', null],
    ]);
  });

  it.each([
    ['the same day as the latest change', '2024-06-01', true],
    ['the day after the latest change', '2024-06-02', true],
    ['the day before the latest change', '2024-05-31', false],
    ['long before the latest change', '2019-01-01', false],
  ])('an effective date on %s: accepted %s', async (_, date, ok) => {
    await newMine('m-order', 'producing', '2024-06-01');
    if (ok) {
      await expect(change('m-order', 'suspended', date)).resolves.toMatchObject({ applied: true });
    } else {
      const before = await minePartition(db, 'm-order');
      const error = await ruleRefusal(change('m-order', 'suspended', date));
      expect(error.fields).toEqual([{ field: 'body.effectiveDate', message: expect.stringContaining('2024-06-01') }]);
      expect(await minePartition(db, 'm-order')).toEqual(before);
    }
  });

  it('refuses a change to the status the mine already has, writing nothing', async () => {
    await newMine('m-same', 'suspended');
    const before = await minePartition(db, 'm-same');
    const error = await ruleRefusal(change('m-same', 'suspended', TODAY));
    expect(error.fields).toEqual([{ field: 'body.status', message: expect.any(String) }]);
    expect(await minePartition(db, 'm-same')).toEqual(before);
  });

  it.each(['producing', 'suspended', 'rectifying', 'construction', 'closed'] as const)(
    'a closed mine cannot change to %s',
    async (status) => {
      await newMine('m-closed');
      await change('m-closed', 'closed', '2025-01-01', '关闭退出');
      const before = await minePartition(db, 'm-closed');
      await ruleRefusal(change('m-closed', status, TODAY));
      expect(await minePartition(db, 'm-closed')).toEqual(before);
    },
  );
});

describe('a change back to producing goes through 复工复产验收', () => {
  it.each([
    ['suspended', TODAY],
    ['rectifying', TODAY],
    ['construction', TODAY],
    ['suspended', '2099-01-01'],
  ] as const)('from %s, effective %s: refused (422 naming it), nothing written', async (from, date) => {
    await newMine('m-resume', from);
    const before = await minePartition(db, 'm-resume');
    const error = await ruleRefusal(change('m-resume', 'producing', date));
    expect(error.message).toContain('复工复产验收');
    expect(error.fields).toEqual([{ field: 'body.status', message: expect.stringContaining('复工复产验收') }]);
    expect(await minePartition(db, 'm-resume')).toEqual(before);
  });

  it('a suspension scheduled ahead counts: producing after it is refused too', async () => {
    await newMine('m-resume-later');
    await change('m-resume-later', 'suspended', '2025-03-15');
    const before = await minePartition(db, 'm-resume-later');
    const error = await ruleRefusal(change('m-resume-later', 'producing', '2025-04-01'));
    expect(error.message).toContain('复工复产验收');
    expect(await minePartition(db, 'm-resume-later')).toEqual(before);
  });

  it('from a stopped status to another stopped one, or closed, is still a plain change', async () => {
    await newMine('m-still-stopped', 'suspended');
    await expect(change('m-still-stopped', 'rectifying', TODAY)).resolves.toMatchObject({ applied: true });
    await expect(change('m-still-stopped', 'closed', TODAY)).resolves.toMatchObject({ applied: true });
  });
});

describe('the Asia/Shanghai day decides what "today" is', () => {
  it.each([
    ['2025-03-10T15:59:59.000Z', '2025-03-11', false, '23:59:59 on 03-10 in Shanghai: 03-11 is tomorrow'],
    ['2025-03-10T16:00:00.000Z', '2025-03-11', true, '00:00 on 03-11 in Shanghai: 03-11 is today'],
    ['2025-03-10T16:00:00.000Z', '2025-03-12', false, '00:00 on 03-11 in Shanghai: 03-12 is tomorrow'],
  ])('at %s a change effective %s applies at once: %s (%s)', async (now, date, applied) => {
    await newMine('m-tz');
    clock.set(now);
    const result = await change('m-tz', 'suspended', date);
    expect(result.applied).toBe(applied);
    expect(await getMine(store, 'm-tz')).toMatchObject({ status: applied ? 'suspended' : 'producing' });
  });
});

describe('a change effective in the future', () => {
  const DUE = '2025-03-15';

  it('waits, then the nightly job applies it on its date, once', async () => {
    await newMine('m-future');
    const result = await change('m-future', 'suspended', DUE, '计划停产');
    expect(result).toMatchObject({
      applied: false,
      mine: { status: 'producing', version: 1 },
      entry: { status: 'suspended', previousStatus: 'producing', effectiveDate: DUE, applied: false },
    });
    expect(await getMine(store, 'm-future')).toMatchObject({
      status: 'producing',
      statusSince: '2024-06-01',
      version: 1,
    });
    expect((await history('m-future')).map((e) => [e.status, e.effectiveDate, e.applied])).toEqual([
      ['suspended', DUE, false],
      ['producing', '2024-06-01', true],
    ]);
    expect((await dueOn(DUE)).map((e) => e.mineId)).toEqual(['m-future']);
    expect((await auditEvents(db, 'm-future'))[0]).toMatchObject({
      action: 'mine.status_scheduled',
      before: { status: 'producing' },
      after: { status: 'suspended', effectiveDate: DUE },
    });

    clock.set(at(addDays(DUE, -1)));
    expect(await applyDueStatusChanges(db, addDays(DUE, -1))).toEqual({ applied: [], retried: 0 });
    expect(await getMine(store, 'm-future')).toMatchObject({ status: 'producing', version: 1 });

    clock.set(at(DUE));
    const auditBefore = (await auditEvents(db, 'm-future')).length;
    expect(await applyDueStatusChanges(db, DUE)).toEqual({
      applied: [{ mineId: 'm-future', status: 'suspended', effectiveDate: DUE }],
      retried: 0,
    });
    expect(await getMine(store, 'm-future')).toMatchObject({ status: 'suspended', statusSince: DUE, version: 2 });
    expect((await history('m-future'))[0]).toMatchObject({ status: 'suspended', effectiveDate: DUE, applied: true });
    expect(await dueOn(DUE)).toEqual([]);
    const events = await auditEvents(db, 'm-future');
    expect(events).toHaveLength(auditBefore + 1);
    expect(events[0]).toMatchObject({
      action: 'mine.status_changed',
      actor: { sub: 'system:mine-status-effective', role: 'system' },
      before: { status: 'producing', statusSince: '2024-06-01' },
      after: { status: 'suspended', statusSince: DUE },
      reason: '计划停产',
    });

    const settled = await minePartition(db, 'm-future');
    expect(await applyDueStatusChanges(db, DUE)).toEqual({ applied: [], retried: 0 });
    expect(await applyDueStatusChanges(db, addDays(DUE, 1))).toEqual({ applied: [], retried: 0 });
    expect(await minePartition(db, 'm-future')).toEqual(settled);
  });

  it('a change due three days ago that the job missed is caught up, effective from its own date', async () => {
    await newMine('m-missed');
    await change('m-missed', 'rectifying', '2025-03-12');
    clock.set(at('2025-03-15'));
    expect(await applyDueStatusChanges(db, '2025-03-15')).toEqual({
      applied: [{ mineId: 'm-missed', status: 'rectifying', effectiveDate: '2025-03-12' }],
      retried: 0,
    });
    expect(await getMine(store, 'm-missed')).toMatchObject({ status: 'rectifying', statusSince: '2025-03-12' });
  });

  it.each([
    [CATCH_UP_DAYS - 1, true],
    [CATCH_UP_DAYS, false],
  ])('the job looks back a week: a change %i days overdue is applied: %s', async (late, applied) => {
    await newMine('m-window');
    await change('m-window', 'suspended', '2025-03-12');
    const runOn = addDays('2025-03-12', late);
    clock.set(at(runOn));
    const result = await applyDueStatusChanges(db, runOn);
    expect(result.applied.map((a) => a.mineId)).toEqual(applied ? ['m-window'] : []);
    expect(await getMine(store, 'm-window')).toMatchObject({ status: applied ? 'suspended' : 'producing' });
  });

  it('two changes scheduled for one mine land in date order', async () => {
    await newMine('m-two');
    await change('m-two', 'suspended', '2025-03-12', '一');
    await change('m-two', 'rectifying', '2025-03-13', '二');
    clock.set(at('2025-03-13'));
    const result = await applyDueStatusChanges(db, '2025-03-13');
    expect(result.applied).toEqual([
      { mineId: 'm-two', status: 'suspended', effectiveDate: '2025-03-12' },
      { mineId: 'm-two', status: 'rectifying', effectiveDate: '2025-03-13' },
    ]);
    expect(await getMine(store, 'm-two')).toMatchObject({
      status: 'rectifying',
      statusSince: '2025-03-13',
      version: 3,
    });
    expect((await history('m-two')).map((e) => [e.status, e.previousStatus, e.applied])).toEqual([
      ['rectifying', 'suspended', true],
      ['suspended', 'producing', true],
      ['producing', null, true],
    ]);
  });

  it('the job applies the changes of every mine due, and only those', async () => {
    await newMine('m-a');
    await newMine('m-b');
    await newMine('m-c');
    await change('m-a', 'suspended', '2025-03-12');
    await change('m-b', 'construction', '2025-03-13');
    await change('m-c', 'suspended', '2025-03-20');
    clock.set(at('2025-03-13'));
    const result = await applyDueStatusChanges(db, '2025-03-13');
    expect(result.applied.map((a) => a.mineId).sort()).toEqual(['m-a', 'm-b']);
    expect(await getMine(store, 'm-c')).toMatchObject({ status: 'producing' });
  });

  it.each([
    ['a change dated before the scheduled one', 'producing' as const, TODAY],
    ['a change to the status already scheduled', 'suspended' as const, '2025-03-20'],
  ])('refuses %s', async (_, status, date) => {
    await newMine('m-pending');
    await change('m-pending', 'suspended', DUE);
    const before = await minePartition(db, 'm-pending');
    await ruleRefusal(change('m-pending', status, date));
    expect(await minePartition(db, 'm-pending')).toEqual(before);
  });

  // A scheduled closure is final too: otherwise a later change would be applied after it by the nightly job,
  // and the registry itself would revive a closed mine (死灰复燃).
  it('a mine with a closure scheduled cannot be given any later status', async () => {
    await newMine('m-revive');
    await change('m-revive', 'closed', '2025-03-15', '关闭退出');
    await ruleRefusal(change('m-revive', 'producing', '2025-03-20', '复产'));
  });
});
