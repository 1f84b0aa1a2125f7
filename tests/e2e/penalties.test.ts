import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { transact } from '#lib/store/transact.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { violationWrite } from '#lib/violations/violations.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import {
  BUREAU,
  READERS,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
  type TargetCase,
} from '../support/tenancy-matrix.ts';

/**
 * Penalties over HTTP on the local runtime, on the demo district: a major penalty through the legal review (the
 * proposer refused, the legal reviewer approving), an approved ordered suspension in the mine's status history,
 * execution, stale versions, other tenants' penalties, bad input; then the tenancy matrix of every penalty route:
 * role × own mine / another mine / another jurisdiction, the expectations written out from the issue.
 */
const PROPOSERS: RoleName[] = ['bureau_admin', 'inspector'];

const OWN = 'm-taiyuan'; // the demo mine user's mine
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xs-penalty';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };
const today = todayInShanghai();
const PENALTY_ROUTES = ALL_ROUTES.filter((r) => r.tag === 'penalties');

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
let secondInspector: string;
/** The leader of the district next door, who proposes changes of its own penalty policy there. */
let otherDistrictAdmin: string;
let serial = 0;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  secondInspector = await rt.token({ role: 'inspector', jurisdiction: 'hlj/hegang/dongshan', sub: 'inspector-2' });
  otherDistrictAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-admin' });
  const first17 = '91230407XK0000003';
  const created = await http('POST', '/v1/mines', {
    token: root,
    body: {
      mineId: OTHER_JURISDICTION,
      name: '兴山处罚演示矿',
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 90000,
      gasGrade: 'low',
      hydrogeology: 'simple',
      standardisationGrade: 'none',
    },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => rt?.stop());

const BASIS = '《煤矿安全监察条例》第四十七条';
const fineBody = (amountYuan: number, extra: Record<string, unknown> = {}) => ({
  kind: 'fine',
  amountYuan,
  basis: BASIS,
  description: `超能力组织生产 ${++serial}`,
  ...extra,
});
const propose = (mineId: string, body: unknown, token = tokens.inspector, headers?: Record<string, string>) =>
  http('POST', `/v1/mines/${mineId}/penalties`, { token, body, ...(headers ? { headers } : {}) });
const act = (penaltyId: string, body: unknown, token: string) =>
  http('POST', `/v1/penalties/${penaltyId}/actions`, { token, body });
const fieldsOf = (reply: Reply): string[] => (reply.body.errors ?? []).map((e: { field: string }) => e.field);

/** A violation of a mine, written as the violations module writes it (the test needs one to refer to). */
async function violationAt(mineId: string, jurisdiction = 'hlj/hegang/dongshan') {
  const violationId = `vio-e2e-${++serial}`;
  const { writes } = violationWrite(rt.db, {
    violationId,
    mineId,
    jurisdiction,
    category: 'over_capacity',
    date: addDays(today, -5),
    description: '超核定能力组织生产',
    source: { kind: 'manual' },
    recordedBy: { sub: 'dev-inspector', role: 'inspector' },
    recordedAt: new Date().toISOString(),
  });
  await transact(rt.db, writes);
  return violationId;
}

describe('a penalty that needs the legal review (重大执法决定法制审核)', () => {
  it('proposed by an inspector → approval by the proposer refused (422) → approved by the legal reviewer → effective', async () => {
    const vio = await violationAt('m-demo03');
    const proposed = await propose('m-demo03', fineBody(80_000, { violationIds: [vio] }));
    expect(proposed.status).toBe(201);
    expect(proposed.headers.get('location')).toBe(`/v1/penalties/${proposed.body.penaltyId}`);
    expect(proposed.body).toMatchObject({
      kind: 'fine',
      major: true,
      status: 'proposed',
      statusLabel: '拟处罚（待提交法制审核）',
      proposedBy: { sub: 'dev-inspector', role: 'inspector' },
      version: 1,
    });
    const id = proposed.body.penaltyId;

    expect((await act(id, { action: 'approve', version: 1, decisionNo: 'D' }, tokens.legal_reviewer)).status).toBe(422); // not yet sent to review
    const sent = await act(id, { action: 'submit_for_review', version: 1 }, tokens.inspector);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'under_review', version: 2 });

    const byProposer = await act(
      id,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕8号' },
      tokens.inspector,
    );
    expect(byProposer.status).toBe(422);
    expect(byProposer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(byProposer.body.detail).toContain('提出人');
    const byColleague = await act(
      id,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕8号' },
      secondInspector,
    );
    expect(byColleague.status).toBe(422);
    expect(
      (await act(id, { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕8号' }, tokens.bureau_admin))
        .status,
    ).toBe(422);
    expect((await http('GET', `/v1/penalties/${id}`, { token: tokens.inspector })).body).toMatchObject({
      status: 'under_review',
      version: 2,
    });

    const approved = await act(
      id,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕8号', note: '事实清楚，证据确凿，依据正确' },
      tokens.legal_reviewer,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'effective',
      effectiveOn: today,
      executionDue: addDays(today, 30),
      reviewedBy: { sub: 'dev-legal_reviewer', role: 'legal_reviewer' },
      version: 3,
    });

    const detail = await http('GET', `/v1/penalties/${id}`, { token: tokens.bureau_admin });
    expect(detail.body).toMatchObject({
      status: 'effective',
      decisionNo: '（鹤东）煤安罚〔2025〕8号',
      violations: [{ violationId: vio, category: 'over_capacity' }],
    });
    expect(detail.body.steps.map((s: { action: string }) => s.action)).toEqual([
      'propose',
      'submit_for_review',
      'approve',
    ]);
    const audit = await http('GET', '/v1/mines/m-demo03/audit?limit=10', { token: tokens.bureau_admin });
    const mine = audit.body.items
      .filter((e: { entityId: string }) => e.entityId === id)
      .map((e: { action: string }) => e.action);
    expect(mine).toEqual(['penalty.approve', 'penalty.submit_for_review', 'penalty.proposed']);
    const listed = await http('GET', '/v1/penalties?major=true&status=effective', { token: tokens.legal_reviewer });
    expect(listed.body.items.map((p: { penaltyId: string }) => p.penaltyId)).toContain(id);
  });

  it('a general penalty is in force on creation, and is executed with evidence', async () => {
    const created = await propose('m-demo03', fineBody(50_000, { decisionNo: '（鹤东）煤安罚〔2025〕9号' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ major: false, status: 'effective', executionDue: addDays(today, 30) });
    const id = created.body.penaltyId;
    const noEvidence = await act(id, { action: 'execute', version: 1, executedOn: today }, tokens.inspector);
    expect(noEvidence.status).toBe(400);
    expect(fieldsOf(noEvidence)).toEqual(['body.evidence']);
    const tomorrow = await act(
      id,
      { action: 'execute', version: 1, executedOn: addDays(today, 1), evidence: ['缴款书'] },
      tokens.inspector,
    );
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.body.errors).toEqual([{ field: 'body.executedOn', message: `执行日期不能晚于今天（${today}）` }]);
    const done = await act(
      id,
      { action: 'execute', version: 1, executedOn: today, evidence: ['罚没款缴款书 No.0001'] },
      tokens.inspector,
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'executed', executedOn: today });
    expect(
      (await act(id, { action: 'execute', version: 2, executedOn: today, evidence: ['x'] }, tokens.inspector)).status,
    ).toBe(422);
    expect((await act(id, { action: 'cancel', version: 2, note: '撤销' }, tokens.bureau_admin)).status).toBe(422);
  });
});

describe('an ordered suspension (责令停产整顿)', () => {
  it('approved → the mine is rectifying from that date, in its status history', async () => {
    const from = addDays(today, -3);
    const to = addDays(today, 60);
    const proposed = await propose('m-demo04', {
      kind: 'ordered_suspension',
      scope: '全矿停产整顿',
      from,
      to,
      basis: BASIS,
      description: '超能力组织生产，拒不整改',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ major: true, status: 'proposed' });
    const id = proposed.body.penaltyId;
    expect((await http('GET', '/v1/mines/m-demo04', { token: tokens.inspector })).body.status).toBe('producing');
    expect((await act(id, { action: 'submit_for_review', version: 1 }, tokens.inspector)).status).toBe(200);
    const approved = await act(
      id,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安责停〔2025〕1号' },
      tokens.legal_reviewer,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'effective',
      executionDue: to,
      statusChange: { effectiveDate: from, applied: true },
    });

    const mine = await http('GET', '/v1/mines/m-demo04', { token: tokens.inspector });
    expect(mine.body).toMatchObject({ status: 'rectifying', statusLabel: '停产整顿', statusSince: from });
    const history = await http('GET', '/v1/mines/m-demo04/status-history', { token: tokens.legal_reviewer });
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      status: 'rectifying',
      previousStatus: 'producing',
      effectiveDate: from,
      applied: true,
      documentNo: '（鹤东）煤安责停〔2025〕1号',
    });
  });

  it('starting later → scheduled in the history, the mine unchanged until then', async () => {
    const from = addDays(today, 5);
    const proposed = await propose(
      'm-demo06',
      { kind: 'ordered_suspension', scope: '二采区', from, basis: BASIS, description: '采区通风不可靠' },
      tokens.bureau_admin,
    );
    const id = proposed.body.penaltyId;
    expect((await act(id, { action: 'submit_for_review', version: 1 }, tokens.inspector)).status).toBe(200);
    const approved = await act(
      id,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安责停〔2025〕2号' },
      tokens.legal_reviewer,
    );
    expect(approved.body).toMatchObject({ status: 'effective', statusChange: { effectiveDate: from, applied: false } });
    expect((await http('GET', '/v1/mines/m-demo06', { token: tokens.inspector })).body.status).toBe('producing');
    const history = await http('GET', '/v1/mines/m-demo06/status-history', { token: tokens.inspector });
    expect(history.body.items[0]).toMatchObject({ status: 'rectifying', effectiveDate: from, applied: false });
  });
});

