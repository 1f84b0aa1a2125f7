// The user directory on DynamoDB Local through the tenant store, with a recording identity provider in place of
// Cognito: who may create whom, where each user is kept and indexed, what a bureau sees, versions and audit, the
// sign-in created, disabled and enabled alongside (and disabled again should the directory refuse a new one), and
// no plain sign-in address anywhere in the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { createMine, getMine, patchMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { findUser } from '#lib/users/directory.ts';
import { type IdentityProvider, installIdentityProvider, type NewIdentity } from '#lib/users/identity.ts';
import { createUser, getUser, listUsers, updateUser } from '#lib/users/manage-users.ts';
import { admin, bureau, mineInput, scanAll } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

const DS = 'hlj/hegang/dongshan';
const XS = 'hlj/hegang/xingshan';
const CITY = 'hlj/hegang';
const dsAdmin = admin(DS, 'ds-admin');
const xsAdmin = admin(XS, 'xs-admin');
const cityAdmin = admin(CITY, 'city-admin');
const dsInspector = bureau('inspector', DS, 'ds-inspector');

/** What the identity provider was asked, in order; each call sees the directory as it was at that moment. */
interface Call {
  readonly call: 'create' | 'disable' | 'enable';
  readonly arg: NewIdentity | string;
  readonly activeInDirectory?: boolean | undefined;
}
const calls: Call[] = [];
let subs = 0;
let refuseNext: Error | undefined;
let subOverride: string | undefined;
let db: Db;
const identity: IdentityProvider = {
  async createUser(i) {
    calls.push({ call: 'create', arg: i });
    if (refuseNext) throw takeRefusal();
    return { sub: subOverride ?? `sub-${++subs}` };
  },
  async disableUser(sub) {
    calls.push({ call: 'disable', arg: sub, activeInDirectory: (await findUser(db, sub))?.active });
    if (refuseNext) throw takeRefusal();
  },
  async enableUser(sub) {
    calls.push({ call: 'enable', arg: sub, activeInDirectory: (await findUser(db, sub))?.active });
  },
};
const takeRefusal = () => {
  const e = refuseNext!;
  refuseNext = undefined;
  return e;
};

const as = (p: Principal) => new TenantStore(db, p);
const raw = (userId: string) => getItem<Record<string, unknown>>(db, { PK: `USER#${userId}`, SK: 'PROFILE' });
const auditOf = (partition: string, userId: string) =>
  queryAll<{ action: string; entityId: string; before: unknown; after: unknown; actor: { sub: string } }>(db, {
    partition,
    beginsWith: 'AUDIT#',
  }).then((events) => events.filter((e) => e.entityId === userId));
async function refusal<E>(promise: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}
const inspectorBody = (email: string, extra: Record<string, unknown> = {}) =>
  ({ role: 'inspector', name: '监管员某', email, ...extra }) as Parameters<typeof createUser>[1];

beforeAll(async () => {
  db = await testDb();
  installIdentityProvider(identity);
  const province = as(admin('hlj', 'province-admin'));
  await createMine(province, mineInput('m-ds', { jurisdiction: DS }));
  await createMine(province, mineInput('m-xs', { jurisdiction: XS }));
  await createMine(province, mineInput('m-moving', { jurisdiction: DS }));
});
afterAll(() => installIdentityProvider(undefined));

