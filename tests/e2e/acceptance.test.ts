import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceRoutes } from '#functions/api/acceptances.routes.ts';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import {
  client,
  createMineElsewhere,
  expectProblem,
  mineBody,
  ok,
  startTestRuntime,
} from '../support/local-runtime.ts';
import {
  type MineCase,
  READERS,
  ROLES,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * 复工复产验收 over HTTP on the local runtime, on a rectifying mine of the demo district: a direct change back to
 * producing is refused (now and scheduled: 422 naming the acceptance); the mine applies; the bureau returns it once,
 * the mine applies again; the check is linked to an inspection and its findings recorded; an open major hazard under
 * 挂牌督办 blocks the approval (422 naming it) until verified; the check's leader (an admin), an inspector and the
 * recorder of the check may not approve; another bureau_admin approves and the mine is producing from that day,
 * through its status history, audited. Then the tenancy matrix of every route of the module (role × own mine /
 * another mine of the district / a mine of another jurisdiction), written out from who may do what. Every 2xx body
 * is checked against /openapi.json by the runtime.
 */
const DEMO = 'hlj/hegang/dongshan';
const MINE = 'm-acceptance-e2e';
const first17 = '91230400MA1ACC0E2';
const today = todayInShanghai();

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let legal: string;
let secondAdmin: string;
let mineUser: string;
let otherMineUser: string;
let root: string;
let tokens: Record<RoleName, string>;
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-acceptance';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  legal = rt.tokens.legal_reviewer!;
  otherMineUser = rt.tokens.mine_user!;
  tokens = roleTokens(rt);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  await createMineElsewhere(http, root, {
    mineId: OTHER_JURISDICTION,
    name: '兴山验收演示矿',
    first17: '91230407XK0000ACC',
  });
  secondAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: DEMO, sub: 'acceptance-second-admin' });
  mineUser = await rt.token({ role: 'mine_user', mineId: MINE, sub: `dev-mine_user-${MINE}` });
  ok(
    await http('POST', '/v1/mines', {
      token: admin,
      body: mineBody(MINE, {
        name: '验收试验煤矿',
        creditCode: first17 + creditCodeCheckChar(first17),
        status: 'rectifying',
        statusEffectiveDate: addDays(today, -30),
      }),
    }),
    201,
  );
});
afterAll(async () => rt?.stop());

const act = (token: string, id: string, body: Record<string, unknown>) =>
  http('POST', `/v1/acceptances/${id}/actions`, { token, body });
const mine = async () => ok(await http('GET', `/v1/mines/${MINE}`, { token: admin }));

