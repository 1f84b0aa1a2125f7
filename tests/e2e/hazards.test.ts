import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import {
  type MatrixRequest,
  type MineCase,
  READERS,
  ROLES,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  TARGETS,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * Hazards over HTTP on the local runtime with the demo district: a major hazard under listed supervision from record
 * to 销号 with the four-eyes rule, the overdue listing, refusals (400, 404, 409, 422), and the tenancy matrix of every
 * hazards route: every role × own mine / another mine of the district / a mine of another jurisdiction. Expectations
 * are written out from the issue's "who may do what", not read from the route table.
 */
const DS = 'hlj/hegang/dongshan';
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-hz';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };
const today = todayInShanghai();
/** The demo district's inspector, the official the seed assigns to its mines: a user of the directory. */
const DEMO_OFFICIAL = { userId: 'dev-inspector', name: '监管中队（演示）' };

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
let inspectorA: string;
let inspectorB: string;
let mineUser: string;
let otherDistrict: string;
/** The district's supervising official: a user the bureau's leader created in the directory. */
let dsOfficial: { userId: string; name: string };

const general = (overrides: Record<string, unknown> = {}) => ({
  level: 'general',
  description: '井下消防器材过期',
  location: '中央变电所',
  deadline: addDays(today, 10),
  ...overrides,
});
const major = (overrides: Record<string, unknown> = {}) => ({
  level: 'major',
  description: '3102 回风巷瓦斯浓度 1.3%，仍在组织作业',
  location: '3102 回风巷',
  foundOn: addDays(today, -1),
  deadline: addDays(today, 15),
  category: 'GAS_OVERLIMIT',
  measures: '立即停止作业、撤出人员，调整通风系统，瓦斯降至 0.8% 以下方可恢复',
  supervision: {
    responsiblePerson: { name: '矿长（演示）', position: '矿长', mobile: '13900001234' },
    funds: { amount: 350000, source: '企业安全费用' },
    contingencyPlan: '《瓦斯超限事故应急预案》第 3 章',
    official: DEMO_OFFICIAL,
  },
  ...overrides,
});
const post = (token: string, mineId: string, body: unknown, headers?: Record<string, string>) =>
  http('POST', `/v1/mines/${mineId}/hazards`, { token, body, ...(headers ? { headers } : {}) });
const act = (token: string, hazardId: string, body: unknown) =>
  http('POST', `/v1/hazards/${hazardId}/actions`, { token, body });
const fields = (r: Reply) => (r.body.errors ?? []).map((e: { field: string }) => e.field);
const idsOf = (r: Reply) => (r.body.items as { hazardId: string }[]).map((h) => h.hazardId);

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  tokens = roleTokens(rt);
  inspectorA = rt.tokens.inspector!;
  inspectorB = await rt.token({ role: 'inspector', jurisdiction: DS, sub: 'inspector-b' });
  mineUser = rt.tokens.mine_user!;
  otherDistrict = rt.tokens.inspector_other_district!;
  const first17 = '91230407XK0000031';
  const created = await http('POST', '/v1/mines', {
    token: root,
    body: {
      mineId: OTHER_JURISDICTION,
      name: '兴山演示隐患矿',
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 300000,
      gasGrade: 'high',
      hydrogeology: 'medium',
      standardisationGrade: 'grade3',
    },
  });
  expect(created.status).toBe(201);
  const official = await http('POST', '/v1/users', {
    token: tokens.bureau_admin,
    body: { role: 'inspector', name: '东山区煤管局督办人（演示）', email: 'duban-e2e@example.org' },
  });
  expect(official.status, JSON.stringify(official.body)).toBe(201);
  dsOfficial = { userId: official.body.userId, name: official.body.name };
});
afterAll(async () => rt?.stop());

