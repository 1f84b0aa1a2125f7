// The hazards Lambda handler itself, invoked with HTTP API v2 events as API Gateway's JWT authorizer hands them,
// against DynamoDB Local: statuses, problem+json bodies naming the fields, roles, tenancy, idempotent creation.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { hazardRoutes } from '#functions/api/hazards.routes.ts';
import { handler } from '#functions/api/hazards.ts';
import { createMine } from '#lib/registry/mines.ts';
import { createDb, createDocumentClient } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type ApiEventInput, apiEvent, claims, lambdaContext } from '../../support/api-event.ts';
import { inDirectory } from '../../support/directory.ts';
import { admin, bureau, mineInput } from '../../support/registry-fixtures.ts';
import { freshTable } from '../../support/test-db.ts';

const DS = 'hlj/hegang/dongshan';
const XS = 'hlj/hegang/xingshan';
const today = todayInShanghai();
const inspectorA = claims.bureau('inspector', DS, 'inspector-a');
const inspectorB = claims.bureau('inspector', DS, 'inspector-b');
const reviewer = claims.bureau('legal_reviewer', DS);
const xsInspector = claims.bureau('inspector', XS, 'inspector-xs');
const staff = claims.mineUser('m-h1');

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}
async function call(input: ApiEventInput): Promise<Reply> {
  const out = (await handler(apiEvent(input), lambdaContext('hazards'))) as APIGatewayProxyStructuredResultV2;
  return { status: out.statusCode ?? 0, headers: out.headers ?? {}, body: out.body ? JSON.parse(out.body) : undefined };
}
const record = (
  mineId: string,
  body: unknown,
  who: Record<string, unknown> = inspectorA,
  headers?: Record<string, string>,
) =>
  call({
    method: 'POST',
    route: '/v1/mines/{mineId}/hazards',
    pathParameters: { mineId },
    body,
    claims: who,
    ...(headers ? { headers } : {}),
  });
const act = (hazardId: string, body: unknown, who: Record<string, unknown>) =>
  call({ method: 'POST', route: '/v1/hazards/{hazardId}/actions', pathParameters: { hazardId }, body, claims: who });
const get = (hazardId: string, who: Record<string, unknown>) =>
  call({ method: 'GET', route: '/v1/hazards/{hazardId}', pathParameters: { hazardId }, claims: who });

const major = (overrides: Record<string, unknown> = {}) => ({
  level: 'major',
  description: '主要通风机无备用，通风系统不可靠',
  location: '主通风机房',
  foundOn: addDays(today, -2),
  deadline: addDays(today, 20),
  category: 'VENTILATION_UNRELIABLE',
  measures: '安装备用主要通风机并完成联合试运转',
  supervision: {
    responsiblePerson: { name: '总工程师某', position: '总工程师' },
    funds: { amount: 800000, source: '企业自筹' },
    contingencyPlan: '通风系统故障应急预案',
    official: { userId: 'u-7', name: '督办人某' },
  },
  ...overrides,
});
const general = (overrides: Record<string, unknown> = {}) => ({
  level: 'general',
  description: '消防器材过期',
  location: '井下变电所',
  deadline: addDays(today, 7),
  ...overrides,
});

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable('hz-handler');
  Object.assign(process.env, { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint });
  const db = createDb({ doc: createDocumentClient(endpoint), tableName });
  const root = new TenantStore(db, admin('hlj', 'province-admin'));
  await createMine(root, mineInput('m-h1', { jurisdiction: DS }));
  await createMine(root, mineInput('m-h2', { jurisdiction: DS }));
  await createMine(root, mineInput('m-hx', { jurisdiction: XS }));
  // The supervising officials the requests name: one of this district, one of the district next door.
  await inDirectory(db, bureau('inspector', DS, 'u-7'), { name: '督办人某' });
  await inDirectory(db, bureau('inspector', XS, 'u-xs'), { name: '兴山区督办人' });
});