describe('a rectifying mine returns to producing only through an acceptance', () => {
  let id: string;
  let version: number;
  let hazardId: string;

  it('a direct status change back to producing is refused: today or scheduled → 422 naming 复工复产验收', async () => {
    for (const effectiveDate of [today, addDays(today, 5)]) {
      const r = await http('POST', `/v1/mines/${MINE}/status`, {
        token: admin,
        body: { status: 'producing', reason: '整改完毕恢复生产', effectiveDate },
      });
      expectProblem(r, 422, ['body.status']);
      expect(r.body.detail ?? r.body.title).toContain('复工复产验收');
    }
    // The mine's profile has no status field to patch.
    const m = await mine();
    expect(
      (await http('PATCH', `/v1/mines/${MINE}`, { token: admin, body: { version: m.version, status: 'producing' } }))
        .status,
    ).toBe(400);
    expect((await mine()).status).toBe('rectifying');
  });

  it('only the mine applies, once at a time; a producing mine has nothing to apply for', async () => {
    const body = { report: '已按停产整顿指令完成通风系统改造和瓦斯抽采达标治理', evidence: ['整改报告.pdf'] };
    expect((await http('POST', `/v1/mines/${MINE}/acceptances`, { token: admin, body })).status).toBe(403);
    const a = ok(await http('POST', `/v1/mines/${MINE}/acceptances`, { token: mineUser, body }), 201);
    expect(a).toMatchObject({
      mineId: MINE,
      status: 'applied',
      statusLabel: '待安排现场检查',
      fromStatus: 'rectifying',
      dueOn: addDays(today, 10),
      application: { report: body.report, evidence: ['整改报告.pdf'] },
      version: 1,
    });
    id = a.acceptanceId;
    expectProblem(await http('POST', `/v1/mines/${MINE}/acceptances`, { token: mineUser, body }), 409);
    expectProblem(await http('POST', '/v1/mines/m-taiyuan/acceptances', { token: otherMineUser, body }), 422);
    // Another mine's user sees nothing of it.
    expect((await http('GET', `/v1/acceptances/${id}`, { token: otherMineUser })).status).toBe(404);
    const listed = ok(await http('GET', '/v1/acceptances?status=applied', { token: inspector }));
    expect(listed.items.map((i: { acceptanceId: string }) => i.acceptanceId)).toContain(id);
    const own = ok(await http('GET', `/v1/mines/${MINE}/acceptances`, { token: mineUser }));
    expect(own.items.map((i: { acceptanceId: string }) => i.acceptanceId)).toEqual([id]);
  });

  it('the bureau returns it with a reason; the mine applies again', async () => {
    expectProblem(await act(inspector, id, { action: 'return', version: 1 }), 400, ['body.reason']);
    const back = ok(await act(inspector, id, { action: 'return', version: 1, reason: '缺少瓦斯抽采达标评判报告' }));
    expect(back).toMatchObject({ status: 'returned', returnReason: '缺少瓦斯抽采达标评判报告', version: 2 });
    expect(back.dueOn).toBeUndefined();
    expect((await act(inspector, id, { action: 'reapply', version: 2, report: 'x' })).status).toBe(403);
    const again = ok(
      await act(mineUser, id, { action: 'reapply', version: 2, report: '补充瓦斯抽采达标评判报告，整改全部完成' }),
    );
    expect(again).toMatchObject({
      status: 'applied',
      version: 3,
      application: { report: '补充瓦斯抽采达标评判报告，整改全部完成' },
    });
    expect(again.returnReason).toBeUndefined();
    version = again.version;
  });

  it('the check is an inspection of the mine; its findings are recorded once it is done', async () => {
    expectProblem(
      await act(inspector, id, { action: 'assign_check', version, inspectionId: 'insp-nonexistent' }),
      422,
      ['body.inspectionId'],
    );
    // The leader (the first of the team of an inspection recorded as done) is the demo admin.
    const inspection = ok(
      await http('POST', `/v1/mines/${MINE}/inspections`, {
        token: inspector,
        body: {
          kind: 'done',
          doneOn: today,
          inspectors: [
            { userId: 'dev-bureau_admin', name: '局长（演示）' },
            { userId: 'dev-inspector', name: '监管中队（演示）' },
          ],
          summary: '复工复产验收现场检查：通风系统、瓦斯抽采、监控系统',
        },
      }),
      201,
    );
    const assigned = ok(
      await act(inspector, id, { action: 'assign_check', version, inspectionId: inspection.inspectionId }),
    );
    expect(assigned).toMatchObject({
      status: 'checking',
      check: { inspectionId: inspection.inspectionId, leader: { userId: 'dev-bureau_admin' } },
    });
    expectProblem(await act(inspector, id, { action: 'record_check', version: assigned.version }), 400, [
      'body.findings',
    ]);
    // The bureau's terms decide the due days (10 and 5 by default): the admin gives the approval 7 days, within the
    // bounds (1–30); the approval the check's conclusion opens is due in 7.
    const terms = ok(await http('GET', '/v1/policies/acceptance', { token: inspector }));
    expect(terms).toMatchObject({ definedAt: null, terms: { checkDays: 10, approvalDays: 5 } });
    const change = (token: string, approvalDays: number) =>
      http('PUT', '/v1/policies/acceptance', {
        token,
        body: { version: terms.ownVersion, terms: { approvalDays }, reason: '验收审批期限调整' },
      });
    expect((await change(inspector, 7)).status).toBe(403);
    expectProblem(await change(admin, 31), 400, ['body.terms.approvalDays']);
    expectProblem(await change(admin, 0), 400, ['body.terms.approvalDays']);
    expect(ok(await change(admin, 7))).toMatchObject({ definedAt: DEMO, terms: { checkDays: 10, approvalDays: 7 } });
    const checked = ok(
      await act(inspector, id, {
        action: 'record_check',
        version: assigned.version,
        findings: '现场核查：整改项全部完成，通风系统可靠，瓦斯抽采达标',
      }),
    );
    expect(checked).toMatchObject({
      status: 'checked',
      statusLabel: '待审批',
      dueOn: addDays(today, 7),
      check: { checkedOn: today, recordedBy: { sub: 'dev-inspector' } },
    });
    version = checked.version;
  });

  it('an open major hazard under 挂牌督办 blocks the approval → 422 naming it', async () => {
    const h = ok(
      await http('POST', `/v1/mines/${MINE}/hazards`, {
        token: inspector,
        body: {
          level: 'major',
          description: '3102 回风巷瓦斯浓度 1.3%，仍在组织作业',
          location: '3102 回风巷',
          foundOn: addDays(today, -1),
          deadline: addDays(today, 15),
          category: 'GAS_OVERLIMIT',
          measures: '立即停止作业、撤出人员，调整通风系统',
          supervision: {
            responsiblePerson: { name: '矿长（演示）', position: '矿长' },
            funds: { amount: 350000 },
            contingencyPlan: '《瓦斯超限事故应急预案》第 3 章',
            official: { userId: 'dev-inspector', name: '监管中队（演示）' },
          },
        },
      }),
      201,
    );
    hazardId = h.hazardId;
    const r = await act(secondAdmin, id, { action: 'approve', version });
    expectProblem(r, 422, ['hazards']);
    expect(r.body.detail ?? r.body.title).toContain(hazardId);
    // Verified (by an admin who neither recorded nor submitted it), it no longer blocks.
    ok(
      await http('POST', `/v1/hazards/${hazardId}/actions`, { token: mineUser, body: { action: 'start', version: 1 } }),
    );
    ok(
      await http('POST', `/v1/hazards/${hazardId}/actions`, {
        token: mineUser,
        body: { action: 'submit', version: 2, note: '瓦斯浓度降至 0.4%' },
      }),
    );
    ok(await http('POST', `/v1/hazards/${hazardId}/actions`, { token: admin, body: { action: 'verify', version: 3 } }));
  });

  it('the check’s leader (an admin), the recorder of the check and an inspector may not approve', async () => {
    const byLeader = await act(admin, id, { action: 'approve', version });
    expectProblem(byLeader, 422, ['principal']);
    expect(byLeader.body.detail ?? byLeader.body.title).toContain('带队负责人');
    expect((await act(inspector, id, { action: 'approve', version })).status).toBe(403);
    expect((await act(legal, id, { action: 'approve', version })).status).toBe(403);
    // The recorder, were he an admin.
    const recorderAsAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: DEMO, sub: 'dev-inspector' });
    const byRecorder = await act(recorderAsAdmin, id, { action: 'approve', version });
    expectProblem(byRecorder, 422, ['principal']);
    expect(byRecorder.body.detail ?? byRecorder.body.title).toContain('现场检查结论记录人');
    expect((await mine()).status).toBe('rectifying');
  });

  it('another bureau_admin approves: the mine is producing from the approved date, through its status history, audited', async () => {
    expectProblem(await act(secondAdmin, id, { action: 'approve', version: version - 1 }), 409);
    const approved = ok(await act(secondAdmin, id, { action: 'approve', version }));
    expect(approved).toMatchObject({
      status: 'approved',
      statusLabel: '验收通过',
      approvedOn: today,
      approvedBy: { sub: 'acceptance-second-admin', role: 'bureau_admin' },
    });
    expect(approved.dueOn).toBeUndefined();
    const m = await mine();
    expect(m).toMatchObject({ status: 'producing', statusSince: today });
    expect(m.statusTimeline.at(-1)).toEqual({ status: 'producing', from: today });
    const history = ok(await http('GET', `/v1/mines/${MINE}/status-history`, { token: admin }));
    expect(history.items[0]).toMatchObject({
      status: 'producing',
      previousStatus: 'rectifying',
      effectiveDate: today,
      applied: true,
      recordedBy: { sub: 'acceptance-second-admin' },
    });
    expect(history.items[0].reason).toContain(id);
    const audit = ok(await http('GET', `/v1/mines/${MINE}/audit`, { token: admin }));
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const a of [
      'acceptance.applied',
      'acceptance.return',
      'acceptance.reapply',
      'acceptance.assign_check',
      'acceptance.record_check',
      'acceptance.approve',
      'mine.status_changed',
    ])
      expect(actions).toContain(a);
    // Approved is final; a producing mine has nothing to apply for.
    expectProblem(await act(secondAdmin, id, { action: 'approve', version: approved.version }), 422);
    expectProblem(
      await http('POST', `/v1/mines/${MINE}/acceptances`, { token: mineUser, body: { report: '再次申请' } }),
      422,
    );
  });
});

