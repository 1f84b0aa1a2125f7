import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accidentRoutes } from '#functions/api/accidents.routes.ts';
import { inspectionRoutes } from '#functions/api/inspections.routes.ts';
import { interviewRoutes } from '#functions/api/interviews.routes.ts';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { violationRoutes } from '#functions/api/violations.routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
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
 * Enforcement records over HTTP on the local runtime: violations, inspections and accidents recorded, found,
 * listed and corrected, every refusal a problem naming its field; then the tenancy matrix of every one of their
 * routes (role × own mine / another mine of the district / a mine of another jurisdiction), the expectations
 * written out from the "who may do what", not read from the route table.
 */
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-enf';
const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };

const RECORDERS: RoleName[] = ['bureau_admin', 'inspector'];

const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let rootToken: string;
let tokens: Record<RoleName, string>;

const root = (method: string, path: string, body?: unknown) => http(method, path, { token: rootToken, body });
const created = (r: Reply): any => {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const fields = (r: Reply): string[] => (r.body.errors ?? []).map((e: { field: string }) => e.field);
const expectProblem = (r: Reply, status: number, fieldNames?: string[]) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (fieldNames) expect(fields(r)).toEqual(fieldNames);
};

const violation = (b: Record<string, unknown> = {}) => ({
  category: 'over_capacity',
  date: daysAgo(3),
  description: '超能力组织生产',
  source: { kind: 'manual' },
  ...b,
});
const INSPECTORS = [{ userId: 'u-wang', name: '王检查' }];
const planned = (b: Record<string, unknown> = {}) => ({
  kind: 'planned',
  plannedOn: daysAgo(2),
  inspectors: INSPECTORS,
  purpose: '季度执法检查',
  ...b,
});
/** The directory's inspector of the demo district; the other district's mine takes its own. */
const hostOf = (mineId: string) => (mineId === OTHER_JURISDICTION ? 'dev-inspector-xingshan' : 'dev-inspector');
const interview = (mineId: string, b: Record<string, unknown> = {}) => ({
  date: daysAgo(4),
  summoned: [
    { name: '李某某（演示）', position: '矿长' },
    { name: '赵某某（演示）', position: '实际控制人' },
  ],
  heldBy: [{ userId: hostOf(mineId) }],
  subject: '停产期间用电量异常，约谈主要负责人',
  content: '通报用电量审查发现的夜间用电情况，要求说明原因',
  followUp: { requirements: '三日内书面说明情况，落实停产措施', dueOn: daysAgo(1) },
  ...b,
});
const accident = (b: Record<string, unknown> = {}) => ({
  date: daysAgo(10),
  level: 'general',
  deaths: 1,
  injuries: 0,
  description: '运输事故',
  ...b,
});

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  rootToken = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  tokens = roleTokens(rt);
  const first17 = '91230407XK0000007';
  created(
    await root('POST', '/v1/mines', {
      mineId: OTHER_JURISDICTION,
      name: '兴山执法演示矿',
      creditCode: first17 + creditCodeCheckChar(first17),
      jurisdiction: 'hlj/hegang/xingshan',
      approvedCapacityTonnesPerYear: 300000,
      gasGrade: 'low',
      hydrogeology: 'simple',
      standardisationGrade: 'grade3',
    }),
  );
});
afterAll(async () => rt?.stop());