describe('refusals', () => {
  it('stale versions → 409, and nothing changes', async () => {
    const proposed = await propose('m-demo05', fineBody(120_000));
    const id = proposed.body.penaltyId;
    expect((await act(id, { action: 'submit_for_review', version: 1 }, tokens.inspector)).status).toBe(200);
    const stale = await act(id, { action: 'approve', version: 1, decisionNo: 'X' }, tokens.legal_reviewer);
    expect(stale.status).toBe(409);
    expect(fieldsOf(stale)).toEqual(['body.version']);
    expect((await act(id, { action: 'cancel', version: 1, note: '撤回' }, tokens.inspector)).status).toBe(409);
    expect((await http('GET', `/v1/penalties/${id}`, { token: tokens.inspector })).body).toMatchObject({
      status: 'under_review',
      version: 2,
    });
    const policy = await http('PUT', '/v1/policies/penalty', {
      token: tokens.bureau_admin,
      body: { version: 7, thresholds: { executionDueDays: 20 }, reason: '调整' },
    });
    expect(policy.status).toBe(409);
  });

  it('another mine’s or another jurisdiction’s penalty → 404, exactly as one that does not exist', async () => {
    const own = (await propose('m-demo07', fineBody(100, { decisionNo: 'N-1' }))).body.penaltyId;
    const there = (
      await propose(OTHER_JURISDICTION, fineBody(100, { decisionNo: 'XS-1' }), rt.tokens.inspector_other_district)
    ).body.penaltyId;
    const missing = await http('GET', '/v1/penalties/pen-does-not-exist', { token: tokens.inspector });
    expect(missing.status).toBe(404);
    for (const [token, id] of [
      [tokens.mine_user, own],
      [rt.tokens.inspector_other_district!, own],
      [tokens.inspector, there],
      [tokens.legal_reviewer, there],
    ] as const) {
      const reply = await http('GET', `/v1/penalties/${id}`, { token });
      expect(reply.status).toBe(404);
      expect(reply.body.title).toBe(missing.body.title);
    }
    expect(
      (await act(there, { action: 'execute', version: 1, executedOn: today, evidence: ['x'] }, tokens.inspector))
        .status,
    ).toBe(404);
    expect((await propose(OTHER_JURISDICTION, fineBody(100, { decisionNo: 'N-2' }))).status).toBe(404);
    expect((await http('GET', `/v1/mines/${OTHER_JURISDICTION}/penalties`, { token: tokens.inspector })).status).toBe(
      404,
    );
    const listed = await http('GET', '/v1/penalties?limit=200', { token: tokens.inspector });
    expect(listed.body.items.map((p: { penaltyId: string }) => p.penaltyId)).not.toContain(there);
  });

  it('bad dates, unknown kinds and foreign violations → 400 naming the field', async () => {
    const suspension = (extra: Record<string, unknown>) => ({
      kind: 'ordered_suspension',
      scope: '全矿',
      from: today,
      basis: BASIS,
      description: '停产整顿',
      ...extra,
    });
    const ownVio = await violationAt('m-demo08');
    const foreignVio = await violationAt('m-demo09');
    const cases: [unknown, string[]][] = [
      [{ kind: 'detention', basis: BASIS, description: 'x' }, ['body.kind']],
      [{ basis: BASIS, description: 'x' }, ['body.kind']],
      [suspension({ from: '2025-02-30' }), ['body.from']],
      [suspension({ from: '2025-2-3' }), ['body.from']],
      [suspension({ to: addDays(today, -1) }), ['body.to']],
      [
        {
          kind: 'interview',
          interviewee: '矿长',
          interviewDate: today,
          basis: BASIS,
          description: 'x',
          decisionNo: 'I-1',
        },
        ['body.kind'],
      ],
      [
        { kind: 'licence_action', licenceType: 'driving', licenceAction: 'revoke', basis: BASIS, description: 'x' },
        ['body.licenceType'],
      ],
      [fineBody(0), ['body.amountYuan']],
      [
        fineBody(100, { decisionNo: 'V-1', violationIds: [ownVio, 'vio-nosuch', foreignVio] }),
        ['body.violationIds.1', 'body.violationIds.2'],
      ],
    ];
    for (const [body, fields] of cases) {
      const reply = await propose('m-demo08', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(reply), JSON.stringify(reply.body)).toEqual(fields);
    }
    expect((await http('GET', '/v1/mines/m-demo08/penalties', { token: tokens.inspector })).body.items).toEqual([]);
    expect((await http('GET', '/v1/penalties?status=late', { token: tokens.inspector })).status).toBe(400);
    expect((await propose('m-demo08', fineBody(100, { decisionNo: 'V-2', violationIds: [ownVio] }))).status).toBe(201);
  });

  it('a retried create with the same Idempotency-Key creates one penalty', async () => {
    const body = fineBody(200, { decisionNo: 'K-1' });
    const headers = { 'idempotency-key': `pen-retry-${Date.now()}` };
    const first = await propose('m-demo09', body, tokens.inspector, headers);
    const again = await propose('m-demo09', body, tokens.inspector, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.penaltyId).toBe(first.body.penaltyId);
    expect((await http('GET', '/v1/mines/m-demo09/penalties', { token: tokens.inspector })).body.items).toHaveLength(1);
  });

  it('the penalty policy: the default in force, a new version by the admin, used for the next penalty', async () => {
    const inForce = await http('GET', '/v1/policies/penalty', { token: tokens.legal_reviewer });
    expect(inForce.status).toBe(200);
    expect(inForce.body.thresholds.majorFineThresholdYuan).toBeGreaterThan(0);
    expect(
      (
        await http('PUT', '/v1/policies/penalty', {
          token: tokens.bureau_admin,
          body: { version: 0, thresholds: { executionDueDays: 0 }, reason: '调整' },
        })
      ).status,
    ).toBe(400);
  });
});

