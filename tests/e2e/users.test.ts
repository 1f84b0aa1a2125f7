import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * The user directory over HTTP on the local runtime: the demo's users are in it, a leader creates and deactivates
 * users (locally no sign-in is made: a dev token for the new subject signs in), answers carry no contact address, and
 * a case's handler (承办人), who is reminded of its deadline, must be a user of the directory who supervises the mine.
 * The routes' tenancy matrix is in tenancy-jurisdiction.test.ts.
 */
const DS = 'hlj/hegang/dongshan';
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
});
afterAll(async () => rt?.stop());

describe('the directory', () => {
  it('holds the demo users behind the ready-made tokens, with no contact address in any answer', async () => {
    const listed = ok(await http('GET', '/v1/users?limit=200', { token: inspector }));
    const byId = new Map((listed.items as any[]).map((u) => [u.userId, u]));
    expect(byId.get('dev-bureau_admin')).toMatchObject({ role: 'bureau_admin', jurisdiction: DS, active: true });
    expect(byId.get('dev-inspector')).toMatchObject({ role: 'inspector', name: '监管中队（演示）' });
    expect(byId.get('dev-mine_user-m-taiyuan')).toMatchObject({ role: 'mine_user', mineId: 'm-taiyuan' });
    expect(byId.get('dev-partner_dept')).toMatchObject({ role: 'partner_dept', jurisdiction: DS });
    // The district next door's inspector is a demo user too, but not this district's.
    expect(byId.has('dev-inspector-xingshan')).toBe(false);
    expect(JSON.stringify(listed)).not.toMatch(/mobile|"email"|@(?!example)/);
  });

  it('filters by role', async () => {
    const legal = ok(await http('GET', '/v1/users?role=legal_reviewer', { token: admin }));
    expect(legal.items.map((u: { userId: string }) => u.userId)).toEqual(['dev-legal_reviewer']);
  });

  it('a leader creates an inspector: 201 with its place, and a dev token for its subject signs it in', async () => {
    const created = await http('POST', '/v1/users', {
      token: admin,
      body: { role: 'inspector', name: '新入职监管员', email: 'new.inspector@example.org' },
    });
    const user = ok(created, 201);
    expect(created.headers.get('location')).toBe(`/v1/users/${user.userId}`);
    expect(user).toMatchObject({ jurisdiction: DS, active: true, emailMasked: 'n***@example.org', version: 1 });
    const token = await rt.token({ role: 'inspector', jurisdiction: DS, sub: user.userId, name: user.name });
    expect(ok(await http('GET', `/v1/users/${user.userId}`, { token }))).toMatchObject({ name: '新入职监管员' });
    // The same address again is the same sign-in: refused.
    const again = await http('POST', '/v1/users', {
      token: admin,
      body: { role: 'inspector', name: '重复', email: 'new.inspector@example.org' },
    });
    expectProblem(again, 409);
  });

  it('refuses what the directory does not keep (a mobile, a resident ID) and who may not create (403)', async () => {
    const body = { role: 'inspector', name: '某', email: 'x1@example.org' };
    expectProblem(await http('POST', '/v1/users', { token: admin, body: { ...body, mobile: '13800000000' } }), 400, [
      'body.mobile',
    ]);
    expectProblem(
      await http('POST', '/v1/users', { token: admin, body: { ...body, residentId: '11010519491231002X' } }),
      400,
      ['body.residentId'],
    );
    expectProblem(await http('POST', '/v1/users', { token: inspector, body }), 403);
    expectProblem(await http('GET', '/v1/users', { token: rt.tokens.mine_user }), 403);
    expectProblem(
      await http('POST', '/v1/users', { token: admin, body: { ...body, jurisdiction: 'hlj/hegang' } }),
      403,
      ['body.jurisdiction'],
    );
  });

  it('a retried creation with the same Idempotency-Key creates one user', async () => {
    const headers = { 'Idempotency-Key': 'e2e-user-retry-1' };
    const body = { role: 'legal_reviewer', name: '重试创建', email: 'retry@example.org' };
    const first = ok(await http('POST', '/v1/users', { token: admin, body, headers }), 201);
    const again = ok(await http('POST', '/v1/users', { token: admin, body, headers }), 201);
    expect(again.userId).toBe(first.userId);
  });

  it('a leader deactivates with the version read; a stale version is 409; a leader may not deactivate himself', async () => {
    const user = ok(
      await http('POST', '/v1/users', {
        token: admin,
        body: { role: 'inspector', name: '将调离', email: 'leaving@example.org' },
      }),
      201,
    );
    const off = ok(
      await http('PATCH', `/v1/users/${user.userId}`, { token: admin, body: { version: 1, active: false } }),
    );
    expect(off).toMatchObject({ active: false, version: 2 });
    expectProblem(
      await http('PATCH', `/v1/users/${user.userId}`, { token: admin, body: { version: 1, name: '又改' } }),
      409,
      ['body.version'],
    );
    const self = ok(await http('GET', '/v1/users/dev-bureau_admin', { token: admin }));
    expectProblem(
      await http('PATCH', '/v1/users/dev-bureau_admin', {
        token: admin,
        body: { version: self.version, active: false },
      }),
      422,
      ['body.active'],
    );
  });
});

describe('a case’s handler (承办人) a request names', () => {
  let caseId: string;
  let deactivated: string;
  const assign = async (userId: string) => {
    const { version } = ok(await http('GET', `/v1/cases/${caseId}`, { token: inspector }));
    return http('POST', `/v1/cases/${caseId}/actions`, {
      token: inspector,
      body: { action: 'assign', version, assignee: { userId, name: '承办人（自填）' } },
    });
  };

  beforeAll(async () => {
    const open = ok(await http('GET', '/v1/cases?status=open&limit=200', { token: inspector }));
    caseId = open.items[0]?.caseId;
    expect(caseId).toBeTruthy();
    const user = ok(
      await http('POST', '/v1/users', {
        token: admin,
        body: { role: 'inspector', name: '已停用承办人', email: 'handler-off@example.org' },
      }),
      201,
    );
    ok(await http('PATCH', `/v1/users/${user.userId}`, { token: admin, body: { version: 1, active: false } }));
    deactivated = user.userId;
  });

  it.each([
    ['an inspector of another district', () => 'dev-inspector-xingshan'],
    ['an id no one has', () => 'u-no-such-handler'],
    ['a deactivated inspector', () => deactivated],
    ['a mine user', () => 'dev-mine_user-m-taiyuan'],
    ['a legal reviewer', () => 'dev-legal_reviewer'],
  ])('%s: 422 naming body.assignee.userId, the case unchanged', async (_, userIdOf) => {
    const before = ok(await http('GET', `/v1/cases/${caseId}`, { token: inspector }));
    expectProblem(await assign(userIdOf()), 422, ['body.assignee.userId']);
    expect(ok(await http('GET', `/v1/cases/${caseId}`, { token: inspector }))).toEqual(before);
  });

  it('the district’s inspector: assigned under the directory’s name', async () => {
    const reply = ok(await assign('dev-inspector'));
    expect(reply.assignee).toEqual({ userId: 'dev-inspector', name: '监管中队（演示）' });
  });
});
