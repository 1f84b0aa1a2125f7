import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { proposeFromCreditDrop } from '#lib/blacklist/proposals.ts';
import { previousMonth } from '#lib/reports/period.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { waitingClient } from '../support/fair-use.ts';
import { client, startTestRuntime } from '../support/local-runtime.ts';
import {
  BUREAU,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
  type TargetCase,
} from '../support/tenancy-matrix.ts';

/**
 * The tenancy matrix of the routes that are not under one mine: cases, daily reports, review runs, policies,
 * bulk imports. Every role × a record of its own jurisdiction / one of another jurisdiction. Expectations are
 * written out from the issues' "who may do what", not read from the route table.
 */
const yesterday = addDays(todayInShanghai(), -1);

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
/** The leader of the district next door, who proposes changes of its own credit policy there. */
let otherAdmin: string;
type Records = {
  caseId?: string;
  importId?: string;
  entryId?: string;
  leadersNotice?: string;
  userId?: string;
  planId?: string;
  penaltyId?: string;
};
const own: Records = {};
const other: Records = {};
/** The credit code of an enterprise listed in this district (the demo seed's), which a partner has checked. */
let ownListedCode = '';

beforeAll(async () => {
  rt = await startTestRuntime();
  // Many requests of a few users in a row, setups included: a mine user's default fair-use limit is waited out.
  http = waitingClient(client(rt.url));
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  otherAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-admin' });
  tokens = roleTokens(rt);
  const otherInspector = rt.tokens.inspector_other_district!;

  // Another district with a suspended mine that used far too much yesterday: its review opens a case there.
  const first17 = '91230407XK0000002';
  const created = await http('POST', '/v1/mines', {
    token: root,
    body: {
      mineId: 'm-xs-case',
      name: '兴山演示停产矿',
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 90000,
      gasGrade: 'low',
      hydrogeology: 'simple',
      standardisationGrade: 'none',
      status: 'suspended',
      statusEffectiveDate: addDays(yesterday, -60),
    },
  });
  expect(created.status).toBe(201);
  // In the register from a month back, so yesterday's reading is of a meter in force.
  const since = addDays(yesterday, -30);
  await http('PUT', '/v1/mines/m-xs-case/meters/main', { token: root, body: { name: '总表', effectiveFrom: since } });
  await http('PUT', '/v1/mines/m-xs-case/equipment/fan', {
    token: root,
    body: { name: '主通风机', ratedKw: 100, circuit: 'ventilation', mustRunWhenStopped: true, effectiveFrom: since },
  });
  expect(
    (
      await http('POST', '/v1/mines/m-xs-case/power-readings', {
        token: otherInspector,
        body: { readings: [{ meterId: 'main', date: yesterday, kwh: 20000 }] },
      })
    ).status,
  ).toBe(201);
  // The other district's mine asks to change its register: a request pending there.
  const otherMineUser = await rt.token({ role: 'mine_user', mineId: 'm-xs-case' });
  const asked = await http('PUT', '/v1/mines/m-xs-case/equipment/fan', {
    token: otherMineUser,
    body: { version: 1, name: '主通风机', ratedKw: 400, circuit: 'ventilation', mustRunWhenStopped: true },
  });
  expect(asked.status).toBe(202);
  expect((await http('POST', `/local/jobs/power-review?date=${yesterday}`)).status).toBe(200);
  other.caseId = (await http('GET', '/v1/cases?mineId=m-xs-case', { token: root })).body.items[0]?.caseId;
  own.caseId = (await http('GET', '/v1/cases?mineId=m-demo11&status=open', { token: root })).body.items[0]?.caseId;
  expect(other.caseId && own.caseId).toBeTruthy();

  const imp = (token: string) =>
    http('POST', '/v1/power-imports', {
      token,
      body: { rows: [{ creditCode: '91230407000000000X', date: addDays(yesterday, -400), kwh: 1 }] },
    });
  own.importId = (await imp(tokens.inspector)).body.importId;
  other.importId = (await imp(otherInspector)).body.importId;
  await rt.queue.drain();

  // Credit in both districts: classified yesterday, then the other district's mine revived a closed mine and drops
  // to D today (a tier-change notification and a blacklist proposal there); one proposal in this district too.
  expect((await http('POST', `/local/jobs/credit-classification?date=${yesterday}`)).status).toBe(200);
  const revived = await http('POST', '/v1/mines/m-xs-case/violations', {
    token: root,
    body: {
      category: 'closed_mine_revived',
      date: yesterday,
      description: '已关闭矿井擅自恢复生产',
      source: { kind: 'manual' },
    },
  });
  expect(revived.status).toBe(201);
  expect((await http('POST', '/local/jobs/credit-classification')).status).toBe(200);
  other.entryId = (
    await http('GET', '/v1/blacklist?jurisdiction=hlj/hegang/xingshan', { token: root })
  ).body.items[0]?.entryId;
  const demo = (await http('GET', '/v1/mines/m-demo10', { token: root })).body;
  const entry = await proposeFromCreditDrop(rt.db, {
    mine: demo,
    date: yesterday,
    reasons: ['矩阵测试'],
    policyVersion: 0,
  });
  own.entryId =
    entry?.entryId ??
    (await http('GET', '/v1/blacklist?jurisdiction=hlj/hegang/dongshan', { token: root })).body.items[0]?.entryId;
  expect(other.entryId && own.entryId).toBeTruthy();

  // The other district's proposal published, and a partner's check of a listed enterprise in each district: a check
  // is filed with the bureau whose listed subject it names, so each side's record of checks holds its own alone.
  const provinceLegal = await rt.token({ role: 'legal_reviewer', jurisdiction: 'hlj', sub: 'province-legal' });
  for (const [token, body] of [
    [root, { action: 'serve_notice', version: 1, servedOn: addDays(yesterday, -9) }],
    [root, { action: 'submit_review', version: 2 }],
    [provinceLegal, { action: 'approve', version: 3, decisionNo: '（兴山）矩阵测试〔1〕号' }],
  ] as const) {
    const step = await http('POST', `/v1/blacklist/${other.entryId}/actions`, { token, body });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
  }
  ownListedCode = (await http('GET', '/v1/mines/m-demo11', { token: root })).body.creditCode;
  for (const code of [ownListedCode, first17 + creditCodeCheckChar(first17)]) {
    const check = await http(
      'GET',
      `/v1/blacklist/check?subjectType=enterprise&creditCode=${code}&scope=safety_licence`,
      {
        token: tokens.partner_dept,
      },
    );
    expect(check.body.restricted, code).toBe(true);
  }
  // A notice to each district's leaders alone (a case opened by the review): the id a wrong reader would guess.
  const leadersNotice = async (jurisdiction: string) =>
    (await http('GET', `/v1/notifications?jurisdiction=${jurisdiction}&limit=200`, { token: root })).body.items.find(
      (n: any) =>
        n.recipients.length === 1 &&
        n.recipients[0].type === 'leaders' &&
        n.recipients[0].jurisdiction === jurisdiction,
    )?.notificationId;
  own.leadersNotice = await leadersNotice('hlj/hegang/dongshan');
  other.leadersNotice = await leadersNotice('hlj/hegang/xingshan');
  expect(own.leadersNotice && other.leadersNotice).toBeTruthy();
  // A user of each district, created by the province's leader.
  const userIn = async (jurisdiction: string, email: string) =>
    (
      await http('POST', '/v1/users', {
        token: root,
        body: { role: 'inspector', name: '矩阵用户', email, jurisdiction },
      })
    ).body.userId;
  own.userId = await userIn('hlj/hegang/dongshan', 'matrix-ds@example.org');
  other.userId = await userIn('hlj/hegang/xingshan', 'matrix-xs@example.org');
  expect(own.userId && other.userId).toBeTruthy();
  // A change of the credit policy waiting in the other district: this district's list must not show it.
  await pendingCreditChangeAt('otherJurisdiction');
  // The year's enforcement plan of each district: the demo's (seeded, approved) and one drafted next door.
  own.planId = (
    await http('GET', `/v1/enforcement-plans?year=${PLAN_YEAR}`, { token: tokens.bureau_admin })
  ).body.items[0]?.planId;
  other.planId = (
    await http('POST', '/v1/enforcement-plans', { token: otherAdmin, body: { year: PLAN_YEAR } })
  ).body.planId;
  expect(own.planId && other.planId).toBeTruthy();
  // 执法公示: a decision in force published in each district (this one's is the demo seed's warning).
  const xsWarning = await http('POST', '/v1/mines/m-xs-case/penalties', {
    token: root,
    body: { kind: 'warning', basis: '矩阵测试依据', description: '矩阵测试警告' },
  });
  other.penaltyId = xsWarning.body.penaltyId;
  expect((await http('POST', '/local/jobs/disclosure')).status).toBe(200);
  own.penaltyId = (
    await http('GET', '/v1/disclosures?state=published', { token: tokens.bureau_admin })
  ).body.items[0]?.penaltyId;
  expect(own.penaltyId && other.penaltyId).toBeTruthy();
});
afterAll(async () => rt?.stop());