describe('a major hazard under listed supervision, from record to 销号', () => {
  it('recorded by inspector A → started and submitted by the mine → A may not verify (422) → B verifies → closed', async () => {
    const recorded = await post(inspectorA, OWN, major());
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const h = recorded.body;
    expect(h).toMatchObject({
      mineId: OWN,
      mineName: '泰源煤矿',
      level: 'major',
      standardVersion: 'GB-2020',
      category: 'GAS_OVERLIMIT',
      categoryName: '瓦斯超限作业',
      status: 'reported',
      source: 'inspection',
      supervision: { funds: { amount: 350000 }, official: DEMO_OFFICIAL },
      recordedBy: { sub: 'dev-inspector', role: 'inspector' },
      version: 1,
    });

    expect(
      (await act(mineUser, h.hazardId, { action: 'start', version: 1, note: '已停止作业，组织整改' })).body,
    ).toMatchObject({ status: 'rectifying', version: 2 });
    const submitted = await act(mineUser, h.hazardId, {
      action: 'submit',
      version: 2,
      note: '已调整通风系统，瓦斯浓度降至 0.4%',
      evidence: ['att/3102-gas-log.pdf', 'att/3102-photo-1.jpg'],
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      statusLabel: '待验收',
      rectification: { evidence: ['att/3102-gas-log.pdf', 'att/3102-photo-1.jpg'] },
    });

    const byRecorder = await act(inspectorA, h.hazardId, { action: 'verify', version: 3, note: '验收' });
    expect(byRecorder.status).toBe(422);
    expect(byRecorder.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(byRecorder.body.detail).toContain('四眼原则');
    expect((await http('GET', `/v1/hazards/${h.hazardId}`, { token: inspectorA })).body).toMatchObject({
      status: 'submitted',
      version: 3,
    });

    const verified = await act(inspectorB, h.hazardId, {
      action: 'verify',
      version: 3,
      note: '现场验收合格，同意销号',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'verified',
      statusLabel: '已销号',
      verifiedBy: { sub: 'inspector-b', role: 'inspector' },
      version: 4,
      overdue: false,
    });

    const detail = await http('GET', `/v1/hazards/${h.hazardId}`, { token: mineUser });
    expect(detail.status).toBe(200);
    expect(detail.body.steps.map((s: { action: string; by: { sub: string } }) => [s.action, s.by.sub])).toEqual([
      ['record', 'dev-inspector'],
      ['start', 'dev-mine_user-m-taiyuan'],
      ['submit', 'dev-mine_user-m-taiyuan'],
      ['verify', 'inspector-b'],
    ]);
    expect(idsOf(await http('GET', '/v1/hazards?status=verified&major=true', { token: inspectorA }))).toContain(
      h.hazardId,
    );
    expect(idsOf(await http('GET', `/v1/mines/${OWN}/hazards?status=submitted`, { token: inspectorA }))).not.toContain(
      h.hazardId,
    );
    // Closed means closed: nothing more happens to it.
    expect((await act(inspectorB, h.hazardId, { action: 'reject', version: 4, note: '复查' })).status).toBe(422);

    const audit = await http('GET', `/v1/mines/${OWN}/audit?limit=10`, { token: inspectorA });
    const events = (audit.body.items as { entityId: string; action: string }[])
      .filter((e) => e.entityId === h.hazardId)
      .map((e) => e.action);
    expect(events).toEqual(['hazard.verified', 'hazard.submitted', 'hazard.started', 'hazard.recorded']);
  });

  it('a rejection sends it back to the mine with the reason; a stale version is 409', async () => {
    const { hazardId } = (await post(inspectorA, OWN, general())).body;
    await act(inspectorA, hazardId, { action: 'start', version: 1 });
    await act(mineUser, hazardId, { action: 'submit', version: 2, note: '已更换灭火器' });
    expect((await act(inspectorB, hazardId, { action: 'reject', version: 3 })).status).toBe(400);
    const rejected = await act(inspectorB, hazardId, { action: 'reject', version: 3, note: '数量不足，须按规定配齐' });
    expect(rejected.body).toMatchObject({ status: 'rectifying', version: 4 });
    const stale = await act(mineUser, hazardId, { action: 'submit', version: 3, note: '已配齐' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ field: 'body.version', message: '当前版本为 4，请刷新后重试' }]);
  });
});