describe('POST /v1/mines/{mineId}/hazards', () => {
  it('a supervising official outside the mine’s jurisdiction → 422 problem+json naming the field', async () => {
    const body = major();
    body.supervision.official = { userId: 'u-xs', name: '督办人某' };
    const reply = await record('m-h1', body, staff);
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.supervision.official.userId']);
  });

  it('201 with the hazard, its standard version and category name', async () => {
    const reply = await record('m-h1', major());
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({
      mineId: 'm-h1',
      status: 'reported',
      statusLabel: '已登记',
      level: 'major',
      levelLabel: '重大事故隐患',
      standardVersion: 'GB-2020',
      categoryName: '通风系统不完善、不可靠',
      version: 1,
    });
    expect(reply.body).not.toHaveProperty('PK');
    expect(reply.body).not.toHaveProperty('GSI2PK');
  });

  it.each([
    ['a date that is no calendar day', general({ deadline: '2025-02-29' }), ['body.deadline']],
    [
      'a deadline before the found date',
      general({ foundOn: addDays(today, -3), deadline: addDays(today, -4) }),
      ['body.deadline'],
    ],
    ['a found date in the future', general({ foundOn: addDays(today, 1) }), ['body.foundOn']],
    ['an unknown category', major({ category: 'COAL_DUST' }), ['body.category']],
    ['an unknown standard version', major({ standardVersion: 'GB-1999' }), ['body.standardVersion']],
    [
      'a major hazard without its five items',
      major({ measures: undefined, supervision: undefined }),
      [
        'body.measures',
        'body.supervision.responsiblePerson',
        'body.supervision.funds',
        'body.supervision.contingencyPlan',
        'body.supervision.official',
      ],
    ],
    ['a general hazard with a category', general({ category: 'OTHER' }), ['body.category']],
    ['an unknown field', general({ priority: 1 }), ['body.priority']],
  ])('%s → 400 problem+json naming the fields', async (_, body, fields) => {
    const reply = await record('m-h1', body);
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ status: 400, title: '请求参数有误' });
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
  });

  it('roles and scope: a legal reviewer 403, a partner 403, another jurisdiction 404, a mine user for another mine 404', async () => {
    expect((await record('m-h1', general(), reviewer)).status).toBe(403);
    expect((await record('m-h1', general(), claims.partner())).status).toBe(403);
    expect((await record('m-h1', general(), xsInspector)).status).toBe(404);
    expect((await record('m-h2', general(), staff)).status).toBe(404);
    expect((await record('m-h1', general(), staff)).body).toMatchObject({ source: 'self_report' });
    expect((await record('m-h1', general(), {})).status).toBe(401);
  });

  it('a retry with the same Idempotency-Key returns the first hazard, not a second', async () => {
    const headers = { 'idempotency-key': 'hz-retry-0001' };
    const first = await record('m-h2', general({ description: '重试测试' }), inspectorA, headers);
    const again = await record('m-h2', general({ description: '重试测试' }), inspectorA, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.hazardId).toBe(first.body.hazardId);
    const list = await call({
      method: 'GET',
      route: '/v1/mines/{mineId}/hazards',
      pathParameters: { mineId: 'm-h2' },
      claims: inspectorA,
    });
    expect(list.body.items.filter((h: { description: string }) => h.description === '重试测试')).toHaveLength(1);
    expect((await record('m-h2', general({ description: '别的内容' }), inspectorA, headers)).status).toBe(422);
  });
});