/**
 * A request for a record of the caller's jurisdiction (own) or of another one. Routes with no record to address have
 * a scoped list: the other jurisdiction's data is absent from the answer instead of a 404. A role the route admits that
 * still gets another answer on its own side (the wrong person for a step, or a user with no such record) has its
 * status in refusedRoles.
 */
type Case = TargetCase;

const versionOf = async (caseId: string) => (await http('GET', `/v1/cases/${caseId}`, { token: root })).body.version;

const PLAN_YEAR = Number(todayInShanghai().slice(0, 4));
const planAt = (t: Target) => (t === 'own' ? own.planId : other.planId);
/** The plan as the province's leader reads it (any district's), for its current version and an open item. */
const planNow = async (t: Target) => {
  const root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  return (await http('GET', `/v1/enforcement-plans/${planAt(t)}`, { token: root })).body;
};
const openItemOf = (plan: any) => plan.items.find((i: any) => i.state !== 'done') ?? plan.draft.items[0];

const REPORT_MONTH = previousMonth(todayInShanghai());
const districtOf = (t: Target) => (t === 'own' ? 'hlj/hegang/dongshan' : 'hlj/hegang/xingshan');
/** The version of the target district's report of last month, as the province's leader reads it (0: none yet). */
const reportVersion = async (t: Target) =>
  (
    await http('GET', `/v1/reports/monthly?jurisdiction=${districtOf(t)}&month=${REPORT_MONTH}`, { token: root })
  ).body.items.find((r: any) => r.jurisdiction === districtOf(t))?.version ?? 0;