describe('creating a user', () => {
  it('an inspector of the district: the sign-in with its claims, the directory entry indexed by path, one audit event', async () => {
    calls.length = 0;
    const user = await createUser(as(dsAdmin), inspectorBody('Zhang.San@example.org'));
    expect(user).toMatchObject({
      role: 'inspector',
      roleLabel: '监管中队',
      name: '监管员某',
      jurisdiction: DS,
      active: true,
      emailMasked: 'Z***@example.org',
      createdBy: { sub: 'ds-admin', role: 'bureau_admin' },
      version: 1,
    });
    expect(calls).toEqual([
      {
        call: 'create',
        arg: { email: 'Zhang.San@example.org', name: '监管员某', role: 'inspector', jurisdiction: DS },
      },
    ]);
    expect(await raw(user.userId)).toMatchObject({
      entity: 'user',
      GSI1PK: 'USERS#hlj',
      GSI1SK: `${DS}/#${user.userId}`,
    });
    const events = await auditOf(`JUR#${DS}`, user.userId);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actor: expect.objectContaining({ sub: 'ds-admin' }),
        before: null,
        after: { role: 'inspector', name: '监管员某', jurisdiction: DS, mineId: null },
      }),
    ]);
  });

  it('bureau roles at the leader’s level or below; never above it or beside it (403 naming body.jurisdiction)', async () => {
    for (const jurisdiction of [DS, `${DS}/east`])
      expect(
        (await createUser(as(dsAdmin), inspectorBody(`in-${jurisdiction}@x.org`, { jurisdiction }))).jurisdiction,
      ).toBe(jurisdiction);
    const leader = await createUser(as(dsAdmin), { role: 'bureau_admin', name: '副局长', email: 'deputy@x.org' });
    expect(leader).toMatchObject({ role: 'bureau_admin', jurisdiction: DS });
    calls.length = 0;
    for (const jurisdiction of [CITY, XS, 'hlj/hegang/dongshanx']) {
      const refused = await refusal(
        createUser(as(dsAdmin), inspectorBody(`out-${jurisdiction}@x.org`, { jurisdiction })),
        ForbiddenError,
      );
      expect(refused.fields.map((f) => f.field)).toEqual(['body.jurisdiction']);
    }
    expect(calls).toEqual([]);
  });

  it('a mine user of one of the leader’s mines: the mine’s jurisdiction, the mineId claim only, audited under the mine', async () => {
    calls.length = 0;
    const user = await createUser(as(dsAdmin), {
      role: 'mine_user',
      name: '安全科',
      email: 'safety@m-ds.org',
      mineId: 'm-ds',
    });
    expect(user).toMatchObject({ role: 'mine_user', mineId: 'm-ds', jurisdiction: DS });
    expect(calls).toEqual([
      { call: 'create', arg: { email: 'safety@m-ds.org', name: '安全科', role: 'mine_user', mineId: 'm-ds' } },
    ]);
    expect((await auditOf('MINE#m-ds', user.userId)).map((e) => e.action)).toEqual(['user.created']);
  });

  it('a mine of another district is 404, as if it did not exist; nothing is created', async () => {
    calls.length = 0;
    await refusal(
      createUser(as(dsAdmin), { role: 'mine_user', name: '安全科', email: 'a@m-xs.org', mineId: 'm-xs' }),
      NotFoundError,
    );
    expect(calls).toEqual([]);
  });

  it.each([
    ['a mine user without its mine', { role: 'mine_user' }, ['body.mineId']],
    ['a mine user with a jurisdiction', { role: 'mine_user', mineId: 'm-ds', jurisdiction: DS }, ['body.jurisdiction']],
    ['an inspector with a mine', { role: 'inspector', mineId: 'm-ds' }, ['body.mineId']],
  ])('%s: 400 naming the field, nothing created', async (_, fields, want) => {
    calls.length = 0;
    const refused = await refusal(
      createUser(as(dsAdmin), { name: '某', email: 'bad@x.org', ...fields } as Parameters<typeof createUser>[1]),
      ValidationError,
    );
    expect(refused.fields.map((f) => f.field)).toEqual(want);
    expect(calls).toEqual([]);
  });

  it('a partner department: kept under the bureau that created it, no jurisdiction claim', async () => {
    calls.length = 0;
    const user = await createUser(as(dsAdmin), { role: 'partner_dept', name: '区自然资源局', email: 'zrzy@x.org' });
    expect(user).toMatchObject({ role: 'partner_dept', jurisdiction: DS });
    expect(calls).toEqual([
      { call: 'create', arg: { email: 'zrzy@x.org', name: '区自然资源局', role: 'partner_dept' } },
    ]);
  });

  it('the identity refuses (the address signs in already): nothing written', async () => {
    const before = (await scanAll(db)).length;
    refuseNext = new ConflictError('该邮箱已有登录账号', [{ field: 'body.email', message: 'already signs in' }]);
    await refusal(createUser(as(dsAdmin), inspectorBody('taken@x.org')), ConflictError);
    expect((await scanAll(db)).length).toBe(before);
  });

  it('the directory refuses after the sign-in was made: the sign-in is disabled again', async () => {
    const existing = await createUser(as(dsAdmin), inspectorBody('first@x.org'));
    calls.length = 0;
    subOverride = existing.userId;
    try {
      await refusal(createUser(as(dsAdmin), inspectorBody('second@x.org')), ConflictError);
    } finally {
      subOverride = undefined;
    }
    expect(calls.map((c) => [c.call, typeof c.arg === 'string' ? c.arg : 'identity'])).toEqual([
      ['create', 'identity'],
      ['disable', existing.userId],
    ]);
    expect((await findUser(db, existing.userId))?.emailMasked).toBe('f***@x.org');
  });

  it('the plain sign-in address is nowhere in the table', async () => {
    const everything = JSON.stringify(await scanAll(db));
    for (const email of ['Zhang.San@example.org', 'safety@m-ds.org', 'zrzy@x.org', 'first@x.org'])
      expect(everything).not.toContain(email);
  });
});