describe('violations', () => {
  it('the categories: the plan’s list with codes, numbers and names, for every role but the partner departments', async () => {
    expect((await http('GET', '/v1/violation-categories', { token: tokens.partner_dept })).status).toBe(403);
    for (const role of ROLES.filter((r) => r !== 'partner_dept')) {
      const r = await http('GET', '/v1/violation-categories', { token: tokens[role] });
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(18);
      expect(r.body.items[0]).toEqual({ code: 'outdated_capacity', no: 1, name: '淘汰落后产能' });
      expect(r.body.items.map((c: any) => c.no)).not.toContain(17);
    }
    expect((await http('GET', '/v1/violation-categories')).status).toBe(401);
  });

  it('recorded once however often retried, found by id, corrected with a reason and audited, never deleted', async () => {
    const post = () =>
      http('POST', `/v1/mines/${OWN}/violations`, {
        token: tokens.inspector,
        body: violation({ evidence: ['照片 IMG_001'] }),
        headers: { 'idempotency-key': 'enf-violation-0001' },
      });
    const v = created(await post());
    const again = await post();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.violationId).toBe(v.violationId);
    expect(v).toMatchObject({
      mineId: OWN,
      mineName: '泰源煤矿',
      category: 'over_capacity',
      categoryNo: 4,
      categoryName: '超能力、超强度、超定员组织生产',
      version: 1,
    });

    expect((await http('GET', `/v1/violations/${v.violationId}`, { token: tokens.mine_user })).body).toEqual(v);
    const mineList = await http('GET', `/v1/mines/${OWN}/violations?from=${daysAgo(3)}&to=${daysAgo(3)}`, {
      token: tokens.legal_reviewer,
    });
    expect(mineList.body.items.map((x: any) => x.violationId)).toEqual([v.violationId]);

    const patch = (body: unknown, token = tokens.inspector) =>
      http('PATCH', `/v1/violations/${v.violationId}`, { token, body });
    expectProblem(await patch({ version: 1, category: 'fake_rectification' }), 400, ['body.reason']);
    expectProblem(await patch({ version: 1, reason: '更正' }), 400, ['body']);
    const corrected = await patch({
      version: 1,
      category: 'fake_rectification',
      date: daysAgo(4),
      reason: '经复核为隐患整改弄虚作假',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({
      category: 'fake_rectification',
      categoryNo: 12,
      date: daysAgo(4),
      version: 2,
    });
    expectProblem(await patch({ version: 1, description: '覆盖', reason: '重复更正' }), 409);
    expectProblem(await patch({ version: 2, description: '覆盖', reason: '越权' }, tokens.mine_user), 403);
    expectProblem(await patch({ version: 2, description: '覆盖', reason: '越权' }, tokens.legal_reviewer), 403);
    expect((await http('GET', `/v1/violations/${v.violationId}`, { token: tokens.inspector })).body).toEqual(
      corrected.body,
    );
    expect((await http('DELETE', `/v1/violations/${v.violationId}`, { token: tokens.bureau_admin })).status).toBe(405);

    const audit = await http('GET', `/v1/mines/${OWN}/audit?limit=50`, { token: tokens.inspector });
    const events = audit.body.items.filter((e: any) => e.entityId === v.violationId);
    expect(events.map((e: any) => e.action)).toEqual(['violation.corrected', 'violation.recorded']);
    expect(events[0]).toMatchObject({
      reason: '经复核为隐患整改弄虚作假',
      before: { category: 'over_capacity', date: daysAgo(3) },
      after: { category: 'fake_rectification', date: daysAgo(4) },
    });
  });

  it('refuses unknown categories, bad and future dates and foreign inspections with a 400 naming the field', async () => {
    const post = (b: Record<string, unknown>) =>
      http('POST', `/v1/mines/${OWN}/violations`, { token: tokens.inspector, body: violation(b) });
    expectProblem(await post({ category: 'speeding' }), 400, ['body.category']);
    expectProblem(await post({ date: '2025-02-29' }), 400, ['body.date']);
    expectProblem(await post({ date: addDays(today, 1) }), 400, ['body.date']);
    expectProblem(await post({ source: { kind: 'case', id: 'case-1' } }), 400, ['body.source.kind']);
    const elsewhere = created(await root('POST', `/v1/mines/${OTHER_MINE}/inspections`, planned()));
    expectProblem(await post({ source: { kind: 'inspection', id: elsewhere.inspectionId } }), 400, ['body.source.id']);
    expectProblem(await post({ source: { kind: 'inspection', id: 'insp-none' } }), 400, ['body.source.id']);
    expectProblem(
      await http('GET', `/v1/violations?from=${daysAgo(1)}&to=${daysAgo(2)}`, { token: tokens.inspector }),
      400,
      ['query.to'],
    );
    expectProblem(await http('GET', `/v1/violations?category=nope`, { token: tokens.inspector }), 400, [
      'query.category',
    ]);
  });

  it('a violation a confirmed case records is found by its id and in the mine’s list', async () => {
    const cases = (await http('GET', '/v1/cases?mineId=m-demo11', { token: tokens.inspector })).body.items as any[];
    const c = cases.find((x) => x.status === 'open');
    expect(c).toBeDefined();
    const act = (body: object) => http('POST', `/v1/cases/${c.caseId}/actions`, { token: tokens.inspector, body });
    expect((await act({ action: 'start', version: c.version })).status).toBe(200);
    const confirmed = await act({ action: 'confirm', version: c.version + 1, note: '现场核实：明停暗开' });
    expect(confirmed.status).toBe(200);
    const id = confirmed.body.violationId;
    const v = await http('GET', `/v1/violations/${id}`, { token: tokens.inspector });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({
      mineId: 'm-demo11',
      source: { kind: 'case', id: c.caseId },
      category: 'stopped_mine_producing',
    });
    expect(
      (await http('GET', '/v1/mines/m-demo11/violations', { token: tokens.inspector })).body.items.map(
        (x: any) => x.violationId,
      ),
    ).toContain(id);
    expect((await http('GET', `/v1/violations/${id}`, { token: tokens.mine_user })).status).toBe(404);
  });
});

describe('inspections', () => {
  it('planned → a violation found on it → completed with its findings → no second completion', async () => {
    const i = created(
      await http('POST', `/v1/mines/${OWN}/inspections`, {
        token: tokens.inspector,
        body: planned({ plannedOn: daysAgo(2) }),
      }),
    );
    expect(i).toMatchObject({
      status: 'planned',
      statusLabel: '计划',
      plannedOn: daysAgo(2),
      overdue: true,
      version: 1,
    });
    const v = created(
      await http('POST', `/v1/mines/${OWN}/violations`, {
        token: tokens.inspector,
        body: violation({ date: daysAgo(1), source: { kind: 'inspection', id: i.inspectionId } }),
      }),
    );
    const foreign = created(await root('POST', `/v1/mines/${OTHER_MINE}/violations`, violation()));

    const act = (body: unknown, token = tokens.inspector) =>
      http('POST', `/v1/inspections/${i.inspectionId}/actions`, { token, body });
    const complete = (b: Record<string, unknown>) => ({
      action: 'complete',
      version: 1,
      doneOn: daysAgo(1),
      inspectors: INSPECTORS,
      summary: '检查通风、瓦斯、防治水',
      ...b,
    });
    expectProblem(await act(complete({ doneOn: daysAgo(3) })), 400, ['body.doneOn']);
    expectProblem(await act(complete({ doneOn: addDays(today, 1) })), 400, ['body.doneOn']);
    expectProblem(await act(complete({ findings: { violationIds: [v.violationId, foreign.violationId] } })), 400, [
      'body.findings.violationIds.1',
    ]);
    expectProblem(await act(complete({ findings: { hazardIds: ['不是编号'] } })), 400, ['body.findings.hazardIds.0']);
    expectProblem(await act({ action: 'verify', version: 1 }), 400, ['body.action']);
    expectProblem(await act(complete({}), tokens.mine_user), 403);

    const done = await act(
      complete({ findings: { hazardIds: ['hz-from-hazards-module'], violationIds: [v.violationId] } }),
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      doneOn: daysAgo(1),
      date: daysAgo(1),
      overdue: false,
      findings: { hazardIds: ['hz-from-hazards-module'], violationIds: [v.violationId] },
      version: 2,
    });
    expectProblem(await act(complete({})), 409);
    expectProblem(await act({ action: 'cancel', version: 2, reason: '取消' }), 422);
    expect((await http('GET', `/v1/inspections/${i.inspectionId}`, { token: tokens.mine_user })).body).toEqual(
      done.body,
    );

    const listed = await http('GET', `/v1/inspections?status=done&from=${daysAgo(1)}&to=${daysAgo(1)}`, {
      token: tokens.legal_reviewer,
    });
    expect(listed.body.items.map((x: any) => x.inspectionId)).toContain(i.inspectionId);
    const audit = await http('GET', `/v1/mines/${OWN}/audit?limit=50`, { token: tokens.inspector });
    expect(audit.body.items.filter((e: any) => e.entityId === i.inspectionId).map((e: any) => e.action)).toEqual([
      'inspection.completed',
      'inspection.planned',
    ]);
  });

  it('recorded done directly; cancelled with a reason; bad bodies name their field', async () => {
    const done = created(
      await http('POST', `/v1/mines/${OWN}/inspections`, {
        token: tokens.bureau_admin,
        body: { kind: 'done', doneOn: daysAgo(5), inspectors: INSPECTORS, summary: '突击检查' },
      }),
    );
    expect(done).toMatchObject({ status: 'done', findings: { hazardIds: [], violationIds: [] } });
    const p = created(
      await http('POST', `/v1/mines/${OWN}/inspections`, {
        token: tokens.inspector,
        body: planned({ plannedOn: addDays(today, 30) }),
      }),
    );
    const cancelled = await http('POST', `/v1/inspections/${p.inspectionId}/actions`, {
      token: tokens.inspector,
      body: { action: 'cancel', version: 1, reason: '煤矿停产' },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '煤矿停产', version: 2 });
    const post = (body: unknown) => http('POST', `/v1/mines/${OWN}/inspections`, { token: tokens.inspector, body });
    expectProblem(await post({ ...planned(), kind: 'surprise' }), 400, ['body.kind']);
    expectProblem(await post(planned({ plannedOn: '2025-13-01' })), 400, ['body.plannedOn']);
    expectProblem(await post(planned({ inspectors: [] })), 400, ['body.inspectors']);
    expectProblem(await post({ kind: 'done', doneOn: addDays(today, 1), inspectors: INSPECTORS, summary: 's' }), 400, [
      'body.doneOn',
    ]);
    expectProblem(
      await post({ kind: 'done', plannedOn: daysAgo(1), doneOn: daysAgo(2), inspectors: INSPECTORS, summary: 's' }),
      400,
      ['body.doneOn'],
    );
    expectProblem(await http('GET', '/v1/inspections?status=open', { token: tokens.inspector }), 400, ['query.status']);
  });
});

