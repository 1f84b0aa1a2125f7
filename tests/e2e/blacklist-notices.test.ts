import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, createMineElsewhere, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';
import {
  type MineCase,
  READERS,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * 陈述申辩 by the mine itself: a notice served on the mine shows on its side with the grounds and the deadline (and
 * not before it is served); the mine states its objection within the window, with a file on the entry's
 * `objection` step; after the deadline it is refused; another mine sees nothing of it. Then the tenancy matrix of
 * the two mine-side routes.
 */
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-bn';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };
const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
let entryId: string;

const notices = (mineId: string, token: string) => http('GET', `/v1/mines/${mineId}/blacklist-notices`, { token });
const object = (mineId: string, id: string, body: unknown, token = tokens.mine_user) =>
  http('POST', `/v1/mines/${mineId}/blacklist-notices/${id}/objections`, { token, body });
const act = (id: string, body: unknown, token = tokens.inspector) =>
  http('POST', `/v1/blacklist/${id}/actions`, { token, body });

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  await createMineElsewhere(http, root, {
    mineId: OTHER_JURISDICTION,
    name: '兴山演示告知矿',
    first17: '91230407XK0000051',
  });
  const proposed = ok(
    await http('POST', '/v1/blacklist', {
      token: tokens.inspector,
      body: {
        subjectType: 'enterprise',
        mineId: OWN,
        grounds: ['REFUSING_PENALTY'],
        scopes: ['safety_licence'],
        note: '拒不执行停产整顿决定（演示）',
      },
    }),
    201,
  );
  entryId = proposed.entryId;
});
afterAll(async () => rt?.stop());

describe('the mine’s side of a notice', () => {
  it('sees nothing before the notice is served; then the grounds, the deadline and the days left', async () => {
    expect(ok(await notices(OWN, tokens.mine_user)).items).toEqual([]);
    ok(await act(entryId, { action: 'serve_notice', version: 1, servedOn: today, noticeNo: '东山煤安告〔2026〕1号' }));
    const [notice] = ok(await notices(OWN, tokens.mine_user)).items;
    expect(notice).toMatchObject({
      entryId,
      subjectType: 'enterprise',
      noticeNo: '东山煤安告〔2026〕1号',
      servedOn: today,
      objectionDeadline: addDays(today, 7),
      daysLeft: 8,
      objections: [],
      grounds: [{ code: 'REFUSING_PENALTY' }],
    });
    // Another mine of the district sees nothing of it; its own path to this mine is a 404.
    const other = await rt.token({ role: 'mine_user', sub: 'mine-user-shuyuan1', mineId: OTHER_MINE });
    expect(ok(await notices(OTHER_MINE, other)).items).toEqual([]);
    expectProblem(await notices(OWN, other), 404);
  });

  it('objects within the window, with a file on the objection step; recorded as the mine user’s, on the bureau’s entry too', async () => {
    const [notice] = ok(await notices(OWN, tokens.mine_user)).items;
    const stated = await object(OWN, entryId, {
      content: '已于 11 月 20 日停产整顿，附停产记录',
      version: notice.version,
    });
    expect(stated.status, JSON.stringify(stated.body)).toBe(201);
    expect(stated.body.objections).toMatchObject([
      { receivedOn: today, content: '已于 11 月 20 日停产整顿，附停产记录', recordedBy: { role: 'mine_user' } },
    ]);
    const entry = ok(await http('GET', `/v1/blacklist/${entryId}`, { token: tokens.bureau_admin }));
    expect(entry.objections).toHaveLength(1);
    // The mine may add its evidence to the objection step, and only there.
    const ticket = (step: string) =>
      http('POST', `/v1/mines/${OWN}/evidence/blacklist/${entryId}/uploads`, {
        token: tokens.mine_user,
        body: { step, fileName: '停产记录.pdf', contentType: 'application/pdf', size: 10, sha256: 'b'.repeat(64) },
      });
    expect((await ticket('objection')).status).toBe(201);
    expectProblem(await ticket('bureau'), 403);
  });

  it('a stale version is a 409; an empty statement a 400 naming the field; another mine’s path a 404', async () => {
    expectProblem(await object(OWN, entryId, { content: '补充说明', version: 1 }), 409);
    expectProblem(await object(OWN, entryId, { content: ' ', version: 3 }), 400, ['body.content']);
    expectProblem(await object(OTHER_MINE, entryId, { content: '补充说明', version: 3 }), 404);
  });

  it('after the deadline the objection is refused and nothing is added', async () => {
    const late = ok(
      await http('POST', '/v1/blacklist', {
        token: tokens.inspector,
        body: {
          subjectType: 'enterprise',
          mineId: 'm-demo03',
          grounds: ['REFUSING_PENALTY'],
          scopes: ['safety_licence'],
          note: '拒不执行整改指令（演示）',
        },
      }),
      201,
    );
    ok(await act(late.entryId, { action: 'serve_notice', version: 1, servedOn: addDays(today, -10) }));
    const demo03 = await rt.token({ role: 'mine_user', sub: 'mine-user-demo03', mineId: 'm-demo03' });
    const [notice] = ok(await notices('m-demo03', demo03)).items;
    expect(notice.daysLeft).toBeLessThanOrEqual(0);
    expectProblem(
      await object('m-demo03', late.entryId, { content: '迟到的申辩', version: notice.version }, demo03),
      422,
    );
    expect(ok(await notices('m-demo03', demo03)).items[0].objections).toEqual([]);
  });

  it('the bureau’s action route stays closed to the mine', async () => {
    expectProblem(
      await act(entryId, { action: 'record_objection', version: 3, receivedOn: today, content: 'x' }, tokens.mine_user),
      403,
    );
  });
});

describe('tenancy matrix of the mine-side notice routes', () => {
  const CASES: MineCase[] = [
    {
      operationId: 'listMineBlacklistNotices',
      allowed: READERS,
      success: 200,
      request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/blacklist-notices` }),
    },
    {
      // Only the mine itself states its objection; on the own mine a second statement is still within the window.
      operationId: 'objectToBlacklistNotice',
      allowed: ['mine_user'],
      success: 201,
      request: async (m) => {
        const current = (await notices(OWN, root)).body.items?.[0];
        return {
          method: 'POST',
          path: `/v1/mines/${m}/blacklist-notices/${entryId}/objections`,
          body: { content: '矩阵中的补充说明', version: current?.version ?? 1 },
        };
      },
    },
  ];
  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    missingPath: (req, target) => req.path.replace(mineOf[target], 'm-does-not-exist'),
  });
});