describe('listing and reading users', () => {
  let dsUser: string;
  let xsUser: string;
  let cityUser: string;
  let movingStaff: string;

  beforeAll(async () => {
    dsUser = (await createUser(as(dsAdmin), inspectorBody('list-ds@x.org'))).userId;
    xsUser = (await createUser(as(xsAdmin), inspectorBody('list-xs@x.org'))).userId;
    cityUser = (await createUser(as(cityAdmin), { role: 'legal_reviewer', name: '市法制', email: 'c@x.org' })).userId;
    movingStaff = (
      await createUser(as(dsAdmin), { role: 'mine_user', name: '迁移矿', email: 'm@x.org', mineId: 'm-moving' })
    ).userId;
  });
  const idsFor = async (p: Principal, query: Parameters<typeof listUsers>[1] = {}) =>
    (await listUsers(as(p), { limit: 200, ...query })).items.map((u) => u.userId);

  it('a district sees its own and below; the city sees its districts and itself; never a sibling', async () => {
    const ds = await idsFor(dsAdmin);
    expect(ds).toEqual(expect.arrayContaining([dsUser, movingStaff]));
    expect(ds).not.toContain(xsUser);
    expect(ds).not.toContain(cityUser);
    expect(await idsFor(cityAdmin)).toEqual(expect.arrayContaining([dsUser, xsUser, cityUser, movingStaff]));
    expect(await idsFor(xsAdmin)).not.toContain(dsUser);
  });

  it('filters by role and by active', async () => {
    const legal = await listUsers(as(cityAdmin), { role: 'legal_reviewer', limit: 200 });
    expect(legal.items.map((u) => u.role)).toEqual(legal.items.map(() => 'legal_reviewer'));
    expect(legal.items.map((u) => u.userId)).toContain(cityUser);
    expect(await idsFor(dsAdmin, { active: 'false' })).not.toContain(dsUser);
    expect(await idsFor(dsAdmin, { active: 'true' })).toContain(dsUser);
  });

  it('another district’s user is 404, exactly like one that does not exist', async () => {
    const missing = await refusal(getUser(as(dsInspector), 'sub-none'), NotFoundError);
    const hidden = await refusal(getUser(as(dsInspector), xsUser), NotFoundError);
    expect(hidden.message.replace(xsUser, 'X')).toBe(missing.message.replace('sub-none', 'X'));
    expect((await getUser(as(dsInspector), dsUser)).userId).toBe(dsUser);
  });

  it('a mine moved to another district takes its users along', async () => {
    const province = as(admin('hlj', 'province-admin'));
    const { version } = await getMine(province, 'm-moving');
    await patchMine(province, 'm-moving', { version, jurisdiction: XS });
    expect(await idsFor(dsAdmin)).not.toContain(movingStaff);
    await refusal(getUser(as(dsAdmin), movingStaff), NotFoundError);
    expect((await getUser(as(xsAdmin), movingStaff)).mineId).toBe('m-moving');
  });
});