describe('accidents', () => {
  it('recorded, listed by level, corrected when a concealment is found; bad levels and dates refused', async () => {
    const post = (b: Record<string, unknown>) =>
      http('POST', `/v1/mines/${OWN}/accidents`, { token: tokens.inspector, body: accident(b) });
    expectProblem(await post({ level: 'minor' }), 400, ['body.level']);
    expectProblem(await post({ level: 'general', deaths: 3 }), 400, ['body.level']);
    expectProblem(await post({ deaths: -1 }), 400, ['body.deaths']);
    expectProblem(await post({ date: addDays(today, 1) }), 400, ['body.date']);
    expectProblem(await post({ date: '2025-02-30' }), 400, ['body.date']);

    const a = created(await post({ level: 'larger', deaths: 3, injuries: 2 }));
    expect(a).toMatchObject({ levelLabel: '较大事故', concealed: false, misreported: false, version: 1 });
    const byLevel = await http('GET', '/v1/accidents?level=larger', { token: tokens.legal_reviewer });
    expect(byLevel.body.items.map((x: any) => x.accidentId)).toContain(a.accidentId);
    expect(
      (await http('GET', '/v1/accidents?level=major', { token: tokens.legal_reviewer })).body.items.map(
        (x: any) => x.accidentId,
      ),
    ).not.toContain(a.accidentId);

    const patch = (body: unknown) => http('PATCH', `/v1/accidents/${a.accidentId}`, { token: tokens.inspector, body });
    expectProblem(await patch({ version: 1, deaths: 11, reason: '死亡人数更正' }), 400, ['body.level']);
    const c = await patch({ version: 1, concealed: true, deaths: 4, reason: '群众举报，查实瞒报 1 人死亡' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body).toMatchObject({ concealed: true, deaths: 4, version: 2 });
    expectProblem(await patch({ version: 1, misreported: true, reason: '重复' }), 409);
    expect((await http('GET', `/v1/accidents/${a.accidentId}`, { token: tokens.mine_user })).body).toEqual(c.body);
    const audit = await http('GET', `/v1/mines/${OWN}/audit?limit=50`, { token: tokens.inspector });
    const events = audit.body.items.filter((e: any) => e.entityId === a.accidentId);
    expect(events.map((e: any) => e.action)).toEqual(['accident.corrected', 'accident.recorded']);
    expect(events[0]).toMatchObject({
      before: { concealed: false, deaths: 3 },
      after: { concealed: true, deaths: 4 },
      reason: '群众举报，查实瞒报 1 人死亡',
    });
  });
});

describe('interviews (约谈): a record of their own, not a penalty', () => {
  const post = (b: Record<string, unknown>, token = tokens.inspector, mineId = OWN) =>
    http('POST', `/v1/mines/${mineId}/interviews`, { token, body: interview(mineId, b) });

  it('recorded with who was summoned and who held it (by the directory’s names), read by the mine, audited, in the mine’s file', async () => {
    const a = created(await post({}));
    expect(a).toMatchObject({
      mineId: OWN,
      mineName: '泰源煤矿',
      date: daysAgo(4),
      summoned: [
        { name: '李某某（演示）', position: '矿长' },
        { name: '赵某某（演示）', position: '实际控制人' },
      ],
      heldBy: [{ userId: 'dev-inspector', name: '监管中队（演示）' }],
      subject: '停产期间用电量异常，约谈主要负责人',
      followUp: { requirements: '三日内书面说明情况，落实停产措施', dueOn: daysAgo(1) },
      version: 1,
    });
    expect(a.interviewId).toMatch(/^itv-/);
    const later = created(await post({ date: daysAgo(2), followUp: undefined, content: undefined }));
    expect(later).not.toHaveProperty('followUp');

    const own = await http('GET', `/v1/mines/${OWN}/interviews?from=${daysAgo(5)}`, { token: tokens.mine_user });
    expect(own.status).toBe(200);
    const ids = own.body.items.map((x: any) => x.interviewId);
    expect(ids.indexOf(later.interviewId)).toBeLessThan(ids.indexOf(a.interviewId));
    expect(
      (await http('GET', `/v1/mines/${OWN}/interviews?to=${daysAgo(3)}`, { token: tokens.inspector })).body.items.map(
        (x: any) => x.interviewId,
      ),
    ).not.toContain(later.interviewId);
    const one = await http('GET', `/v1/mines/${OWN}/interviews/${a.interviewId}`, { token: tokens.mine_user });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(a);
    // Addressed under another mine, the interview is not there.
    expect(
      (await http('GET', `/v1/mines/${OTHER_MINE}/interviews/${a.interviewId}`, { token: tokens.inspector })).status,
    ).toBe(404);

    const audit = await http('GET', `/v1/mines/${OWN}/audit?limit=50`, { token: tokens.inspector });
    const events = audit.body.items.filter((e: any) => e.entityId === a.interviewId);
    expect(events.map((e: any) => [e.action, e.entityType])).toEqual([['interview.recorded', 'interview']]);

    const file = await http('GET', `/v1/mines/${OWN}/record`, { token: tokens.inspector });
    expect(file.status).toBe(200);
    expect(file.body.interviews.map((x: any) => x.interviewId)).toEqual(expect.arrayContaining([a.interviewId]));
  });

  it('refuses bad bodies with a 400 naming the field, and hosts who are not the mine’s supervisors with a 422', async () => {
    expectProblem(await post({ date: addDays(today, 1), followUp: undefined }), 400, ['body.date']);
    expectProblem(await post({ date: '2025-02-30' }), 400, ['body.date']);
    expectProblem(await post({ summoned: [] }), 400, ['body.summoned']);
    expectProblem(await post({ summoned: [{ name: '李某某' }] }), 400, ['body.summoned.0.position']);
    expectProblem(await post({ heldBy: [] }), 400, ['body.heldBy']);
    expectProblem(await post({ heldBy: [{ userId: 'dev-inspector' }, { userId: 'dev-inspector' }] }), 400, [
      'body.heldBy',
    ]);
    expectProblem(await post({ subject: '' }), 400, ['body.subject']);
    expectProblem(await post({ followUp: { requirements: '说明情况', dueOn: daysAgo(5) } }), 400, [
      'body.followUp.dueOn',
    ]);
    expectProblem(await post({ penalty: 'interview' }), 400, ['body.penalty']);
    // Another district's inspector, a legal reviewer, a mine user, someone unknown: the same 422, naming the entry.
    for (const userId of ['dev-inspector-xingshan', 'dev-legal_reviewer', 'dev-mine_user-m-taiyuan', 'u-nobody']) {
      const reply = await post({ heldBy: [{ userId: 'dev-bureau_admin' }, { userId }] });
      expectProblem(reply, 422, ['body.heldBy.1.userId']);
    }
    const list = await http('GET', `/v1/mines/${OWN}/interviews?limit=200`, { token: tokens.inspector });
    expect(list.body.items.filter((x: any) => x.heldBy.length === 2)).toEqual([]);
  });

  it('a penalty of kind interview is refused with a 400 naming body.kind that points to the interviews route', async () => {
    const reply = await http('POST', `/v1/mines/${OWN}/penalties`, {
      token: tokens.inspector,
      body: {
        kind: 'interview',
        interviewee: '矿长',
        interviewDate: daysAgo(1),
        basis: '《安全生产法》',
        description: '约谈',
        decisionNo: '约-1',
      },
    });
    expectProblem(reply, 400, ['body.kind']);
    expect(reply.body.errors[0].message).toContain('/v1/mines/{mineId}/interviews');
  });
});

describe('dates of what already happened: today accepted, tomorrow a 400 naming the field in Chinese', () => {
  const tomorrow = addDays(today, 1);
  /** Each operation that takes such a date: a request given the date, and the field and label a refusal names. */
  const OPERATIONS: [string, string, string, (date: string) => Promise<Reply>][] = [
    [
      'POST /v1/mines/{mineId}/violations',
      'body.date',
      '违法违规行为日期',
      (date) => root('POST', `/v1/mines/${OWN}/violations`, violation({ date })),
    ],
    [
      'PATCH /v1/violations/{violationId}',
      'body.date',
      '违法违规行为日期',
      async (date) => {
        const v = created(await root('POST', `/v1/mines/${OWN}/violations`, violation()));
        return root('PATCH', `/v1/violations/${v.violationId}`, { version: 1, date, reason: '日期更正' });
      },
    ],
    [
      'POST /v1/mines/{mineId}/inspections (done)',
      'body.doneOn',
      '检查日期',
      (date) =>
        root('POST', `/v1/mines/${OWN}/inspections`, {
          kind: 'done',
          doneOn: date,
          inspectors: INSPECTORS,
          summary: '检查',
        }),
    ],
    [
      'POST /v1/inspections/{inspectionId}/actions (complete)',
      'body.doneOn',
      '检查日期',
      async (date) => {
        const p = created(await root('POST', `/v1/mines/${OWN}/inspections`, planned({ plannedOn: today })));
        return root('POST', `/v1/inspections/${p.inspectionId}/actions`, {
          action: 'complete',
          version: 1,
          doneOn: date,
          inspectors: INSPECTORS,
          summary: '按计划检查',
        });
      },
    ],
    [
      'POST /v1/mines/{mineId}/accidents',
      'body.date',
      '事故发生日期',
      (date) => root('POST', `/v1/mines/${OWN}/accidents`, accident({ date })),
    ],
    [
      'PATCH /v1/accidents/{accidentId}',
      'body.date',
      '事故发生日期',
      async (date) => {
        const a = created(await root('POST', `/v1/mines/${OWN}/accidents`, accident()));
        return root('PATCH', `/v1/accidents/${a.accidentId}`, { version: 1, date, reason: '日期更正' });
      },
    ],
  ];

  it.each(OPERATIONS)('%s: %s', async (_, field, label, request) => {
    const refused = await request(tomorrow);
    expectProblem(refused, 400, [field]);
    expect(refused.body.errors[0].message).toBe(`${label}不能晚于今天（${today}）`);
    const accepted = await request(today);
    expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
    expect(accepted.body.date).toBe(today);
  });
});

/* The tenancy matrix. */

/** A valid request addressing a record of (or at) this mine, so only scope and role decide. */
type Case = MineCase;

type Kind = 'violations' | 'inspections' | 'accidents' | 'interviews';
const recordAt = async (kind: Kind, mineId: string): Promise<any> =>
  created(
    await root(
      'POST',
      `/v1/mines/${mineId}/${kind}`,
      kind === 'violations'
        ? violation()
        : kind === 'inspections'
          ? planned()
          : kind === 'accidents'
            ? accident()
            : interview(mineId),
    ),
  );
const idOf: Record<string, string> = {
  violations: 'violationId',
  inspections: 'inspectionId',
  accidents: 'accidentId',
  interviews: 'interviewId',
};
/** One record per mine and kind, made once, for the reads. */
const standing = new Map<string, any>();
const standingAt = async (kind: Kind, mineId: string): Promise<string> => {
  const key = `${kind}:${mineId}`;
  if (!standing.has(key)) standing.set(key, await recordAt(kind, mineId));
  return standing.get(key)[idOf[kind]!];
};
let serial = 0;

const CASES: Case[] = [
  {
    operationId: 'recordViolation',
    allowed: RECORDERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/violations`, body: violation() }),
  },
  {
    operationId: 'listMineViolations',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/violations?from=${daysAgo(30)}` }),
  },
  {
    operationId: 'getViolation',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/violations/${await standingAt('violations', m)}` }),
  },
  {
    operationId: 'correctViolation',
    allowed: RECORDERS,
    success: 200,
    request: async (m) => ({
      method: 'PATCH',
      path: `/v1/violations/${(await recordAt('violations', m)).violationId}`,
      body: { version: 1, description: `更正 ${++serial}`, reason: '更正' },
    }),
  },
  {
    operationId: 'createInspection',
    allowed: RECORDERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/inspections`, body: planned() }),
  },
  {
    operationId: 'listMineInspections',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/inspections?status=planned` }),
  },
  {
    operationId: 'getInspection',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/inspections/${await standingAt('inspections', m)}` }),
  },
  {
    operationId: 'actOnInspection',
    allowed: RECORDERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/inspections/${(await recordAt('inspections', m)).inspectionId}/actions`,
      body: { action: 'complete', version: 1, doneOn: daysAgo(1), inspectors: INSPECTORS, summary: '检查完毕' },
    }),
  },
  {
    operationId: 'recordAccident',
    allowed: RECORDERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/accidents`, body: accident() }),
  },
  {
    operationId: 'listMineAccidents',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/accidents?level=general` }),
  },
  {
    operationId: 'getAccident',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/accidents/${await standingAt('accidents', m)}` }),
  },
  {
    operationId: 'correctAccident',
    allowed: RECORDERS,
    success: 200,
    request: async (m) => ({
      method: 'PATCH',
      path: `/v1/accidents/${(await recordAt('accidents', m)).accidentId}`,
      body: { version: 1, concealed: true, reason: '查实瞒报' },
    }),
  },
  {
    operationId: 'recordInterview',
    allowed: RECORDERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/interviews`, body: interview(m) }),
  },
  {
    operationId: 'listMineInterviews',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/interviews?from=${daysAgo(30)}` }),
  },
  {
    operationId: 'getInterview',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'GET',
      path: `/v1/mines/${m}/interviews/${await standingAt('interviews', m)}`,
    }),
  },
];