describe('the supervising official (督办人) a mine names', () => {
  // The official is told of the listing at once (critical: in-app, email, SMS through quiet hours), in the mine's words.
  const withOfficial = (userId: string) =>
    major({
      description: `督办人测试 ${userId}`,
      supervision: { ...major().supervision, official: { userId, name: '局长（矿方自填）' } },
    });
  const listings = async () =>
    (await http('GET', `/v1/notifications?mineId=${OWN}&limit=200`, { token: tokens.bureau_admin })).body.items.filter(
      (n: { kind: string }) => n.kind === 'hazard.major_listed',
    ).length;
  const hazardsOfOwn = async () =>
    (await http('GET', `/v1/mines/${OWN}/hazards?major=true&limit=200`, { token: tokens.bureau_admin })).body.items
      .length;
  let deactivated: string;

  beforeAll(async () => {
    const made = await http('POST', '/v1/users', {
      token: tokens.bureau_admin,
      body: { role: 'inspector', name: '已调离的监管员', email: 'left-e2e@example.org' },
    });
    expect(made.status).toBe(201);
    deactivated = made.body.userId;
    const off = await http('PATCH', `/v1/users/${deactivated}`, {
      token: tokens.bureau_admin,
      body: { version: made.body.version, active: false },
    });
    expect(off.body).toMatchObject({ active: false });
  });

  it('an inspector of another district: 422 naming the field; nothing recorded, no one told', async () => {
    const before = { listings: await listings(), hazards: await hazardsOfOwn() };
    const reply = await post(mineUser, OWN, withOfficial('dev-inspector-xingshan'));
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fields(reply)).toEqual(['body.supervision.official.userId']);
    await rt.queue.drain();
    expect({ listings: await listings(), hazards: await hazardsOfOwn() }).toEqual(before);
    const inbox = await http('GET', '/v1/me/notifications?limit=200', { token: otherDistrict });
    expect(JSON.stringify(inbox.body)).not.toContain(OWN);
  });

  it.each([
    ['an id no one has', 'u-no-such-official'],
    ['a deactivated user', () => deactivated],
    ['a mine user (the mine’s own staff)', 'dev-mine_user-m-taiyuan'],
    ['a legal reviewer of the district', 'dev-legal_reviewer'],
  ])('%s: 422 naming the field, nothing recorded', async (_, id) => {
    const before = { listings: await listings(), hazards: await hazardsOfOwn() };
    const reply = await post(mineUser, OWN, withOfficial(typeof id === 'function' ? id() : id));
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(fields(reply)).toEqual(['body.supervision.official.userId']);
    expect({ listings: await listings(), hazards: await hazardsOfOwn() }).toEqual(before);
  });

  it('the district’s own official: recorded under the directory’s name, and told', async () => {
    const reply = await post(mineUser, OWN, withOfficial(dsOfficial.userId));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.supervision.official).toEqual(dsOfficial);
    await rt.queue.drain();
    const told = (
      await http('GET', `/v1/notifications?mineId=${OWN}&limit=200`, { token: tokens.bureau_admin })
    ).body.items.find((n: any) => n.ref.entityId === reply.body.hazardId);
    expect(told.recipients).toContainEqual({ type: 'user', ...dsOfficial });
    const official = await rt.token({ role: 'inspector', jurisdiction: DS, sub: dsOfficial.userId });
    const inbox = await http('GET', '/v1/me/notifications?limit=200', { token: official });
    expect(inbox.body.items.map((n: { notificationId: string }) => n.notificationId)).toContain(told.notificationId);
  });
});

