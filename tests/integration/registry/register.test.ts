// The versioned register on DynamoDB Local, with the mine as an adversary of the evidence against it: a bureau admin's
// change is in force from its day, versioned and audited; a mine's change is a request that counts for nothing until a
// bureau user (never the requester) approves it; a grid account belongs to one meter a day across the platform,
// decided by the table, and only bureau users bind one; the register of a past day never moves with a later change.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { equipment, meters, type PutOutcome, type RemoveOutcome, registerOn } from '#lib/registry/equipment.ts';
import { accountBindings, accountChangeWrites, bindingOn } from '#lib/registry/grid-accounts.ts';
import { createMine } from '#lib/registry/mines.ts';
import {
  decideRegisterRequest,
  listMineRegisterRequests,
  listPendingRegisterRequests,
  type RegisterRequestView,
} from '#lib/registry/register-requests.ts';
import { equipmentBody, meterBody } from '#lib/registry/schemas.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { transact } from '#lib/store/transact.ts';
import { admin, auditEvents, bureau, inspectorAt, mineInput, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

// 10:00 in Shanghai on 2025-03-10.
const clock = testClock('2025-03-10T02:00:00.000Z');
const TODAY = '2025-03-10';
const DISTRICT = 'hlj/hegang/dongshan';
const ADMIN = admin(DISTRICT, 'admin-ds');
const INSPECTOR = inspectorAt(DISTRICT, 'insp-1');
const INSPECTOR_2 = inspectorAt(DISTRICT, 'insp-2');
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const as = (p: Principal) => new TenantStore(db, p);
const newMine = (mineId: string, jurisdiction = DISTRICT) =>
  createMine(as(admin(jurisdiction)), mineInput(mineId, { jurisdiction }));
const fan = (b: Record<string, unknown> = {}) =>
  equipmentBody.parse({ name: '主通风机', ratedKw: 250, circuit: 'ventilation', mustRunWhenStopped: true, ...b });
const meter = (b: Record<string, unknown> = {}) => meterBody.parse({ name: '总进线电表', serialNo: 'DS-1', ...b });
const mustRunKw = async (mineId: string, date: string) =>
  (await registerOn(db, mineId, date)).equipment.filter((e) => e.mustRunWhenStopped).reduce((s, e) => s + e.ratedKw, 0);
const meterIds = async (mineId: string, date: string) =>
  (await registerOn(db, mineId, date)).meters.map((m) => m.meterId);

async function refusal<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
const requested = (outcome: PutOutcome<'equipment' | 'meter'> | RemoveOutcome): RegisterRequestView => {
  if (outcome.outcome !== 'requested') throw new Error(`expected a request, got ${outcome.outcome}`);
  return outcome.request;
};

describe('a bureau admin’s change: in force from its day, versioned, audited', () => {
  it('creates, replaces with the version read, refuses a stale one, and keeps each day’s version', async () => {
    await newMine('m-adm');
    const store = as(ADMIN);
    const created = await equipment.put(store, 'm-adm', 'fan-1', fan({ effectiveFrom: '2025-01-01' }));
    expect(created).toMatchObject({
      outcome: 'applied',
      created: true,
      record: { version: 1, effectiveFrom: '2025-01-01' },
    });
    await refusal(equipment.put(store, 'm-adm', 'fan-1', fan({ ratedKw: 300 })), ConflictError);
    const replaced = await equipment.put(store, 'm-adm', 'fan-1', fan({ ratedKw: 300, version: 1 }));
    expect(replaced).toMatchObject({
      outcome: 'applied',
      created: false,
      record: { ratedKw: 300, version: 2, effectiveFrom: TODAY },
    });
    const stale = await refusal(
      equipment.put(store, 'm-adm', 'fan-1', fan({ ratedKw: 310, version: 1 })),
      ConflictError,
    );
    expect(stale.fields).toEqual([{ field: 'body.version', message: '记录已被他人修改，请刷新后重试' }]);

    expect(await mustRunKw('m-adm', '2025-03-09')).toBe(250);
    expect(await mustRunKw('m-adm', TODAY)).toBe(300);
    expect(await equipment.get(store, 'm-adm', 'fan-1', '2025-02-01')).toMatchObject({ ratedKw: 250, version: 2 });
    await refusal(equipment.get(store, 'm-adm', 'fan-1', '2024-12-31'), NotFoundError);
    expect((await auditEvents(db, 'm-adm'))[0]).toMatchObject({
      action: 'equipment.updated',
      actor: { sub: 'admin-ds', role: 'bureau_admin' },
      before: { ratedKw: 250 },
      after: { ratedKw: 300, effectiveFrom: TODAY },
    });
  });

  it('a version is never dated before the record’s latest one (422 naming the field)', async () => {
    const store = as(ADMIN);
    const early = await refusal(
      equipment.put(store, 'm-adm', 'fan-1', fan({ version: 2, effectiveFrom: '2025-03-09' })),
      RuleError,
    );
    expect(early.fields).toEqual([{ field: 'body.effectiveFrom', message: '须为 2025-03-10 或之后' }]);
  });

  it('a removal takes effect from its day; the days before keep the record; it may come back later', async () => {
    const store = as(ADMIN);
    await refusal(equipment.remove(store, 'm-adm', 'fan-1', 1, { effectiveFrom: '2025-04-01' }), ConflictError);
    expect(await equipment.remove(store, 'm-adm', 'fan-1', 2, { effectiveFrom: '2025-04-01' })).toEqual({
      outcome: 'applied',
    });
    expect(await mustRunKw('m-adm', '2025-03-31')).toBe(300);
    expect(await mustRunKw('m-adm', '2025-04-01')).toBe(0);
    expect((await equipment.list(store, 'm-adm', '2025-04-01')).map((e) => e.equipmentId)).toEqual([]);
    expect((await equipment.list(store, 'm-adm')).map((e) => e.equipmentId)).toEqual(['fan-1']);
    expect((await auditEvents(db, 'm-adm'))[0]).toMatchObject({
      action: 'equipment.deleted',
      after: { removed: true, effectiveFrom: '2025-04-01' },
    });
    await refusal(equipment.remove(store, 'm-adm', 'fan-1', 3, { effectiveFrom: '2025-05-01' }), NotFoundError);
    const back = await equipment.put(store, 'm-adm', 'fan-1', fan({ ratedKw: 90, effectiveFrom: '2025-05-01' }));
    expect(back).toMatchObject({ outcome: 'applied', created: true, record: { ratedKw: 90, version: 4 } });
    expect(await mustRunKw('m-adm', '2025-04-30')).toBe(0);
    expect(await mustRunKw('m-adm', '2025-05-01')).toBe(90);
  });
});

describe('a mine’s change is a request: nothing counts until a bureau user approves it', () => {
  it('adding must-run equipment leaves the register (and the load a stopped day is excused) as it was', async () => {
    await newMine('m-run');
    await equipment.put(as(ADMIN), 'm-run', 'fan-1', fan({ effectiveFrom: '2025-01-01' }));
    const staff = as(mineUser('m-run', 'staff-7'));
    const request = requested(
      await equipment.put(staff, 'm-run', 'pump-9', fan({ name: '大功率排水泵', ratedKw: 2000, circuit: 'drainage' })),
    );
    expect(request).toMatchObject({
      status: 'pending',
      kind: 'equipment',
      itemId: 'pump-9',
      change: 'put',
      effectiveFrom: TODAY,
      requestedBy: { sub: 'staff-7', role: 'mine_user' },
      baseVersion: null,
    });
    for (const date of [TODAY, '2025-12-31']) expect(await mustRunKw('m-run', date)).toBe(250);
    await refusal(equipment.get(staff, 'm-run', 'pump-9'), NotFoundError);
    expect((await auditEvents(db, 'm-run'))[0]).toMatchObject({ action: 'register_request.created' });
    expect((await listMineRegisterRequests(staff, 'm-run', {})).items.map((r) => r.requestId)).toEqual([
      request.requestId,
    ]);
    expect(
      (await listPendingRegisterRequests(as(INSPECTOR), {})).items.some((r) => r.requestId === request.requestId),
    ).toBe(true);
  });

  it('a mine may not date its request back', async () => {
    const early = await refusal(
      equipment.put(as(mineUser('m-run')), 'm-run', 'pump-8', fan({ effectiveFrom: '2025-03-09' })),
      ValidationError,
    );
    expect(early.fields).toEqual([{ field: 'body.effectiveFrom', message: '须为 2025-03-10 或之后' }]);
  });

  it('deleting a meter leaves it expected; once approved it is gone from the approved day on', async () => {
    await newMine('m-del');
    await meters.put(as(ADMIN), 'm-del', 'main', meter({ effectiveFrom: '2025-01-01' }));
    const request = requested(await meters.remove(as(mineUser('m-del')), 'm-del', 'main', 1));
    expect(request).toMatchObject({ change: 'remove', baseVersion: 1 });
    expect(await meterIds('m-del', TODAY)).toEqual(['main']);
    expect(await meterIds('m-del', '2026-01-01')).toEqual(['main']);

    const approved = await decideRegisterRequest(as(INSPECTOR), 'm-del', request.requestId, 'approve', {
      version: 1,
      effectiveFrom: '2025-03-20',
    });
    expect(approved).toMatchObject({ status: 'approved', effectiveFrom: '2025-03-20', decidedBy: { sub: 'insp-1' } });
    expect(await meterIds('m-del', '2025-03-19')).toEqual(['main']);
    expect(await meterIds('m-del', '2025-03-20')).toEqual([]);
    const [decision, change] = (await auditEvents(db, 'm-del')).filter((e) =>
      ['register_request.approved', 'meter.deleted'].includes(e.action),
    );
    expect([decision?.action, change?.action].sort()).toEqual(['meter.deleted', 'register_request.approved']);
    expect((await listPendingRegisterRequests(as(INSPECTOR), { mineId: 'm-del' })).items).toEqual([]);
  });

  it('the approver keeps the day asked for or sets a later one, never an earlier one', async () => {
    await newMine('m-day');
    const staff = as(mineUser('m-day'));
    const request = requested(await equipment.put(staff, 'm-day', 'fan-2', fan({ effectiveFrom: '2025-03-15' })));
    const early = await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-day', request.requestId, 'approve', {
        version: 1,
        effectiveFrom: '2025-03-14',
      }),
      RuleError,
    );
    expect(early.fields).toEqual([{ field: 'body.effectiveFrom', message: '须为 2025-03-15 或之后' }]);
    await decideRegisterRequest(as(INSPECTOR), 'm-day', request.requestId, 'approve', { version: 1 });
    expect(await mustRunKw('m-day', '2025-03-14')).toBe(0);
    expect(await mustRunKw('m-day', '2025-03-15')).toBe(250);
    const item = await equipment.get(as(ADMIN), 'm-day', 'fan-2', '2025-03-15');
    expect(item).toMatchObject({ effectiveFrom: '2025-03-15', version: 1 });
    const stored = await getItem<{ versions: unknown[] }>(db, { PK: 'MINE#m-day', SK: 'REG#EQUIP#fan-2' });
    expect(stored?.versions).toEqual([
      expect.objectContaining({
        effectiveFrom: '2025-03-15',
        requestId: request.requestId,
        requestedBy: expect.objectContaining({ role: 'mine_user' }),
        recordedBy: expect.objectContaining({ sub: 'insp-1' }),
      }),
    ]);
  });

  it('a rejection needs a reason, changes nothing, and a decided request is decided once', async () => {
    await newMine('m-rej');
    const request = requested(await equipment.put(as(mineUser('m-rej')), 'm-rej', 'fan-3', fan()));
    const rejected = await decideRegisterRequest(as(ADMIN), 'm-rej', request.requestId, 'reject', {
      version: 1,
      reason: '现场核查无此设备',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '现场核查无此设备', version: 2 });
    expect(await mustRunKw('m-rej', '2030-01-01')).toBe(0);
    await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-rej', request.requestId, 'approve', { version: 2 }),
      RuleError,
    );
    await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-rej', request.requestId, 'approve', { version: 1 }),
      RuleError,
    );
  });

  it('four-eyes: an inspector’s own request is approved by someone else; the mine never approves', async () => {
    await newMine('m-4e');
    const request = requested(await equipment.put(as(INSPECTOR), 'm-4e', 'fan-1', fan()));
    await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-4e', request.requestId, 'approve', { version: 1 }),
      RuleError,
    );
    await refusal(
      decideRegisterRequest(as(mineUser('m-4e')), 'm-4e', request.requestId, 'approve', { version: 1 }),
      ForbiddenError,
    );
    await refusal(
      decideRegisterRequest(as(bureau('legal_reviewer', DISTRICT)), 'm-4e', request.requestId, 'approve', {
        version: 1,
      }),
      ForbiddenError,
    );
    await decideRegisterRequest(as(INSPECTOR_2), 'm-4e', request.requestId, 'approve', { version: 1 });
    expect(await mustRunKw('m-4e', TODAY)).toBe(250);
  });

  it('a request whose record changed since cannot be approved (it would undo the change in between)', async () => {
    await newMine('m-stale');
    await equipment.put(as(ADMIN), 'm-stale', 'fan-1', fan({ effectiveFrom: '2025-01-01' }));
    const request = requested(
      await equipment.put(as(mineUser('m-stale')), 'm-stale', 'fan-1', fan({ ratedKw: 900, version: 1 })),
    );
    await equipment.put(as(ADMIN), 'm-stale', 'fan-1', fan({ ratedKw: 200, version: 1 }));
    const stale = await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-stale', request.requestId, 'approve', { version: 1 }),
      ConflictError,
    );
    expect(stale.fields).toEqual([{ field: 'path.requestId', message: '提出申请后该台账已有变化，请重新提出申请' }]);
    expect(await mustRunKw('m-stale', TODAY)).toBe(200);
  });

  it('another mine, or another jurisdiction, sees nothing of a mine’s requests', async () => {
    await newMine('m-xs', 'hlj/hegang/xingshan');
    const request = requested(await equipment.put(as(mineUser('m-xs')), 'm-xs', 'fan-1', fan()));
    await refusal(listMineRegisterRequests(as(mineUser('m-run')), 'm-xs', {}), NotFoundError);
    await refusal(
      decideRegisterRequest(as(INSPECTOR), 'm-xs', request.requestId, 'approve', { version: 1 }),
      NotFoundError,
    );
    const pending = await listPendingRegisterRequests(as(INSPECTOR), { limit: 200 });
    expect(pending.items.some((r) => r.mineId === 'm-xs')).toBe(false);
    expect(pending.items.length).toBeGreaterThan(0);
    expect(
      (await listPendingRegisterRequests(as(inspectorAt('hlj/hegang/xingshan')), {})).items.map((r) => r.requestId),
    ).toEqual([request.requestId]);
    expect((await listPendingRegisterRequests(as(INSPECTOR), { jurisdiction: 'hlj/hegang/xingshan' })).items).toEqual(
      [],
    );
  });
});