/** Routes with no mine to address: what another jurisdiction holds is absent from the answer. */
const LISTS: {
  operationId: string;
  allowed: RoleName[];
  path: string;
  kind?: 'violations' | 'inspections' | 'accidents';
}[] = [
  { operationId: 'listViolations', allowed: READERS, path: '/v1/violations?limit=200', kind: 'violations' },
  { operationId: 'listInspections', allowed: READERS, path: '/v1/inspections?limit=200', kind: 'inspections' },
  { operationId: 'listAccidents', allowed: READERS, path: '/v1/accidents?limit=200', kind: 'accidents' },
  { operationId: 'listViolationCategories', allowed: READERS, path: '/v1/violation-categories' },
];

describe('tenancy matrix: enforcement records', () => {
  it('covers every route of the violations, inspections, accidents and interviews modules, and they are in the route table', () => {
    const mine = [...violationRoutes, ...inspectionRoutes, ...accidentRoutes, ...interviewRoutes]
      .map((r) => r.operationId)
      .sort();
    expect([...CASES.map((c) => c.operationId), ...LISTS.map((l) => l.operationId)].sort()).toEqual(mine);
    const table = new Set(ALL_ROUTES.map((r) => r.operationId));
    for (const op of mine) expect(table, op).toContain(op);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    // A route under the mine: the same request to a mine that does not exist; else a record id that names nothing.
    missingPath: (req, target) =>
      req.path.includes(`/${mineOf[target]}/`)
        ? req.path.replace(mineOf[target], 'm-does-not-exist')
        : req.path.replace(/\/(vio|insp|acc)-[a-z0-9]+/, '/$1-doesnotexist00000000'),
  });

  for (const l of LISTS) {
    for (const role of ROLES) {
      const want = l.allowed.includes(role) ? 200 : 403;
      it(`${l.operationId} as ${role} → ${want}, nothing of another jurisdiction${role === 'mine_user' ? ' or another mine' : ''}`, async () => {
        if (l.kind) for (const m of [OWN, OTHER_MINE, OTHER_JURISDICTION]) await standingAt(l.kind, m);
        const reply = await http('GET', l.path, { token: tokens[role] });
        expect(reply.status, JSON.stringify(reply.body)).toBe(want);
        if (want !== 200 || !l.kind) return;
        const mines = new Set((reply.body.items as { mineId: string }[]).map((x) => x.mineId));
        expect(mines.has(OTHER_JURISDICTION)).toBe(false);
        expect(mines.has(OWN)).toBe(true);
        expect(mines.has(OTHER_MINE)).toBe(role !== 'mine_user');
        // Naming another jurisdiction's mine is a 404, not an empty list.
        const named = await http('GET', `${l.path}&mineId=${OTHER_JURISDICTION}`, { token: tokens[role] });
        expect(named.status).toBe(404);
      });
    }
  }

  it('an inspector of the other district sees that district’s records only', async () => {
    const other = rt.tokens.inspector_other_district!;
    for (const kind of ['violations', 'inspections', 'accidents'] as const) {
      await standingAt(kind, OTHER_JURISDICTION);
      const mines = new Set(
        ((await http('GET', `/v1/${kind}?limit=200`, { token: other })).body.items as { mineId: string }[]).map(
          (x) => x.mineId,
        ),
      );
      expect([...mines]).toEqual([OTHER_JURISDICTION]);
    }
  });
});