/* The tenancy matrix of every penalty route. */

/**
 * A valid request on a record of the target's mine, so scope (not validation or a rule) decides. Routes with no
 * record to address have a scoped list: asked on their own side only, with nothing of the other jurisdiction in the answer.
 */
type Case = TargetCase;

/** A major fine at a mine, made by the province admin (so no demo role is its proposer), optionally sent to review. */
async function majorPenaltyAt(mineId: string, underReview: boolean): Promise<{ penaltyId: string; version: number }> {
  const created = await http('POST', `/v1/mines/${mineId}/penalties`, { token: root, body: fineBody(90_000) });
  expect(created.status).toBe(201);
  if (!underReview) return { penaltyId: created.body.penaltyId, version: 1 };
  expect((await act(created.body.penaltyId, { action: 'submit_for_review', version: 1 }, root)).status).toBe(200);
  return { penaltyId: created.body.penaltyId, version: 2 };
}
const generalPenaltyAt = async (mineId: string) =>
  (
    await http('POST', `/v1/mines/${mineId}/penalties`, {
      token: root,
      body: { kind: 'warning', basis: BASIS, description: '警告', decisionNo: `W-${++serial}` },
    })
  ).body.penaltyId as string;

const OTHER_DISTRICT_ITEMS = [OTHER_JURISDICTION, 'hlj/hegang/xingshan'];

