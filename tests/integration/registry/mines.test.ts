// One file per mine (一矿一档) on the real table: a mine is created whole or not at all, its credit code belongs to
// one mine at a time, edits need the version the editor read, and every change leaves exactly one audit event
// saying who, when, and what changed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { assignOfficial, updateContacts } from '#lib/registry/mine-contacts.ts';
import { createMine, getMine, patchMine } from '#lib/registry/mines.ts';
import { patchMineBody } from '#lib/registry/schemas.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { installIdentityProvider } from '#lib/users/identity.ts';
import { updateUser } from '#lib/users/manage-users.ts';
import { localIdentity } from '#local/local-identity.ts';
import { inDirectory } from '../../support/directory.ts';
import {
  admin,
  auditEvents,
  bureau,
  creditCodeFor,
  mineInput,
  minePartition,
  mineUser,
  partner,
  profileItem,
  withWrongCheckChar,
} from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const DONGSHAN = 'hlj/hegang/dongshan';
const clock = testClock('2025-03-10T02:00:00.000Z'); // 10:00 on 2025-03-10 in Asia/Shanghai
let db: Db;
let store: TenantStore;
const ADMIN = admin(DONGSHAN, 'admin-dongshan');

beforeAll(async () => {
  db = await testDb({ now: clock.now });
  store = new TenantStore(db, ADMIN);
  // The officials the mines are assigned: users of the directory.
  await inDirectory(db, bureau('inspector', DONGSHAN, 'u-9'), { name: '包保干部' });
});

const as = (p: Principal) => new TenantStore(db, p);
const patch = (mineId: string, body: Record<string, unknown>, by: TenantStore = store) =>
  patchMine(by, mineId, patchMineBody.parse(body));