describe('POST /v1/hazards/{hazardId}/actions', () => {
  it('the flow with four-eyes (422), stale versions (409) and a wrong state (422)', async () => {
    const { hazardId } = (await record('m-h1', major())).body;
    expect((await act(hazardId, { action: 'submit', version: 1, note: '已整改' }, staff)).status).toBe(422);
    expect((await act(hazardId, { action: 'start', version: 1 }, staff)).body).toMatchObject({
      status: 'rectifying',
      version: 2,
    });
    expect((await act(hazardId, { action: 'start', version: 1 }, staff)).status).toBe(422);
    expect((await act(hazardId, { action: 'submit', version: 1, note: '已整改' }, staff)).status).toBe(409);
    const noNote = await act(hazardId, { action: 'submit', version: 2 }, staff);
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors).toEqual([{ field: 'body.note', message: '提交整改须说明整改情况' }]);
    expect(
      (await act(hazardId, { action: 'submit', version: 2, note: '备用通风机已安装', evidence: ['att-1'] }, inspectorB))
        .status,
    ).toBe(403);
    expect(
      (await act(hazardId, { action: 'submit', version: 2, note: '备用通风机已安装', evidence: ['att-1'] }, staff))
        .body,
    ).toMatchObject({ status: 'submitted' });
    expect((await act(hazardId, { action: 'verify', version: 3 }, staff)).status).toBe(403);
    const refused = await act(hazardId, { action: 'verify', version: 3 }, inspectorA);
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toContain('四眼原则');
    const verified = await act(hazardId, { action: 'verify', version: 3, note: '验收合格' }, inspectorB);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: { sub: 'inspector-b' } });
    expect((await get(hazardId, staff)).body.steps.map((s: { action: string }) => s.action)).toEqual([
      'record',
      'start',
      'submit',
      'verify',
    ]);
  });

  it('a bad action body → 400; legal reviewer 403; another jurisdiction and another mine 404', async () => {
    const { hazardId } = (await record('m-h2', general())).body;
    const bad = await act(hazardId, { action: 'close', version: 0 }, inspectorA);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.action', 'body.version']);
    expect((await act(hazardId, { action: 'start', version: 1 }, reviewer)).status).toBe(403);
    expect((await act(hazardId, { action: 'start', version: 1 }, xsInspector)).status).toBe(404);
    expect((await act(hazardId, { action: 'start', version: 1 }, staff)).status).toBe(404);
    expect((await get(hazardId, xsInspector)).status).toBe(404);
    expect((await get(hazardId, reviewer)).status).toBe(200);
  });
});

describe('listings and the standard', () => {
  it('GET /v1/hazards filters, and checks its query', async () => {
    const overdue = (await record('m-h2', general({ foundOn: addDays(today, -30), deadline: addDays(today, -1) }))).body
      .hazardId;
    const list = await call({ method: 'GET', route: '/v1/hazards', query: { overdue: 'true' }, claims: inspectorA });
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { hazardId: string }) => h.hazardId)).toEqual([overdue]);
    expect(list.body.items[0].overdue).toBe(true);
    expect(
      (await call({ method: 'GET', route: '/v1/hazards', query: { overdue: 'true' }, claims: xsInspector })).body.items,
    ).toEqual([]);
    const bad = await call({
      method: 'GET',
      route: '/v1/hazards',
      query: { status: 'closed', major: 'yes' },
      claims: inspectorA,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.major', 'query.status']);
    expect((await call({ method: 'GET', route: '/v1/hazards', claims: claims.partner() })).status).toBe(403);
  });

  it('GET /v1/hazard-standards for every role but the partner departments, the 2015 version replaced by the 2020 one in force', async () => {
    expect((await call({ method: 'GET', route: '/v1/hazard-standards', claims: claims.partner() })).status).toBe(403);
    for (const who of [inspectorA, reviewer, staff]) {
      const reply = await call({ method: 'GET', route: '/v1/hazard-standards', claims: who });
      expect(reply.status).toBe(200);
      expect(reply.body.items).toEqual([
        expect.objectContaining({
          id: 'GB-2015',
          effectiveFrom: '2015-12-03',
          effectiveUntil: '2020-12-31',
          inForce: false,
        }),
        expect.objectContaining({ id: 'GB-2020', effectiveFrom: '2021-01-01', inForce: true }),
      ]);
      expect(reply.body.items[1]).not.toHaveProperty('effectiveUntil');
      for (const s of reply.body.items) expect(s.categories).toHaveLength(15);
    }
  });

  it('every route of the module is served by the handler', () => {
    expect(hazardRoutes.map((r) => r.operationId).sort()).toEqual([
      'actOnHazard',
      'getHazard',
      'listHazardStandards',
      'listHazards',
      'listMineHazards',
      'recordHazard',
    ]);
  });
});