const CASES: Case[] = [
  {
    operationId: 'createPenalty',
    allowed: PROPOSERS,
    success: 201,
    request: async (t) => ({
      method: 'POST',
      path: `/v1/mines/${mineOf[t]}/penalties`,
      body: fineBody(1_000, { decisionNo: `M-${++serial}` }),
    }),
  },
  {
    operationId: 'listMinePenalties',
    allowed: READERS,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/mines/${mineOf[t]}/penalties` }),
  },
  {
    operationId: 'getPenalty',
    allowed: READERS,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/penalties/${await generalPenaltyAt(mineOf[t])}` }),
  },
  {
    operationId: 'actOnPenalty',
    allowed: BUREAU,
    success: 200,
    request: async (t, role) => {
      // Each role takes an action that is its own: the legal reviewer reviews, the others send to review.
      const review = role === 'legal_reviewer';
      const p = await majorPenaltyAt(mineOf[t], review);
      const body = review
        ? { action: 'approve', version: p.version, decisionNo: `R-${++serial}` }
        : { action: 'submit_for_review', version: p.version };
      return { method: 'POST', path: `/v1/penalties/${p.penaltyId}/actions`, body };
    },
  },
  {
    operationId: 'correctPenaltyPersons',
    allowed: PROPOSERS,
    success: 200,
    request: async (t) => ({
      method: 'PATCH',
      path: `/v1/penalties/${await generalPenaltyAt(mineOf[t])}/responsible-persons`,
      body: { version: 1, reason: '责任人认定有误', responsiblePersons: [] },
    }),
  },
  {
    operationId: 'listPenalties',
    allowed: READERS,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/penalties?limit=200' }),
    scopedList: (r) => r.items.map((p: any) => [p.mineId, p.jurisdiction]),
  },
  {
    operationId: 'getPenaltyPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/penalty' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putPenaltyPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/penalty', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/penalty',
        body: {
          version: inForce.ownVersion,
          thresholds: { executionDueDays: 30 },
          reason: '本局执行期限',
        },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'listPendingPenaltyPolicyChanges',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/penalty/pending' }),
    scopedList: (r) => r.items.map((c: any) => [c.jurisdiction, c.changeId]),
  },
  {
    operationId: 'approvePenaltyPolicyChange',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (t) => {
      const c = await pendingPolicyChangeAt(t);
      return {
        method: 'POST',
        path: `/v1/policies/penalty/pending/${c.changeId}/approve`,
        body: { version: c.version },
      };
    },
  },
  {
    operationId: 'rejectPenaltyPolicyChange',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (t) => {
      const c = await pendingPolicyChangeAt(t);
      return {
        method: 'POST',
        path: `/v1/policies/penalty/pending/${c.changeId}/reject`,
        body: { version: c.version, reason: '与本局目录不符' },
      };
    },
  },
];