const creditCodeOwner = (code: string) => getItem<{ mineId: string }>(db, { PK: `CREDITCODE#${code}`, SK: 'MINE' });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('create and read a mine', () => {
  it('returns what it stored, and a read gives the same file', async () => {
    const created = await createMine(store, mineInput('m-create', { name: '泰源煤矿', address: '东山区' }));
    expect(created).toMatchObject({
      mineId: 'm-create',
      name: '泰源煤矿',
      address: '东山区',
      jurisdiction: DONGSHAN,
      creditCode: creditCodeFor('m-create'),
      creditCodeCheckValid: true,
      status: 'producing',
      statusLabel: '生产',
      statusSince: '2025-03-10',
      version: 1,
    });
    expect(created).not.toHaveProperty('warnings');
    for (const key of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity']) expect(created).not.toHaveProperty(key);
    expect(await getMine(store, 'm-create')).toEqual(created);
    expect(await creditCodeOwner(creditCodeFor('m-create'))).toMatchObject({ mineId: 'm-create' });
  });

  it('stores a mine whose credit code fails the check character, with a warning', async () => {
    const created = await createMine(store, mineInput('m-badcheck', { creditCode: '91350203M0001QAY9B' }));
    expect(created.creditCodeCheckValid).toBe(false);
    expect(created.warnings).toEqual([
      { field: 'body.creditCode', code: 'CREDIT_CODE_CHECK_CHARACTER', message: expect.stringContaining('9') },
    ]);
    expect(await getMine(store, 'm-badcheck')).toMatchObject({
      creditCode: '91350203M0001QAY9B',
      creditCodeCheckValid: false,
    });
  });

  it('normalises the credit code before storing it', async () => {
    const code = creditCodeFor('m-lower');
    const created = await createMine(store, mineInput('m-lower', { creditCode: `  ${code.toLowerCase()} ` }));
    expect(created.creditCode).toBe(code);
  });

  it('refuses a credit code another mine holds and writes nothing for the second mine', async () => {
    const code = creditCodeFor('m-first');
    await createMine(store, mineInput('m-first', { creditCode: code }));
    const error = await rejection(createMine(store, mineInput('m-second', { creditCode: code.toLowerCase() })));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([{ field: 'body.creditCode', message: expect.any(String) }]);
    expect(await profileItem(db, 'm-second')).toBeUndefined();
    expect(await minePartition(db, 'm-second')).toEqual([]);
    expect(await auditEvents(db, 'm-second')).toEqual([]);
    expect(await creditCodeOwner(code)).toMatchObject({ mineId: 'm-first' });
  });

  it('refuses an existing mineId and leaves the first mine as it was', async () => {
    await createMine(store, mineInput('m-dupid', { name: '原矿' }));
    const before = await minePartition(db, 'm-dupid');
    const error = await rejection(
      createMine(store, mineInput('m-dupid', { name: '冒名矿', creditCode: creditCodeFor('other') })),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([{ field: 'body.mineId', message: expect.any(String) }]);
    expect(await minePartition(db, 'm-dupid')).toEqual(before);
    expect(await creditCodeOwner(creditCodeFor('other'))).toBeUndefined();
  });

  it.each([
    [DONGSHAN, true],
    [`${DONGSHAN}/north`, true],
    ['hlj/hegang', false],
    ['hlj/hegang/xingshan', false],
    ['hlj/hegang/dongshanx', false],
    ['jl/hegang/dongshan', false],
  ])('an admin at hlj/hegang/dongshan placing a mine in %s: allowed %s', async (jurisdiction, allowed) => {
    const mineId = `m-place-${jurisdiction.replace(/\//g, '-')}`;
    const attempt = createMine(store, mineInput(mineId, { jurisdiction }));
    if (allowed) {
      await expect(attempt).resolves.toMatchObject({ mineId, jurisdiction });
    } else {
      const error = await rejection(attempt);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).fields).toEqual([{ field: 'body.jurisdiction', message: expect.any(String) }]);
      expect(await minePartition(db, mineId)).toEqual([]);
    }
  });

  it.each([
    ['a mine user', mineUser('m-create')],
    ['a partner department', partner()],
  ])('%s cannot create a mine', async (_, principal) => {
    await expect(createMine(as(principal), mineInput('m-nobody'))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await profileItem(db, 'm-nobody')).toBeUndefined();
  });

  it.each([
    ['2025-03-10', true],
    ['2020-01-01', true],
    ['2025-03-11', false],
  ])('a status effective date of %s at creation (today is 2025-03-10): accepted %s', async (date, ok) => {
    const mineId = `m-since-${date}`;
    const attempt = createMine(store, mineInput(mineId, { statusEffectiveDate: date }));
    if (ok) await expect(attempt).resolves.toMatchObject({ statusSince: date });
    else await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('edit a mine', () => {
  it('refuses a stale version and keeps the stored profile', async () => {
    await createMine(store, mineInput('m-stale', { name: '旧名' }));
    const v2 = await patch('m-stale', { version: 1, name: '新名' });
    expect(v2).toMatchObject({ name: '新名', version: 2 });
    const stored = await profileItem(db, 'm-stale');
    const events = (await auditEvents(db, 'm-stale')).length;
    await expect(patch('m-stale', { version: 1, name: '另一个名' })).rejects.toBeInstanceOf(ConflictError);
    await expect(patch('m-stale', { version: 3, name: '另一个名' })).rejects.toBeInstanceOf(ConflictError);
    expect(await profileItem(db, 'm-stale')).toEqual(stored);
    expect(await auditEvents(db, 'm-stale')).toHaveLength(events);
  });

  it('a patch that changes nothing writes nothing', async () => {
    await createMine(store, mineInput('m-noop', { name: '不变' }));
    const stored = await profileItem(db, 'm-noop');
    expect(await patch('m-noop', { version: 1, name: '不变' })).toMatchObject({ version: 1 });
    expect(await profileItem(db, 'm-noop')).toEqual(stored);
    expect(await auditEvents(db, 'm-noop')).toHaveLength(1);
  });

  it('a new credit code frees the old one, and the audit event shows only what changed', async () => {
    const oldCode = creditCodeFor('m-recode-old');
    const newCode = creditCodeFor('m-recode-new');
    await createMine(store, mineInput('m-recode', { creditCode: oldCode }));
    const after = await patch('m-recode', { version: 1, creditCode: newCode });
    expect(after).toMatchObject({ creditCode: newCode, creditCodeCheckValid: true, version: 2 });
    expect(after).not.toHaveProperty('warnings');
    expect(await creditCodeOwner(oldCode)).toBeUndefined();
    expect(await creditCodeOwner(newCode)).toMatchObject({ mineId: 'm-recode' });

    const [event] = await auditEvents(db, 'm-recode');
    expect(event).toMatchObject({
      action: 'mine.updated',
      entityType: 'mine',
      entityId: 'm-recode',
      before: { creditCode: oldCode },
      after: { creditCode: newCode },
    });
    expect(event!.before).toEqual({ creditCode: oldCode });
    expect(event!.after).toEqual({ creditCode: newCode });

    await expect(createMine(store, mineInput('m-takes-old', { creditCode: oldCode }))).resolves.toMatchObject({
      creditCode: oldCode,
    });
    await expect(createMine(store, mineInput('m-takes-new', { creditCode: newCode }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('a new credit code that fails the check is stored with a warning and the flag in the audit diff', async () => {
    const good = creditCodeFor('m-recheck');
    const bad = withWrongCheckChar(creditCodeFor('m-recheck-2'));
    await createMine(store, mineInput('m-recheck', { creditCode: good }));
    const after = await patch('m-recheck', { version: 1, creditCode: bad });
    expect(after).toMatchObject({
      creditCode: bad,
      creditCodeCheckValid: false,
      warnings: [{ field: 'body.creditCode', code: 'CREDIT_CODE_CHECK_CHARACTER' }],
    });
    const [event] = await auditEvents(db, 'm-recheck');
    expect(event!.before).toEqual({ creditCode: good, creditCodeCheckValid: true });
    expect(event!.after).toEqual({ creditCode: bad, creditCodeCheckValid: false });
  });

  it('refuses a credit code another mine holds, keeping both mines as they were', async () => {
    await createMine(store, mineInput('m-holder'));
    await createMine(store, mineInput('m-grabber'));
    const grabberBefore = await profileItem(db, 'm-grabber');
    const error = await rejection(patch('m-grabber', { version: 1, creditCode: creditCodeFor('m-holder') }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([{ field: 'body.creditCode', message: expect.any(String) }]);
    expect(await profileItem(db, 'm-grabber')).toEqual(grabberBefore);
    expect(await creditCodeOwner(creditCodeFor('m-grabber'))).toMatchObject({ mineId: 'm-grabber' });
    expect(await creditCodeOwner(creditCodeFor('m-holder'))).toMatchObject({ mineId: 'm-holder' });
    expect(await auditEvents(db, 'm-grabber')).toHaveLength(1);
  });

  it('refuses to move a mine out of the admin’s jurisdiction', async () => {
    await createMine(store, mineInput('m-move-out'));
    const error = await rejection(patch('m-move-out', { version: 1, jurisdiction: 'hlj/hegang/xingshan' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await getMine(store, 'm-move-out')).toMatchObject({ jurisdiction: DONGSHAN, version: 1 });
  });

  it('a mine outside the caller’s jurisdiction cannot be edited: 404', async () => {
    await createMine(store, mineInput('m-not-yours'));
    await expect(
      patch('m-not-yours', { version: 1, name: 'x' }, as(admin('hlj/hegang/xingshan'))),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await getMine(store, 'm-not-yours')).toMatchObject({ version: 1 });
  });
});

describe('the audit trail', () => {
  it('every change leaves exactly one event with actor, time and before/after; refusals and no-ops leave none', async () => {
    const mineId = 'm-audited';
    const named: Principal = {
      kind: 'bureau',
      sub: 'admin-007',
      role: 'bureau_admin',
      jurisdiction: DONGSHAN,
      name: '王局长',
    };
    const by = as(named);
    // Each step: what it does, and the audit action it must leave ('refused' and 'unchanged' leave none).
    const steps: [string, () => Promise<unknown>, string][] = [
      ['create', () => createMine(by, mineInput(mineId, { name: '审计矿' })), 'mine.created'],
      ['rename', () => patch(mineId, { version: 1, name: '审计一矿' }, by), 'mine.updated'],
      ['stale rename', () => patch(mineId, { version: 1, name: 'x' }, by), 'refused'],
      ['no-op patch', () => patch(mineId, { version: 2, name: '审计一矿' }, by), 'unchanged'],
      [
        'assign official',
        () => assignOfficial(by, mineId, { version: 2, userId: 'u-9', name: '包保干部' }),
        'mine.official_assigned',
      ],
      [
        'contacts',
        () => updateContacts(by, mineId, { version: 3, safetyManager: { name: '安全副矿长', mobile: '13900001111' } }),
        'mine.contacts_updated',
      ],
      [
        'status change',
        () => changeStatus(by, mineId, { status: 'suspended', reason: '停产检修', effectiveDate: '2025-03-10' }),
        'mine.status_changed',
      ],
      [
        'same status',
        () => changeStatus(by, mineId, { status: 'suspended', reason: 'x', effectiveDate: '2025-03-10' }),
        'refused',
      ],
      [
        'scheduled status change',
        () => changeStatus(by, mineId, { status: 'closed', reason: '关闭退出', effectiveDate: '2025-04-01' }),
        'mine.status_scheduled',
      ],
    ];
    for (const [name, step, action] of steps) {
      const before = await auditEvents(db, mineId);
      const start = clock.peek().toISOString();
      if (action === 'refused') await expect(step(), name).rejects.toBeInstanceOf(Error);
      else await step();
      const end = clock.peek().toISOString();
      const after = await auditEvents(db, mineId);
      if (action === 'refused' || action === 'unchanged') {
        expect(after, name).toEqual(before);
        continue;
      }
      expect(after.length, name).toBe(before.length + 1);
      const event = after[0]!;
      expect(event, name).toMatchObject({
        action,
        mineId,
        jurisdiction: DONGSHAN,
        entityType: 'mine',
        entityId: mineId,
        actor: { sub: 'admin-007', role: 'bureau_admin', name: '王局长' },
      });
      expect(event.at >= start && event.at < end, `${name}: at ${event.at} within ${start}..${end}`).toBe(true);
      expect(event.eventId).toMatch(/^ev-/);
      expect(event).toHaveProperty('before');
      expect(event).toHaveProperty('after');
    }

    const events = await auditEvents(db, mineId);
    const byAction = Object.fromEntries(events.map((e) => [e.action, e]));
    expect(byAction['mine.created']).toMatchObject({
      before: null,
      after: { mineId, name: '审计矿', status: 'producing', version: 1 },
    });
    expect(byAction['mine.updated']).toMatchObject({ before: { name: '审计矿' }, after: { name: '审计一矿' } });
    expect(byAction['mine.updated']!.before).toEqual({ name: '审计矿' });
    expect(byAction['mine.official_assigned']!.before).toEqual({ assignedOfficial: null });
    expect(byAction['mine.official_assigned']!.after).toEqual({
      assignedOfficial: { userId: 'u-9', name: '包保干部' },
    });
    expect(byAction['mine.status_changed']).toMatchObject({
      before: { status: 'producing' },
      after: { status: 'suspended' },
      reason: '停产检修',
    });
    expect(byAction['mine.status_scheduled']).toMatchObject({
      before: { status: 'suspended' },
      after: { status: 'closed', effectiveDate: '2025-04-01' },
      reason: '关闭退出',
    });
  });

  it('a mine user’s change to its own contacts names the mine user as the actor', async () => {
    await createMine(store, mineInput('m-self'));
    await updateContacts(as(mineUser('m-self', 'staff-1')), 'm-self', {
      version: 1,
      dispatchRoom: { phone: '0468-1234567' },
    });
    const [event] = await auditEvents(db, 'm-self');
    expect(event).toMatchObject({ action: 'mine.contacts_updated', actor: { sub: 'staff-1', role: 'mine_user' } });
    expect(event!.actor).not.toHaveProperty('name');
  });
});

describe('the assigned official (包保) a request names', () => {
  // The official is told of the mine's reminders, tier changes and listed hazards.
  const XINGSHAN = 'hlj/hegang/xingshan';
  const mineId = 'm-baobao';
  const named = {
    otherDistrict: bureau('inspector', XINGSHAN, 'xs-baobao'),
    deactivated: bureau('inspector', DONGSHAN, 'retired-baobao'),
    mineUser: mineUser(mineId, 'staff-baobao'),
    legalReviewer: bureau('legal_reviewer', DONGSHAN, 'legal-baobao'),
    valid: bureau('inspector', DONGSHAN, 'ds-baobao'),
  };
  const assign = async (userId: string) => {
    const { version } = await getMine(store, mineId);
    return assignOfficial(store, mineId, { version, userId, name: '自填姓名' });
  };

  beforeAll(async () => {
    installIdentityProvider(localIdentity());
    await createMine(store, mineInput(mineId));
    await inDirectory(db, named.otherDistrict);
    await inDirectory(db, named.deactivated);
    await inDirectory(db, named.mineUser, { jurisdiction: DONGSHAN });
    await inDirectory(db, named.legalReviewer);
    await inDirectory(db, named.valid, { name: '东山区包保干部' });
    await updateUser(store, named.deactivated.sub, { version: 1, active: false });
    return () => installIdentityProvider(undefined);
  });

  it.each([
    ['a user of another district', named.otherDistrict.sub],
    ['an id the directory does not know', 'u-nobody'],
    ['a deactivated user', named.deactivated.sub],
    ['a mine user', named.mineUser.sub],
    ['a legal reviewer', named.legalReviewer.sub],
  ])('%s: 422 naming body.userId, the profile and its audit trail unchanged', async (_, userId) => {
    const before = await profileItem(db, mineId);
    const events = await auditEvents(db, mineId);
    const refused = await assign(userId).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).fields.map((f) => f.field)).toEqual(['body.userId']);
    expect(await profileItem(db, mineId)).toEqual(before);
    expect(await auditEvents(db, mineId)).toEqual(events);
  });

  it('an inspector of the district: assigned under the directory’s name', async () => {
    const mine = await assign(named.valid.sub);
    expect(mine.assignedOfficial).toEqual({ userId: named.valid.sub, name: '东山区包保干部' });
  });
});