/* ---------- the tenancy matrix ---------- */

const mineToken = (m: string) =>
  m === OWN ? Promise.resolve(tokens.mine_user) : rt.token({ role: 'mine_user', mineId: m, sub: `dev-mine_user-${m}` });
const standing = new Map<string, string>();

/** The mine stopped (rectifying) by the province's admin, once. */
async function stopped(m: string): Promise<void> {
  const mine = ok(await http('GET', `/v1/mines/${m}`, { token: root }));
  if (mine.status !== 'producing') return;
  ok(
    await http('POST', `/v1/mines/${m}/status`, {
      token: root,
      body: { status: 'rectifying', reason: '责令停产整顿', effectiveDate: today },
    }),
    201,
  );
}

/** An acceptance under way at the mine, applied once by its own user. */
async function standingAt(m: string): Promise<string> {
  if (!standing.has(m)) {
    await stopped(m);
    const listed = ok(await http('GET', `/v1/mines/${m}/acceptances`, { token: root }));
    const open = (listed.items as { acceptanceId: string; status: string }[]).find((a) => a.status !== 'approved');
    if (open) standing.set(m, open.acceptanceId);
  }
  if (!standing.has(m)) {
    const a = ok(
      await http('POST', `/v1/mines/${m}/acceptances`, { token: await mineToken(m), body: { report: '整改完毕' } }),
      201,
    );
    standing.set(m, a.acceptanceId);
  }
  return standing.get(m)!;
}