/**
 * A change of the major-decision kinds pending in the target's jurisdiction, proposed by its leader: every interview
 * made major, or back to the product's kinds, whichever differs from what is in force there.
 */
async function pendingPolicyChangeAt(t: Target): Promise<{ changeId: string; version: number }> {
  const token = t === 'otherJurisdiction' ? otherDistrictAdmin : tokens.bureau_admin;
  const inForce = (await http('GET', '/v1/policies/penalty', { token })).body;
  const kinds: string[] = inForce.thresholds.majorKinds;
  const majorKinds = kinds.includes('interview') ? kinds.filter((k) => k !== 'interview') : [...kinds, 'interview'];
  const put = await http('PUT', '/v1/policies/penalty', {
    token,
    body: { version: inForce.ownVersion, thresholds: { majorKinds }, reason: `约谈是否列为重大执法决定 ${++serial}` },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(202);
  return { changeId: put.body.changeId, version: put.body.version };
}
describe('tenancy matrix: penalty routes', () => {
  beforeAll(async () => {
    // A change waiting in the district next door: this district's list must not show it.
    await pendingPolicyChangeAt('otherJurisdiction');
  });

  it('covers every route of the penalties tag (the shared matrices leave them to this file)', () => {
    const routes = PENALTY_ROUTES.map((r) => r.operationId).sort();
    expect(CASES.map((c) => c.operationId).sort()).toEqual(routes);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    // A route under the mine: the same request to a mine that does not exist; else a penalty id that names nothing.
    missingPath: (req, target) =>
      req.path.includes(`/${mineOf[target]}/`)
        ? req.path.replace(mineOf[target], 'm-does-not-exist')
        : req.path.replace(/\/pen-[a-z0-9]+/, '/pen-does-not-exist').replace(/\/pc-[a-z0-9]+/, '/pc-does-not-exist'),
    foreign: OTHER_DISTRICT_ITEMS,
    checkList: (c, role, listed) => {
      // A mine user's list holds its own mine's penalties only.
      if (c.operationId === 'listPenalties' && role === 'mine_user') {
        for (const [mineId] of listed as [string][]) expect(mineId).toBe(OWN);
      }
    },
  });

  it('the other district sees its own penalties and none of this one’s', async () => {
    const reply = await http('GET', '/v1/penalties?limit=200', { token: rt.tokens.inspector_other_district });
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeGreaterThan(0);
    for (const p of reply.body.items) expect(p.jurisdiction).toBe('hlj/hegang/xingshan');
  });

  it('a request without a token, or with a forged one, is 401 on every penalty route', async () => {
    for (const route of PENALTY_ROUTES) {
      const path = route.path.replace('{mineId}', OWN).replace('{penaltyId}', 'pen-x1').replace('{changeId}', 'pc-x1');
      expect((await http(route.method, path)).status, `${route.method} ${path}`).toBe(401);
      expect(
        (await http(route.method, path, { token: `${tokens.bureau_admin.slice(0, -4)}AAAA` })).status,
        `${route.method} ${path}`,
      ).toBe(401);
    }
  });
});