describe('overdue hazards', () => {
  it('a hazard past its deadline shows as overdue, on the mine and across the jurisdiction, until verified', async () => {
    const late = (
      await post(
        inspectorA,
        'm-demo05',
        general({ foundOn: addDays(today, -20), deadline: addDays(today, -3), description: '主排水泵未按期检修' }),
      )
    ).body;
    const dueToday = (await post(inspectorA, 'm-demo05', general({ deadline: today, description: '今日到期' }))).body;
    expect(late).toMatchObject({ overdue: true });
    expect(dueToday).toMatchObject({ overdue: false });
    const overdue = await http('GET', '/v1/hazards?overdue=true', { token: inspectorA });
    expect(overdue.status).toBe(200);
    expect(idsOf(overdue)).toContain(late.hazardId);
    expect(idsOf(overdue)).not.toContain(dueToday.hazardId);
    expect((overdue.body.items as { overdue: boolean }[]).every((x) => x.overdue)).toBe(true);
    expect(
      idsOf(await http('GET', '/v1/mines/m-demo05/hazards?overdue=true', { token: tokens.legal_reviewer })),
    ).toEqual([late.hazardId]);
    expect(idsOf(await http('GET', '/v1/mines/m-demo05/hazards?overdue=false', { token: inspectorA }))).toEqual([
      dueToday.hazardId,
    ]);
    expect(idsOf(await http('GET', '/v1/hazards?overdue=true', { token: otherDistrict }))).not.toContain(late.hazardId);
  });
});