/** The standing acceptance back in `applied` (its mine applies again when it was returned), with its version. */
async function applied(m: string): Promise<{ id: string; version: number }> {
  const id = await standingAt(m);
  const a = ok(await http('GET', `/v1/acceptances/${id}`, { token: root }));
  if (a.status !== 'returned') return { id, version: a.version };
  const again = ok(
    await act(await mineToken(m), id, { action: 'reapply', version: a.version, report: '补充整改材料' }),
  );
  return { id, version: again.version };
}

const HANDLERS: RoleName[] = ['bureau_admin', 'inspector', 'mine_user'];
const CASES: MineCase[] = [
  {
    operationId: 'applyForAcceptance',
    allowed: ['mine_user'],
    success: 201,
    request: async (m) => {
      await stopped(m);
      return { method: 'POST', path: `/v1/mines/${m}/acceptances`, body: { report: '矩阵：整改完毕' } };
    },
  },
  {
    operationId: 'listMineAcceptances',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/acceptances` }),
  },
  {
    operationId: 'getAcceptance',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/acceptances/${await standingAt(m)}` }),
  },
  {
    operationId: 'actOnAcceptance',
    allowed: HANDLERS,
    success: 200,
    // The mine may not return its own application: the flow answers 403.
    refusedRoles: { mine_user: 403 },
    request: async (m) => {
      const { id, version } = await applied(m);
      return {
        method: 'POST',
        path: `/v1/acceptances/${id}/actions`,
        body: { action: 'return', version, reason: '矩阵：材料不全' },
      };
    },
  },
];

describe('tenancy matrix: acceptances', () => {
  it('covers every route of the module, all in the route table', () => {
    // The acceptance policy's routes are the bureau's (tag policies): tests/e2e/tenancy-jurisdiction.test.ts.
    const ops = acceptanceRoutes
      .filter((r) => r.tag === 'acceptances')
      .map((r) => r.operationId)
      .sort();
    expect([...CASES.map((c) => c.operationId), 'listAcceptances'].sort()).toEqual(ops);
    const table = new Set(ALL_ROUTES.map((r) => r.operationId));
    for (const op of ops) expect(table, op).toContain(op);
  });

  registerTenancyMatrix({ cases: CASES, session: () => ({ http, tokens }), mineOf });

  for (const role of ROLES) {
    const want = READERS.includes(role) ? 200 : 403;
    it(`listAcceptances as ${role} → ${want}, nothing of another jurisdiction${role === 'mine_user' ? ' or another mine' : ''}`, async () => {
      for (const m of [OWN, OTHER_MINE, OTHER_JURISDICTION]) await standingAt(m);
      const reply = await http('GET', '/v1/acceptances?limit=200', { token: tokens[role] });
      expect(reply.status, JSON.stringify(reply.body)).toBe(want);
      if (want !== 200) return;
      const mines = new Set((reply.body.items as { mineId: string }[]).map((x) => x.mineId));
      expect(mines.has(OTHER_JURISDICTION)).toBe(false);
      expect(mines.has(OWN)).toBe(true);
      expect(mines.has(OTHER_MINE)).toBe(role !== 'mine_user');
      expect((await http('GET', `/v1/acceptances?mineId=${OTHER_JURISDICTION}`, { token: tokens[role] })).status).toBe(
        404,
      );
    });
  }
});