describe('grid accounts: one meter a day, across the platform, bound by bureau users only', () => {
  it('a mine may not put another mine’s account on its meter (403 naming the field); the account stays put', async () => {
    await newMine('m-acct-a');
    await newMine('m-acct-b');
    await meters.put(
      as(ADMIN),
      'm-acct-a',
      'main',
      meter({ gridAccountNo: '9000000001', effectiveFrom: '2025-01-01' }),
    );
    await meters.put(as(ADMIN), 'm-acct-b', 'main', meter({ effectiveFrom: '2025-01-01' }));
    const thief = as(mineUser('m-acct-b'));
    const forbidden = await refusal(
      meters.put(thief, 'm-acct-b', 'main', meter({ gridAccountNo: '9000000001', version: 1 })),
      ForbiddenError,
    );
    expect(forbidden.fields).toEqual([{ field: 'body.gridAccountNo', message: '电网户号只能由监管部门绑定' }]);
    await refusal(meters.put(thief, 'm-acct-b', 'spare', meter({ gridAccountNo: '9000000002' })), ForbiddenError);
    const bindings = await accountBindings(db, ['9000000001', '9000000002']);
    expect(bindings.get('9000000001')).toEqual([{ mineId: 'm-acct-a', meterId: 'main', from: '2025-01-01' }]);
    expect(bindings.has('9000000002')).toBe(false);
    expect((await listMineRegisterRequests(thief, 'm-acct-b', {})).items).toEqual([]);
  });

  it('a mine’s meter change keeps the account the bureau bound: it can neither drop nor move it', async () => {
    const owner = as(mineUser('m-acct-a'));
    // Sending back the account the meter has is fine; leaving it out does not unbind it either.
    const same = requested(
      await meters.put(
        owner,
        'm-acct-a',
        'main',
        meter({ name: '总表（更名）', gridAccountNo: '9000000001', version: 1 }),
      ),
    );
    expect(same.fields).not.toHaveProperty('gridAccountNo');
    await decideRegisterRequest(as(INSPECTOR), 'm-acct-a', same.requestId, 'approve', { version: 1 });
    expect(await meters.get(owner, 'm-acct-a', 'main')).toMatchObject({
      name: '总表（更名）',
      gridAccountNo: '9000000001',
    });
    expect((await accountBindings(db, ['9000000001'])).get('9000000001')).toHaveLength(1);
  });

  it('two meters claiming one account: the table lets exactly one have it', async () => {
    await newMine('m-race-a');
    await newMine('m-race-b');
    const claims = await Promise.allSettled(
      ['m-race-a', 'm-race-b'].map((mineId) =>
        meters.put(as(ADMIN), mineId, 'main', meter({ gridAccountNo: '9000000100' })),
      ),
    );
    expect(claims.map((c) => c.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = claims.find((c) => c.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect((await accountBindings(db, ['9000000100'])).get('9000000100')).toHaveLength(1);

    // Decided by the write's condition, not by a read before it: two binds built from the same (empty) account,
    // as two callers racing would build them, and the second transaction is refused.
    const build = (mineId: string) =>
      accountChangeWrites(db, {
        meter: { mineId, meterId: 'hoist' },
        jurisdiction: DISTRICT,
        before: undefined,
        after: '9000000101',
        effectiveFrom: TODAY,
        actor: actorOf(ADMIN),
        at: clock.now().toISOString(),
        field: 'body.gridAccountNo',
      });
    const [first, second] = await Promise.all([build('m-race-a'), build('m-race-b')]);
    await transact(db, first!);
    const refused = await refusal(transact(db, second!), ConflictError);
    expect(refused.fields).toEqual([{ field: 'body.gridAccountNo', message: '该户号已绑定在其他电表上' }]);
    expect((await accountBindings(db, ['9000000101'])).get('9000000101')).toEqual([
      { mineId: 'm-race-a', meterId: 'hoist', from: TODAY },
    ]);
  });

  it('a rebinding from a day on moves no earlier day; both are audited with their day', async () => {
    await newMine('m-old');
    await newMine('m-new');
    const store = as(ADMIN);
    await meters.put(store, 'm-old', 'main', meter({ gridAccountNo: '9000000200', effectiveFrom: '2025-01-01' }));
    // Taken while the old meter still has it: refused.
    await refusal(
      meters.put(store, 'm-new', 'main', meter({ gridAccountNo: '9000000200', effectiveFrom: '2025-04-01' })),
      ConflictError,
    );
    await meters.put(store, 'm-old', 'main', meter({ version: 1, effectiveFrom: '2025-04-01' }));
    await refusal(
      meters.put(store, 'm-new', 'main', meter({ gridAccountNo: '9000000200', effectiveFrom: '2025-03-31' })),
      ConflictError,
    );
    await meters.put(store, 'm-new', 'main', meter({ gridAccountNo: '9000000200', effectiveFrom: '2025-04-01' }));
    const bindings = (await accountBindings(db, ['9000000200'])).get('9000000200')!;
    expect(bindingOn(bindings, '2025-03-31')).toMatchObject({ mineId: 'm-old' });
    expect(bindingOn(bindings, '2025-04-01')).toMatchObject({ mineId: 'm-new' });
    expect((await auditEvents(db, 'm-old')).find((e) => e.action === 'grid_account.released')).toMatchObject({
      entityType: 'gridAccount',
      entityId: '9000000200',
      after: { accountNo: '9000000200', meterId: 'main', until: '2025-03-31' },
    });
    expect((await auditEvents(db, 'm-new')).find((e) => e.action === 'grid_account.bound')).toMatchObject({
      entityId: '9000000200',
      after: { from: '2025-04-01' },
    });
  });

  it('removing a meter releases its account from that day', async () => {
    await newMine('m-gone');
    const store = as(ADMIN);
    await meters.put(store, 'm-gone', 'main', meter({ gridAccountNo: '9000000300', effectiveFrom: '2025-01-01' }));
    await meters.remove(store, 'm-gone', 'main', 1, { effectiveFrom: '2025-06-01' });
    const bindings = (await accountBindings(db, ['9000000300'])).get('9000000300')!;
    expect(bindingOn(bindings, '2025-05-31')).toMatchObject({ mineId: 'm-gone' });
    expect(bindingOn(bindings, '2025-06-01')).toBeUndefined();
  });

  it('an inspector may ask to bind an account; it is bound only when another bureau user approves', async () => {
    await newMine('m-insp');
    await meters.put(as(ADMIN), 'm-insp', 'main', meter({ effectiveFrom: '2025-01-01' }));
    const request = requested(
      await meters.put(as(INSPECTOR), 'm-insp', 'main', meter({ gridAccountNo: '9000000400', version: 1 })),
    );
    expect((await accountBindings(db, ['9000000400'])).has('9000000400')).toBe(false);
    await decideRegisterRequest(as(ADMIN), 'm-insp', request.requestId, 'approve', { version: 1 });
    expect((await accountBindings(db, ['9000000400'])).get('9000000400')).toEqual([
      { mineId: 'm-insp', meterId: 'main', from: TODAY },
    ]);
  });
});