describe('refusals', () => {
  it.each([
    ['a date that is no calendar day', general({ deadline: '2026-02-30' }), ['body.deadline']],
    ['a malformed found date', general({ foundOn: '2025-1-5' }), ['body.foundOn']],
    [
      'a deadline before the found date',
      general({ foundOn: addDays(today, -5), deadline: addDays(today, -6) }),
      ['body.deadline'],
    ],
    ['a found date in the future', general({ foundOn: addDays(today, 2) }), ['body.foundOn']],
    ['an unknown category', major({ category: 'COAL_DUST_EXPLOSION' }), ['body.category']],
    ['an unknown standard version', major({ standardVersion: 'GB-1999' }), ['body.standardVersion']],
    [
      'a major hazard without its five items',
      major({ measures: undefined, supervision: { responsiblePerson: { name: '矿长' } } }),
      ['body.measures', 'body.supervision.funds', 'body.supervision.contingencyPlan', 'body.supervision.official'],
    ],
  ])('%s → 400 naming the fields', async (_, body, want) => {
    const reply = await post(inspectorA, OWN, body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fields(reply)).toEqual(want);
  });

  it.each([
    // found on, named version, want: a status and the standard that judged it, or the field a 422 names
    ['2020-12-31', undefined, 201, 'GB-2015'],
    ['2021-01-01', undefined, 201, 'GB-2020'],
    ['2020-12-31', 'GB-2020', 422, 'body.standardVersion'],
    ['2021-01-01', 'GB-2015', 422, 'body.standardVersion'],
  ])('a major hazard found on %s naming %s → %i %s', async (foundOn, standardVersion, status, want) => {
    const reply = await post(
      inspectorA,
      OWN,
      major({ foundOn, category: 'WATER_HAZARD', ...(standardVersion ? { standardVersion } : {}) }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    if (status === 422) {
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fields(reply)).toEqual([want]);
    } else {
      expect(reply.body).toMatchObject({
        standardVersion: want,
        category: 'WATER_HAZARD',
        categoryName: want === 'GB-2015' ? '有严重水患未采取有效措施' : '有严重水患，未采取有效措施',
      });
    }
  });

  it('a hazard found tomorrow is a 400 naming body.foundOn in Chinese; one found today is recorded', async () => {
    const tomorrow = await post(inspectorA, OWN, general({ foundOn: addDays(today, 1) }));
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.body.errors).toEqual([{ field: 'body.foundOn', message: `发现日期不能晚于今天（${today}）` }]);
    const found = await post(inspectorA, OWN, general({ foundOn: today }));
    expect(found.status, JSON.stringify(found.body)).toBe(201);
    expect(found.body).toMatchObject({ foundOn: today });
  });

  it('another mine’s hazard is 404 to a mine user; another jurisdiction’s is 404 to a bureau, exactly like a missing one', async () => {
    const otherMine = (await post(inspectorA, OTHER_MINE, general())).body.hazardId;
    const otherJur = (await post(otherDistrict, OTHER_JURISDICTION, general())).body.hazardId;
    const ownHazard = (await post(inspectorA, OWN, general())).body.hazardId;
    const missing = await http('GET', '/v1/hazards/hz-does-not-exist', { token: mineUser });
    expect(missing.status).toBe(404);
    for (const [token, id] of [
      [mineUser, otherMine],
      [inspectorA, otherJur],
      [otherDistrict, ownHazard],
    ] as const) {
      const reply = await http('GET', `/v1/hazards/${id}`, { token });
      expect(reply.status).toBe(404);
      expect(reply.body.title).toBe(missing.body.title);
      expect((await act(token, id, { action: 'start', version: 1 })).status).toBe(404);
    }
  });

  it('a mine user records only self-reports, for its own mine', async () => {
    expect((await post(mineUser, OWN, general())).body).toMatchObject({
      source: 'self_report',
      recordedBy: { role: 'mine_user' },
    });
    expect(fields(await post(mineUser, OWN, general({ source: 'inspection' })))).toEqual(['body.source']);
    expect((await post(mineUser, OTHER_MINE, general())).status).toBe(404);
  });

  it('a retried creation with the same Idempotency-Key records one hazard', async () => {
    const headers = { 'Idempotency-Key': 'e2e-hazard-retry-1' };
    const body = general({ description: '重试登记的隐患' });
    const first = await post(inspectorA, 'm-demo03', body, headers);
    const again = await post(inspectorA, 'm-demo03', body, headers);
    expect(first.status).toBe(201);
    expect(again.body.hazardId).toBe(first.body.hazardId);
    const list = await http('GET', '/v1/mines/m-demo03/hazards', { token: inspectorA });
    expect(
      (list.body.items as { description: string }[]).filter((x) => x.description === '重试登记的隐患'),
    ).toHaveLength(1);
  });

  it('the standard’s versions and categories, for every signed-in role but the partner departments; 401 without a token', async () => {
    expect((await http('GET', '/v1/hazard-standards', { token: tokens.partner_dept })).status).toBe(403);
    for (const role of ROLES.filter((r) => r !== 'partner_dept')) {
      const reply = await http('GET', '/v1/hazard-standards', { token: tokens[role] });
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((s: { id: string; inForce: boolean }) => [s.id, s.inForce])).toEqual([
        ['GB-2015', false],
        ['GB-2020', true],
      ]);
      expect(reply.body.items[0]).toMatchObject({ effectiveFrom: '2015-12-03', effectiveUntil: '2020-12-31' });
      expect(reply.body.items[1].categories.map((c: { code: string }) => c.code)).toContain('NO_DUAL_POWER');
    }
    expect((await http('GET', '/v1/hazard-standards')).status).toBe(401);
  });
});

/* ---------- the tenancy matrix of the hazards routes ---------- */

const HANDLERS: RoleName[] = ['bureau_admin', 'inspector', 'mine_user'];

/** A fresh hazard at a mine, recorded by the province admin (who sees every mine). */
const freshHazard = async (mineId: string): Promise<string> => {
  const reply = await post(root, mineId, general());
  expect(reply.status).toBe(201);
  return reply.body.hazardId;
};

/** A valid request for a target (so only role and scope decide), and the same request for a missing record. */
type Case = MineCase<MatrixRequest & { missingPath: string }>;