const CASES: Case[] = [
  {
    operationId: 'listEnforcementPlans',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: `/v1/enforcement-plans?year=${PLAN_YEAR}` }),
    scopedList: (r) => r.items.map((p: any) => [p.jurisdiction, ...p.items.map((i: any) => i.mineId)]),
  },
  {
    operationId: 'createEnforcementPlan',
    allowed: ['bureau_admin', 'inspector'],
    success: 201,
    // The leader drafts next year's; the inspector then asks for a second plan of this year (the demo's): 409.
    refusedRoles: { inspector: 409 },
    request: async (_t, role) => ({
      method: 'POST',
      path: '/v1/enforcement-plans',
      body: { year: role === 'bureau_admin' ? PLAN_YEAR + 1 : PLAN_YEAR },
    }),
    scopedList: (r) => [r.jurisdiction, ...(r.draft?.items ?? []).map((i: any) => i.mineId)],
  },
  {
    operationId: 'getEnforcementPlan',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/enforcement-plans/${planAt(t)}` }),
  },
  {
    operationId: 'editEnforcementPlan',
    allowed: ['bureau_admin', 'inspector'],
    success: 200,
    request: async (t) => {
      const plan = await planNow(t);
      return {
        method: 'PATCH',
        path: `/v1/enforcement-plans/${planAt(t)}`,
        body: { version: plan.version, changes: [{ itemId: openItemOf(plan).itemId, month: 12 }], reason: '矩阵测试' },
      };
    },
  },
  {
    operationId: 'approveEnforcementPlan',
    allowed: ['bureau_admin'],
    success: 200,
    request: async (t) => {
      // A revision by someone who never approves here, so the leader asked is not its drafter.
      const editor = await rt.token({
        role: 'inspector',
        jurisdiction: t === 'own' ? 'hlj/hegang/dongshan' : 'hlj/hegang/xingshan',
        sub: t === 'own' ? 'dev-inspector' : 'dev-inspector-xingshan',
      });
      let plan = await planNow(t);
      if (t === 'own' && plan.draft?.editors.some((e: any) => e.sub === 'dev-bureau_admin')) {
        const other = await rt.token({
          role: 'bureau_admin',
          jurisdiction: 'hlj/hegang/dongshan',
          sub: 'matrix-admin',
        });
        await http('POST', `/v1/enforcement-plans/${planAt(t)}/approve`, {
          token: other,
          body: { version: plan.version },
        });
        plan = await planNow(t);
      }
      if (t === 'own' && !plan.draft) {
        await http('PATCH', `/v1/enforcement-plans/${planAt(t)}`, {
          token: editor,
          body: {
            version: plan.version,
            changes: [{ itemId: openItemOf(plan).itemId, month: 11 }],
            reason: '矩阵测试',
          },
        });
        plan = await planNow(t);
      }
      return { method: 'POST', path: `/v1/enforcement-plans/${planAt(t)}/approve`, body: { version: plan.version } };
    },
  },
  {
    operationId: 'discardEnforcementPlanRevision',
    allowed: ['bureau_admin'],
    success: 200,
    request: async (t) => {
      // A revision pending on this side (by the inspector), so the leader asked has one to discard.
      let plan = await planNow(t);
      if (t === 'own' && !plan.draft) {
        const editor = await rt.token({ role: 'inspector', jurisdiction: 'hlj/hegang/dongshan', sub: 'dev-inspector' });
        await http('PATCH', `/v1/enforcement-plans/${planAt(t)}`, {
          token: editor,
          body: {
            version: plan.version,
            changes: [{ itemId: openItemOf(plan).itemId, month: 10 }],
            reason: '矩阵测试',
          },
        });
        plan = await planNow(t);
      }
      return {
        method: 'POST',
        path: `/v1/enforcement-plans/${planAt(t)}/discard-revision`,
        body: { version: plan.version },
      };
    },
  },
  {
    operationId: 'listCases',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/cases?limit=200' }),
    scopedList: (r) => r.items.map((c: any) => c.caseId),
  },
  {
    operationId: 'getCase',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    // A mine user's own mine has no case: the demo case belongs to another mine, which it may not see.
    refusedRoles: { mine_user: 404 },
    request: async (t) => ({ method: 'GET', path: `/v1/cases/${t === 'own' ? own.caseId : other.caseId}` }),
  },
  {
    operationId: 'actOnCase',
    allowed: ['bureau_admin', 'inspector'],
    success: 200,
    request: async (t) => {
      const caseId = t === 'own' ? own.caseId! : other.caseId!;
      return {
        method: 'POST',
        path: `/v1/cases/${caseId}/actions`,
        // The demo district's inspector, a user of the directory (another jurisdiction's case is 404 before that).
        body: {
          action: 'assign',
          version: await versionOf(caseId),
          assignee: { userId: 'dev-inspector', name: '承办人' },
        },
      };
    },
  },
  {
    operationId: 'listPendingRegisterRequests',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/register-requests?limit=200' }),
    scopedList: (r) => r.items.map((i: any) => [i.mineId, i.jurisdiction, i.status]),
  },
  {
    operationId: 'listDayReviews',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: `/v1/power-reviews/${yesterday}/mines?limit=200` }),
    scopedList: (r) => r.items.map((i: any) => [i.mineId, i.jurisdiction]),
  },
  {
    operationId: 'getPowerReport',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: `/v1/power-reviews/${yesterday}` }),
    scopedList: (r) => r.anomalies.map((a: any) => a.mineId),
  },
  {
    operationId: 'runPowerReview',
    allowed: ['bureau_admin'],
    success: 202,
    request: async () => ({ method: 'POST', path: `/v1/power-reviews/${yesterday}/run` }),
    scopedList: (r) => r.jurisdictions.map((j: any) => j.path),
  },
  {
    operationId: 'getPowerPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/power-review' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putPowerPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      // The version of the district's own policy (0 while it inherits one).
      const inForce = (await http('GET', '/v1/policies/power-review', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/power-review',
        body: { version: inForce.ownVersion, thresholds: { spikeZ: 5 }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'previewPowerPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/power-review', { token: tokens.bureau_admin })).body;
      return {
        method: 'POST',
        path: '/v1/policies/power-review/preview',
        body: { version: inForce.ownVersion, thresholds: { nightShareFactor: 4 }, reason: '预览' },
      };
    },
    scopedList: (r) => [r.current.definedAt, r.changes.map((c: any) => c.mineId)],
  },
  {
    operationId: 'createPowerImport',
    allowed: ['bureau_admin', 'inspector'],
    success: 202,
    request: async () => ({
      method: 'POST',
      path: '/v1/power-imports',
      body: { rows: [{ creditCode: '91230407000000000X', date: addDays(yesterday, -500), kwh: 2 }] },
    }),
    scopedList: (r) => r.jurisdiction,
  },
  {
    operationId: 'getPowerImport',
    allowed: ['bureau_admin', 'inspector'],
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/power-imports/${t === 'own' ? own.importId : other.importId}` }),
  },
  {
    operationId: 'getCreditPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/credit' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putCreditPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/credit', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/credit',
        body: {
          version: inForce.ownVersion,
          thresholds: { missedReadingsCap: 12 },
          reason: '调整',
        },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'previewCreditPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/credit', { token: tokens.bureau_admin })).body;
      return {
        method: 'POST',
        path: '/v1/policies/credit/preview',
        body: { version: inForce.ownVersion, thresholds: { missedReadingsCap: 30 }, reason: '预览' },
      };
    },
    scopedList: (r) => [r.current.definedAt, r.changes.map((c: any) => c.mineId)],
  },
  {
    operationId: 'listPendingCreditPolicyChanges',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/credit/pending' }),
    scopedList: (r) => r.items.map((c: any) => [c.jurisdiction, c.changeId]),
  },
  {
    operationId: 'approveCreditPolicyChange',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (t) => {
      const c = await pendingCreditChangeAt(t);
      return {
        method: 'POST',
        path: `/v1/policies/credit/pending/${c.changeId}/approve`,
        body: { version: c.version },
      };
    },
  },
  {
    operationId: 'rejectCreditPolicyChange',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (t) => {
      const c = await pendingCreditChangeAt(t);
      return {
        method: 'POST',
        path: `/v1/policies/credit/pending/${c.changeId}/reject`,
        body: { version: c.version, reason: '依据不足' },
      };
    },
  },
  {
    operationId: 'listCredit',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/credit?limit=200' }),
    scopedList: (r) => r.items.map((c: any) => [c.mineId, c.jurisdiction]),
  },
  {
    operationId: 'getInspectionPlan',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: `/v1/inspection-plan?month=${todayInShanghai().slice(0, 7)}` }),
    scopedList: (r) => r.items.map((i: any) => [i.mineId, i.jurisdiction]),
  },
  {
    operationId: 'getLegalReviewQueue',
    allowed: ['legal_reviewer', 'bureau_admin'],
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/legal-review/queue' }),
    scopedList: (r) => ({
      penalties: r.penalties.map((p: any) => [p.mineId, p.jurisdiction, p.status]),
      blacklist: r.blacklist.map((e: any) => [e.mineId, e.jurisdiction]),
      overrides: r.overrides.map((o: any) => [o.mineId, o.jurisdiction]),
      policyChanges: r.policyChanges.flatMap((p: any) => p.changes.map((c: any) => [c.jurisdiction, c.changeId])),
    }),
  },
  {
    operationId: 'listBlacklistEntries',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/blacklist' }),
    scopedList: (r) => r.items.map((e: any) => [e.mineId, e.jurisdiction]),
  },
  {
    operationId: 'getBlacklistEntry',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/blacklist/${t === 'own' ? own.entryId : other.entryId}` }),
  },
  {
    operationId: 'listNotifications',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/notifications?limit=200' }),
    scopedList: (r) => r.items.map((n: any) => [n.mineId, n.jurisdiction]),
  },
  {
    operationId: 'listBlacklistGrounds',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/blacklist-grounds' }),
    scopedList: (r) => r.items,
  },
  {
    operationId: 'proposeBlacklistEntry',
    allowed: ['bureau_admin', 'inspector'],
    success: 201,
    request: async (t) => ({
      method: 'POST',
      path: '/v1/blacklist',
      body: {
        subjectType: 'enterprise',
        mineId: await newMine(t),
        grounds: ['STOPPED_MINE_PRODUCING'],
        note: '矩阵测试',
      },
    }),
  },
  {
    operationId: 'checkBlacklist',
    allowed: [...BUREAU, 'partner_dept'],
    success: 200,
    request: async () => ({
      method: 'GET',
      path: '/v1/blacklist/check?subjectType=enterprise&creditCode=91230407000000000X&scope=safety_licence',
    }),
    scopedList: () => null,
  },
  {
    operationId: 'listBlacklistChecks',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/blacklist-checks?limit=200' }),
    scopedList: (r) => r.items,
  },
  {
    operationId: 'actOnBlacklistEntry',
    allowed: BUREAU,
    success: 200,
    // Serving the notice is the squad's or the leaders' step; a legal reviewer is the wrong person for it.
    refusedRoles: { legal_reviewer: 422 },
    request: async (t) => {
      const proposed = await http('POST', '/v1/blacklist', {
        token: root,
        body: {
          subjectType: 'enterprise',
          mineId: await newMine(t),
          grounds: ['CLOSED_MINE_REVIVED'],
          note: '矩阵测试',
        },
      });
      return {
        method: 'POST',
        path: `/v1/blacklist/${proposed.body.entryId}/actions`,
        body: { action: 'serve_notice', version: 1, servedOn: yesterday },
      };
    },
  },
  {
    operationId: 'getBlacklistPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/blacklist' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putBlacklistPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/blacklist', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/blacklist',
        body: { version: inForce.ownVersion, terms: { objectionDays: 7 }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'getTipoffPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/tipoffs' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putTipoffPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/tipoffs', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/tipoffs',
        body: { version: inForce.ownVersion, terms: { concludeDays: 60 }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'getAcceptancePolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/acceptance' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putAcceptancePolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/acceptance', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/acceptance',
        body: { version: inForce.ownVersion, terms: { checkDays: 10 }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  // The caller's own contact and inbox: no record of another jurisdiction to address, except a notification's id.
  {
    operationId: 'getMyContact',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/me/contact' }),
    scopedList: (r) => r.jurisdiction ?? null,
  },
  {
    operationId: 'putMyContact',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    request: async (_t, role) => {
      const current = await http('GET', '/v1/me/contact', { token: tokens[role] });
      return {
        method: 'PUT',
        path: '/v1/me/contact',
        body: { version: current.status === 200 ? current.body.version : 0, channels: { email: false, sms: false } },
      };
    },
    scopedList: (r) => r.jurisdiction ?? null,
  },
  {
    operationId: 'listMyNotifications',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/me/notifications?limit=200' }),
    scopedList: (r) => r.items.map((n: any) => [n.mineId, n.inbox]),
  },
  {
    operationId: 'markMyNotificationRead',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    // A leaders' notice: the district's leaders read it; everyone else has no such item in their inbox.
    refusedRoles: { inspector: 404, legal_reviewer: 404, mine_user: 404 },
    request: async (t) => ({
      method: 'POST',
      path: `/v1/me/notifications/${t === 'own' ? own.leadersNotice : other.leadersNotice}/read`,
    }),
  },
  {
    operationId: 'addCalendarEntry',
    allowed: ['bureau_admin'],
    success: 201,
    request: async () => ({
      method: 'POST',
      path: '/v1/calendar',
      body: { title: '上报季度安全生产形势分析', dueOn: addDays(todayInShanghai(), 7) },
    }),
    scopedList: (r) => r.jurisdiction,
  },
  {
    operationId: 'getReminderPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/reminders' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putReminderPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/reminders', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/reminders',
        body: {
          version: inForce.ownVersion,
          rules: { hazard: { leadDays: [5, 3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
          reason: '调整',
        },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'getRateLimitPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/rate-limits' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putRateLimitPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/rate-limits', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/rate-limits',
        // The defaults again: the other cases of this run keep the limits they had.
        body: { version: inForce.ownVersion, limits: { caller: inForce.limits.caller }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'listDisclosures',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/disclosures' }),
    scopedList: (r) => r.items.map((d: any) => [d.mineId, d.jurisdiction]),
  },
  {
    operationId: 'getDisclosure',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/disclosures/${t === 'own' ? own.penaltyId : other.penaltyId}` }),
  },
  {
    operationId: 'withdrawDisclosure',
    allowed: ['bureau_admin'],
    success: 200,
    request: async (t) => ({
      method: 'POST',
      path: `/v1/disclosures/${t === 'own' ? own.penaltyId : other.penaltyId}/withdraw`,
      body: { version: 1, reason: '矩阵测试：处罚决定已撤销' },
    }),
  },
  {
    operationId: 'getDisclosurePolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/disclosure' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putDisclosurePolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/disclosure', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/disclosure',
        body: { version: inForce.ownVersion, terms: { workingDays: inForce.terms.workingDays }, reason: '调整' },
      };
    },
    scopedList: (r) => r.definedAt,
  },
  // Reports upward: the statistics and the monthly reports of the caller's district, or of the district next door
  // (404). The demo users are a district's: the district's admin submits its own month; returning or accepting is
  // the city's (422 for the district itself).
  {
    operationId: 'getReportStatistics',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({
      method: 'GET',
      path: `/v1/reports/statistics?jurisdiction=${districtOf(t)}&period=${REPORT_MONTH}`,
    }),
  },
  {
    operationId: 'listMonthlyReports',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({
      method: 'GET',
      path: `/v1/reports/monthly?jurisdiction=${districtOf(t)}&month=${REPORT_MONTH}`,
    }),
  },
  {
    operationId: 'submitMonthlyReport',
    allowed: ['bureau_admin'],
    success: 200,
    request: async (t) => ({
      method: 'POST',
      path: `/v1/reports/monthly/${REPORT_MONTH}/submit`,
      body: { jurisdiction: districtOf(t), version: await reportVersion(t), note: '矩阵测试' },
    }),
  },
  {
    operationId: 'returnMonthlyReport',
    allowed: ['bureau_admin'],
    success: 200,
    refusedRoles: { bureau_admin: 422 },
    request: async (t) => ({
      method: 'POST',
      path: `/v1/reports/monthly/${REPORT_MONTH}/return`,
      body: { jurisdiction: districtOf(t), version: await reportVersion(t), comments: '矩阵测试' },
    }),
  },
  {
    operationId: 'acceptMonthlyReport',
    allowed: ['bureau_admin'],
    success: 200,
    refusedRoles: { bureau_admin: 422 },
    request: async (t) => ({
      method: 'POST',
      path: `/v1/reports/monthly/${REPORT_MONTH}/accept`,
      body: { jurisdiction: districtOf(t), version: await reportVersion(t) },
    }),
  },
  {
    operationId: 'getReportingPolicy',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/policies/reporting' }),
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'putReportingPolicy',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const inForce = (await http('GET', '/v1/policies/reporting', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/policies/reporting',
        body: { version: inForce.ownVersion, terms: { dueDay: inForce.terms.dueDay }, reason: '调整' },
      };
    },
    // The matrix's bureau is a district's, whose monthly report is due when its city says: it may not set one.
    refusedRoles: { bureau_admin: 422 },
    scopedList: (r) => r.definedAt,
  },
  {
    operationId: 'listCalendar',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/calendar' }),
    scopedList: (r) => r.items.map((e: any) => e.jurisdiction),
  },
  {
    operationId: 'listDeadlines',
    allowed: BUREAU,
    success: 200,
    request: async () => ({
      method: 'GET',
      path: `/v1/deadlines?from=${addDays(yesterday, -300)}&to=${addDays(yesterday, 60)}`,
    }),
    scopedList: (r) => r.items.map((e: any) => e.jurisdiction),
  },
  {
    operationId: 'listUsers',
    allowed: BUREAU,
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/users?limit=200' }),
    scopedList: (r) => r.items.map((u: any) => [u.userId, u.jurisdiction, u.mineId]),
  },
  {
    operationId: 'getUser',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({ method: 'GET', path: `/v1/users/${t === 'own' ? own.userId : other.userId}` }),
  },
  {
    operationId: 'createUser',
    allowed: ['bureau_admin'],
    success: 201,
    // A user of one of the district's mines, or of the other district's (out of scope: 404 like a missing mine).
    request: async (t) => ({
      method: 'POST',
      path: '/v1/users',
      body: {
        role: 'mine_user',
        mineId: t === 'own' ? 'm-demo03' : 'm-xs-case',
        name: '矩阵煤矿用户',
        email: `matrix-mine-${++users}@example.org`,
      },
    }),
  },
  {
    operationId: 'patchUser',
    allowed: ['bureau_admin'],
    success: 200,
    request: async (t) => {
      const userId = t === 'own' ? own.userId : other.userId;
      const { version } = (await http('GET', `/v1/users/${userId}`, { token: root })).body;
      return { method: 'PATCH', path: `/v1/users/${userId}`, body: { version, name: `矩阵用户${++users}` } };
    },
  },
  {
    operationId: 'getJurisdiction',
    allowed: [...BUREAU, 'mine_user'],
    success: 200,
    request: async () => ({ method: 'GET', path: '/v1/jurisdiction' }),
    scopedList: (r) => r,
  },
  {
    operationId: 'nameJurisdiction',
    allowed: ['bureau_admin'],
    success: 200,
    request: async () => {
      const current = (await http('GET', '/v1/jurisdiction', { token: tokens.bureau_admin })).body;
      return {
        method: 'PUT',
        path: '/v1/jurisdiction',
        body: { version: current.version, name: '东山区', bureauName: '鹤岗市东山区煤管局（演示）' },
      };
    },
    scopedList: (r) => r,
  },
  {
    // 辖区总览: its own jurisdiction (the default), or a district next door (404, as one that does not exist).
    operationId: 'getOverview',
    allowed: BUREAU,
    success: 200,
    request: async (t) => ({
      method: 'GET',
      path: t === 'own' ? '/v1/overview' : `/v1/overview?jurisdiction=${encodeURIComponent('hlj/hegang/xingshan')}`,
    }),
  },
];