describe('changing a user', () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await createUser(as(dsAdmin), inspectorBody('change@x.org'))).userId;
  });

  it('a rename: versioned, audited with before and after', async () => {
    const renamed = await updateUser(as(dsAdmin), userId, { version: 1, name: '监管员新名' });
    expect(renamed).toMatchObject({ name: '监管员新名', version: 2, active: true });
    const updated = (await auditOf(`JUR#${DS}`, userId)).filter((e) => e.action === 'user.updated');
    expect(updated).toEqual([expect.objectContaining({ before: { name: '监管员某' }, after: { name: '监管员新名' } })]);
  });

  it('a stale version is 409 naming body.version; nothing changes', async () => {
    const before = await raw(userId);
    const stale = await refusal(updateUser(as(dsAdmin), userId, { version: 1, name: '又改' }), ConflictError);
    expect(stale.fields.map((f) => f.field)).toEqual(['body.version']);
    expect(await raw(userId)).toEqual(before);
  });

  it('deactivating disables the sign-in first, then records it; activating enables it again', async () => {
    calls.length = 0;
    const off = await updateUser(as(dsAdmin), userId, { version: 2, active: false });
    expect(off).toMatchObject({ active: false, version: 3 });
    const on = await updateUser(as(dsAdmin), userId, { version: 3, active: true });
    expect(on).toMatchObject({ active: true, version: 4 });
    expect(calls).toEqual([
      { call: 'disable', arg: userId, activeInDirectory: true },
      { call: 'enable', arg: userId, activeInDirectory: false },
    ]);
    const actions = (await auditOf(`JUR#${DS}`, userId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });

  it('a sign-in that cannot be disabled leaves the user as it was', async () => {
    const before = await raw(userId);
    refuseNext = new Error('Cognito unavailable');
    await expect(updateUser(as(dsAdmin), userId, { version: 4, active: false })).rejects.toThrow('Cognito');
    expect(await raw(userId)).toEqual(before);
  });

  it('a leader may not deactivate himself (422 naming body.active)', async () => {
    const self = await createUser(as(dsAdmin), { role: 'bureau_admin', name: '局长', email: 'self@x.org' });
    const selfAdmin = admin(DS, self.userId);
    const refused = await refusal(updateUser(as(selfAdmin), self.userId, { version: 1, active: false }), RuleError);
    expect(refused.fields.map((f) => f.field)).toEqual(['body.active']);
  });

  it('nothing changed: the same version, no audit event', async () => {
    const events = (await auditOf(`JUR#${DS}`, userId)).length;
    const same = await updateUser(as(dsAdmin), userId, { version: 4, name: '监管员新名' });
    expect(same.version).toBe(4);
    expect((await auditOf(`JUR#${DS}`, userId)).length).toBe(events);
  });

  it('another district’s leader, or a mine’s user of another district: 404', async () => {
    await refusal(updateUser(as(xsAdmin), userId, { version: 4, name: 'x' }), NotFoundError);
    const staff = await createUser(as(xsAdmin), {
      role: 'mine_user',
      name: '兴山矿',
      email: 's@m-xs.org',
      mineId: 'm-xs',
    });
    await refusal(updateUser(as(dsAdmin), staff.userId, { version: 1, active: false }), NotFoundError);
  });
});