const CASES: Case[] = [
  {
    operationId: 'recordHazard',
    allowed: HANDLERS,
    success: 201,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/hazards`,
      body: general(),
      missingPath: '/v1/mines/m-does-not-exist/hazards',
    }),
  },
  {
    operationId: 'listMineHazards',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'GET',
      path: `/v1/mines/${m}/hazards?overdue=false`,
      missingPath: '/v1/mines/m-does-not-exist/hazards?overdue=false',
    }),
  },
  {
    operationId: 'getHazard',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'GET',
      path: `/v1/hazards/${await freshHazard(m)}`,
      missingPath: '/v1/hazards/hz-does-not-exist',
    }),
  },
  {
    operationId: 'actOnHazard',
    allowed: HANDLERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/hazards/${await freshHazard(m)}/actions`,
      body: { action: 'start', version: 1 },
      missingPath: '/v1/hazards/hz-does-not-exist/actions',
    }),
  },
];

describe('tenancy matrix: hazards routes', () => {
  it('covers every hazards route of the route table', () => {
    const hazardRoutes = ALL_ROUTES.filter((r) => r.tag === 'hazards')
      .map((r) => r.operationId)
      .sort();
    expect([...CASES.map((c) => c.operationId), 'listHazards', 'listHazardStandards'].sort()).toEqual(hazardRoutes);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    missingPath: (req) => req.missingPath,
  });

  describe('the jurisdiction-wide list shows nothing out of scope', () => {
    const seen: Record<Target, string> = { own: '', otherMine: '', otherJurisdiction: '' };
    beforeAll(async () => {
      for (const t of TARGETS) seen[t] = await freshHazard(mineOf[t]);
    });
    const visible: Record<RoleName, Target[] | 403> = {
      bureau_admin: ['own', 'otherMine'],
      inspector: ['own', 'otherMine'],
      legal_reviewer: ['own', 'otherMine'],
      mine_user: ['own'],
      partner_dept: 403,
    };
    for (const role of ROLES) {
      it(`listHazards as ${role} → ${visible[role] === 403 ? 403 : `200 with ${(visible[role] as Target[]).join(', ')} only`}`, async () => {
        const reply = await http('GET', '/v1/hazards?limit=200', { token: tokens[role] });
        const want = visible[role];
        if (want === 403) {
          expect(reply.status).toBe(403);
          return;
        }
        expect(reply.status).toBe(200);
        const ids = idsOf(reply);
        for (const t of TARGETS) expect(ids.includes(seen[t]), `${t}`).toBe(want.includes(t));
        if (role === 'mine_user')
          expect(new Set((reply.body.items as { mineId: string }[]).map((h) => h.mineId))).toEqual(new Set([OWN]));
      });
    }
    it('listHazards in another district shows that district’s only', async () => {
      const ids = idsOf(await http('GET', '/v1/hazards?limit=200', { token: otherDistrict }));
      expect(ids).toContain(seen.otherJurisdiction);
      expect(ids).not.toContain(seen.own);
      expect(ids).not.toContain(seen.otherMine);
    });
  });

  it('listHazardStandards is open to every signed-in role but the partner departments (they may only ask the blacklist check)', async () => {
    for (const role of ROLES)
      expect((await http('GET', '/v1/hazard-standards', { token: tokens[role] })).status).toBe(
        role === 'partner_dept' ? 403 : 200,
      );
  });

  it('a request without a token, or with a forged one, is 401 on every hazards route', async () => {
    const paths: [string, string][] = [
      ['POST', `/v1/mines/${OWN}/hazards`],
      ['GET', `/v1/mines/${OWN}/hazards`],
      ['GET', '/v1/hazards'],
      ['GET', '/v1/hazards/hz-1'],
      ['POST', '/v1/hazards/hz-1/actions'],
      ['GET', '/v1/hazard-standards'],
    ];
    for (const [method, path] of paths) {
      expect((await http(method, path)).status, `${method} ${path}`).toBe(401);
      expect(
        (await http(method, path, { token: `${tokens.bureau_admin.slice(0, -4)}AAAA` })).status,
        `${method} ${path}`,
      ).toBe(401);
    }
  });
});