/**
 * A change of the forced-D triggers pending in the target's jurisdiction, proposed by its leader: over-capacity
 * production forcing D, or no longer (never below the product's triggers), whichever differs from what is in force.
 */
async function pendingCreditChangeAt(t: Target): Promise<{ changeId: string; version: number }> {
  const token = t === 'own' ? tokens.bureau_admin : otherAdmin;
  const inForce = (await http('GET', '/v1/policies/credit', { token })).body;
  const categories: string[] = inForce.thresholds.forceD.violationCategories;
  const violationCategories = categories.includes('over_capacity')
    ? categories.filter((c) => c !== 'over_capacity')
    : [...categories, 'over_capacity'];
  const put = await http('PUT', '/v1/policies/credit', {
    token,
    body: { version: inForce.ownVersion, thresholds: { forceD: { violationCategories } }, reason: '调整失信情形' },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(202);
  return { changeId: put.body.changeId, version: put.body.version };
}

let users = 0;
let mines = 0;
/** A new mine of this district or the other one, with no blacklist entry yet. */
async function newMine(t: Target): Promise<string> {
  const mineId = `m-bl-matrix-${++mines}`;
  const first17 = `9123040700${String(10_000_000 + mines).slice(-7)}`;
  const created = await http('POST', '/v1/mines', {
    token: root,
    body: {
      mineId,
      name: `名单矩阵矿${mines}`,
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: t === 'own' ? 'hlj/hegang/dongshan' : 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 90000,
      gasGrade: 'low',
      hydrogeology: 'simple',
      standardisationGrade: 'none',
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return mineId;
}

const OTHER_DISTRICT_ITEMS = ['m-xs-case', 'hlj/hegang/xingshan', 'dev-inspector-xingshan'];

/** Capabilities whose own e2e file carries their tenancy matrix (and checks it covers every route of the tag). */
const OWN_MATRIX_TAGS = new Set([
  'hazards',
  'penalties',
  'violations',
  'inspections',
  'accidents',
  'interviews',
  'directives',
  // 复工复产验收: tests/e2e/acceptance.test.ts.
  'acceptances',
  'tipoffs',
]);

describe('tenancy matrix: jurisdiction routes', () => {
  it('covers every route outside /v1/mines and the public ones', () => {
    const covered = ALL_ROUTES.filter(
      (r) => r.roles !== 'public' && !r.path.startsWith('/v1/mines') && !OWN_MATRIX_TAGS.has(r.tag),
    )
      .map((r) => r.operationId)
      .sort();
    expect(CASES.map((c) => c.operationId).sort()).toEqual(covered);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    // These routes are not under one mine: a record is of the caller's jurisdiction or of another one.
    targets: ['own', 'otherJurisdiction'],
    label: (t) => (t === 'own' ? 'its jurisdiction' : 'another jurisdiction'),
    foreign: OTHER_DISTRICT_ITEMS,
    checkList: (c, role, listed) => {
      // The district's own case is in its bureau's list.
      if (c.operationId === 'listCases' && role !== 'mine_user') expect(listed).toContain(own.caseId);
      // The partner's check of this district's listed enterprise is in its bureau's record.
      if (c.operationId === 'listBlacklistChecks')
        expect((listed as any[]).map((k) => [k.creditCode, k.jurisdiction])).toContainEqual([
          ownListedCode,
          'hlj/hegang/dongshan',
        ]);
      // The demo's penalty under legal review is in its legal reviewer's queue.
      if (c.operationId === 'getLegalReviewQueue')
        expect((listed as any).penalties).toContainEqual(['m-demo11', 'hlj/hegang/dongshan', 'under_review']);
      // The demo's pending request (泰源煤矿's drainage pump) is in its bureau's list.
      if (c.operationId === 'listPendingRegisterRequests')
        expect(listed).toContainEqual(['m-taiyuan', 'hlj/hegang/dongshan', 'pending']);
      // The district's deadlines are its own partition of the due-date index, never another's.
      if (c.operationId === 'listDeadlines') {
        expect((listed as string[]).length).toBeGreaterThan(0);
        expect(new Set(listed as string[])).toEqual(new Set(['hlj/hegang/dongshan']));
      }
    },
  });
});

describe('deadlines (GET /v1/deadlines): one read per district of the caller', () => {
  const range = () => `/v1/deadlines?from=${addDays(yesterday, -300)}&to=${addDays(yesterday, 60)}`;
  const jurisdictionsOf = async (token: string) => {
    const reply = await http('GET', range(), { token });
    expect(reply.status).toBe(200);
    return new Set((reply.body.items as { jurisdiction: string }[]).map((e) => e.jurisdiction));
  };

  it('a city bureau reads its districts, a district only its own, the district next door none of it', async () => {
    const city = await jurisdictionsOf(rt.tokens.city_admin!);
    expect(city).toContain('hlj/hegang/dongshan');
    for (const j of city) expect(j.startsWith('hlj/hegang')).toBe(true);
    expect(await jurisdictionsOf(tokens.bureau_admin)).toEqual(new Set(['hlj/hegang/dongshan']));
    expect(await jurisdictionsOf(rt.tokens.inspector_other_district!)).not.toContain('hlj/hegang/dongshan');
  });

  it('refuses a range that ends before it starts or is longer than a year', async () => {
    for (const [from, to] of [
      [yesterday, addDays(yesterday, -1)],
      [yesterday, addDays(yesterday, 366)],
    ]) {
      const reply = await http('GET', `/v1/deadlines?from=${from}&to=${to}`, { token: tokens.bureau_admin });
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain('query.to');
    }
    const year = await http('GET', `/v1/deadlines?from=${yesterday}&to=${addDays(yesterday, 365)}`, {
      token: tokens.bureau_admin,
    });
    expect(year.status).toBe(200);
  });
});
