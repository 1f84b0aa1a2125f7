import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, startTestRuntime } from '../support/local-runtime.ts';

/** The registry's promises to a bureau officer, over HTTP on the local runtime with the demo district. */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;

const newMine = (overrides: Record<string, unknown> = {}) => ({
  name: '验收演示矿',
  creditCode: '91350203M0001QAY99',
  jurisdiction: 'hlj/hegang/dongshan',
  approvedCapacityTonnesPerYear: 300000,
  gasGrade: 'low',
  hydrogeology: 'simple',
  standardisationGrade: 'grade3',
  ...overrides,
});

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
});
afterAll(async () => rt?.stop());

describe('the demo district', () => {
  it('serves health, and the inspector lists the 13 mines: 9 producing, 4 suspended, with the two named pilots', async () => {
    expect((await http('GET', '/health')).status).toBe(200);
    const reply = await http('GET', '/v1/mines?limit=200', { token: inspector });
    const mines = reply.body.items as { name: string; status: string }[];
    expect(mines).toHaveLength(13);
    expect(mines.filter((m) => m.status === 'producing')).toHaveLength(9);
    expect(mines.filter((m) => m.status === 'suspended')).toHaveLength(4);
    expect(mines.map((m) => m.name)).toEqual(expect.arrayContaining(['泰源煤矿', '蔬园一煤矿']));
  });

  it('pages through the mines with an opaque cursor, each exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const reply = await http('GET', `/v1/mines?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        token: inspector,
      });
      expect(reply.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...reply.body.items.map((m: { mineId: string }) => m.mineId));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(13);
    expect((await http('GET', '/v1/mines?cursor=not-a-cursor', { token: inspector })).status).toBe(400);
  });

  it('filters by status', async () => {
    const reply = await http('GET', '/v1/mines?status=suspended', { token: inspector });
    expect(reply.body.items.map((m: { status: string }) => m.status)).toEqual([
      'suspended',
      'suspended',
      'suspended',
      'suspended',
    ]);
    expect((await http('GET', '/v1/mines?status=sleeping', { token: inspector })).body.errors[0].field).toBe(
      'query.status',
    );
  });

  it('shows licences with days to expiry, some of them expiring soon', async () => {
    const reply = await http('GET', '/v1/mines/m-taiyuan/licences', { token: inspector });
    const safety = reply.body.items.find((l: { type: string }) => l.type === 'safety_production');
    expect(safety).toMatchObject({ label: '安全生产许可证', daysToExpiry: 25, state: 'expiring' });
  });

  it('shows key persons with the resident ID masked, never in clear', async () => {
    const reply = await http('GET', '/v1/mines/m-taiyuan/persons', { token: inspector });
    expect(reply.body.items.length).toBeGreaterThan(0);
    for (const p of reply.body.items) {
      expect(p.residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(JSON.stringify(p)).not.toMatch(/\d{17}[\dX]/);
    }
  });
});

describe('credit code validation', () => {
  it('a malformed code is a 400 problem naming the field', async () => {
    const reply = await http('POST', '/v1/mines', { token: admin, body: newMine({ creditCode: '91350203M0001QAY' }) });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.creditCode']);
  });

  it('a wrong check character is accepted with a warning, and kept as given', async () => {
    const reply = await http('POST', '/v1/mines', {
      token: admin,
      body: newMine({ mineId: 'm-warning', creditCode: '91350203M0001QAY9B' }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.creditCode).toBe('91350203M0001QAY9B');
    expect(reply.body.creditCodeCheckValid).toBe(false);
    expect(reply.body.warnings).toEqual([
      expect.objectContaining({ field: 'body.creditCode', code: 'CREDIT_CODE_CHECK_CHARACTER' }),
    ]);
  });

  it('the same code for a second mine is a 409, and the second mine does not exist', async () => {
    const reply = await http('POST', '/v1/mines', {
      token: admin,
      body: newMine({ mineId: 'm-dup', creditCode: '91350203M0001QAY9B' }),
    });
    expect(reply.status).toBe(409);
    expect((await http('GET', '/v1/mines/m-dup', { token: admin })).status).toBe(404);
  });

  it('bad input of every kind is a 400 and never a 500', async () => {
    const cases: [string, unknown][] = [
      ['not json', '{"name":'],
      ['array', []],
      ['unknown field', newMine({ colour: 'red' })],
      ['negative capacity', newMine({ approvedCapacityTonnesPerYear: -1 })],
      ['bad jurisdiction', newMine({ jurisdiction: '../etc' })],
      ['bad gas grade', newMine({ gasGrade: 'medium' })],
    ];
    for (const [label, body] of cases) {
      const reply = await http('POST', '/v1/mines', { token: admin, body });
      expect(reply.status, label).toBe(400);
    }
  });
});

describe('every state change is audited, versioned and kept as history', () => {
  it('edits with a stale version get 409 and change nothing', async () => {
    const mine = (await http('GET', '/v1/mines/m-shuyuan1', { token: admin })).body;
    const ok = await http('PATCH', '/v1/mines/m-shuyuan1', {
      token: admin,
      body: { version: mine.version, approvedCapacityTonnesPerYear: 330000 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(mine.version + 1);
    const stale = await http('PATCH', '/v1/mines/m-shuyuan1', {
      token: admin,
      body: { version: mine.version, approvedCapacityTonnesPerYear: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await http('GET', '/v1/mines/m-shuyuan1', { token: admin })).body.approvedCapacityTonnesPerYear).toBe(
      330000,
    );

    const audit = await http('GET', '/v1/mines/m-shuyuan1/audit?limit=1', { token: inspector });
    expect(audit.body.items[0]).toMatchObject({
      action: 'mine.updated',
      actor: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
      before: { approvedCapacityTonnesPerYear: 300000 },
      after: { approvedCapacityTonnesPerYear: 330000 },
    });
    expect(Date.parse(audit.body.items[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a status change today takes effect, with reason, history and audit', async () => {
    const today = todayInShanghai();
    const reply = await http('POST', '/v1/mines/m-demo03/status', {
      token: admin,
      body: { status: 'rectifying', reason: '责令停产整顿', effectiveDate: today, documentNo: '东煤罚〔2026〕1号' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ applied: true, mine: { status: 'rectifying', statusSince: today } });
    const history = await http('GET', '/v1/mines/m-demo03/status-history', { token: inspector });
    expect(history.body.items[0]).toMatchObject({
      status: 'rectifying',
      previousStatus: 'producing',
      reason: '责令停产整顿',
      applied: true,
    });
    const audit = await http('GET', '/v1/mines/m-demo03/audit?limit=1', { token: inspector });
    expect(audit.body.items[0]).toMatchObject({
      action: 'mine.status_changed',
      reason: '责令停产整顿',
      before: { status: 'producing' },
      after: { status: 'rectifying' },
    });
    const again = await http('POST', '/v1/mines/m-demo03/status', {
      token: admin,
      body: { status: 'rectifying', reason: '重复', effectiveDate: today },
    });
    expect(again.status).toBe(422);
  });

  it('a future status change waits for its date, and the nightly job applies it once', async () => {
    const tomorrow = addDays(todayInShanghai(), 1);
    const scheduled = await http('POST', '/v1/mines/m-demo04/status', {
      token: admin,
      body: { status: 'suspended', reason: '计划停产检修', effectiveDate: tomorrow },
    });
    expect(scheduled.body).toMatchObject({ applied: false, mine: { status: 'producing' } });
    const run = await http('POST', `/local/jobs/mine-status-effective?date=${tomorrow}`);
    expect(run.body.result.applied).toEqual([{ mineId: 'm-demo04', status: 'suspended', effectiveDate: tomorrow }]);
    expect((await http('GET', '/v1/mines/m-demo04', { token: inspector })).body).toMatchObject({
      status: 'suspended',
      statusSince: tomorrow,
    });
    const rerun = await http('POST', `/local/jobs/mine-status-effective?date=${tomorrow}`);
    expect(rerun.body.result.applied).toEqual([]);
  });

  it('licences, equipment and meters carry versions too', async () => {
    const put = (version?: number) =>
      http('PUT', '/v1/mines/m-demo05/licences/rescue_agreement', {
        token: admin,
        body: {
          ...(version ? { version } : {}),
          number: '救-2026-01',
          issuedOn: '2026-01-01',
          expiresOn: '2027-01-01',
        },
      });
    expect((await put()).status).toBe(409);
    const current = await http('GET', '/v1/mines/m-demo05/licences/rescue_agreement', { token: admin });
    const replaced = await put(current.body.version);
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(current.body.version + 1);
    expect((await put(current.body.version)).status).toBe(409);
  });
});

describe('a licence issued after today (PUT /v1/mines/{mineId}/licences/{type})', () => {
  it('is a 400 naming body.issuedOn in Chinese and changes nothing; one issued today is recorded', async () => {
    const path = '/v1/mines/m-demo09/licences/mining';
    const before = (await http('GET', path, { token: admin })).body;
    const today = todayInShanghai();
    const put = (issuedOn: string) =>
      http('PUT', path, {
        token: admin,
        body: { version: before.version, number: '黑MK-2026-0009', issuedOn, expiresOn: addDays(today, 3650) },
      });
    const tomorrow = await put(addDays(today, 1));
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(tomorrow.body.errors).toEqual([{ field: 'body.issuedOn', message: `发证日期不能晚于今天（${today}）` }]);
    expect((await http('GET', path, { token: admin })).body).toEqual(before);

    const issuedToday = await put(today);
    expect(issuedToday.status).toBe(200);
    expect(issuedToday.body).toMatchObject({ issuedOn: today, version: before.version + 1, state: 'valid' });
  });

  it('the demo district has none: every licence was issued on or before today, before it expires', async () => {
    const today = todayInShanghai();
    for (const mineId of ['m-taiyuan', 'm-demo06', 'm-demo10', 'm-demo13']) {
      const items = (await http('GET', `/v1/mines/${mineId}/licences`, { token: inspector })).body.items as {
        issuedOn: string;
        expiresOn: string;
      }[];
      expect(items).toHaveLength(5);
      for (const l of items) {
        expect(l.issuedOn <= today, `${mineId} ${JSON.stringify(l)}`).toBe(true);
        expect(l.issuedOn < l.expiresOn).toBe(true);
      }
    }
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI 3.1 document listing every route, and an HTML reference', async () => {
    const doc = (await http('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ALL_ROUTES)
      expect(doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
    expect(
      doc.paths['/v1/mines'].post.requestBody.content['application/json'].schema.properties.creditCode,
    ).toBeDefined();
    const docs = await http('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.body).toContain('/v1/mines/{mineId}/status');
  });

  it('an unknown path is a 404 problem, a wrong method a 405 with Allow', async () => {
    expect((await http('GET', '/v1/nothing', { token: inspector })).status).toBe(404);
    const wrong = await http('DELETE', '/v1/mines', { token: admin });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });
});

describe('retrying a create with an Idempotency-Key', () => {
  const body = newMine({ name: '重试演示矿', creditCode: '91230407000099999X' });
  const post = (key: string, b: unknown = body) =>
    http('POST', '/v1/mines', { token: admin, body: b, headers: { 'idempotency-key': key } });

  it('creates one mine however often the same request is retried, and refuses the key for another request', async () => {
    const first = await post('retry-key-0001');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post('retry-key-0001');
    expect(again.status).toBe(201);
    expect(again.body.mineId).toBe(first.body.mineId);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    const audit = await http('GET', `/v1/mines/${first.body.mineId}/audit`, { token: admin });
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'mine.created')).toHaveLength(1);

    expect((await post('retry-key-0001', { ...body, name: '另一座矿' })).status).toBe(422);
    expect((await post('short')).status).toBe(400);
  });

  it('frees the key when the request is refused, so a corrected request can use it', async () => {
    expect((await post('retry-key-0002', { ...body, approvedCapacityTonnesPerYear: -1 })).status).toBe(400);
    const dup = await post('retry-key-0002', { ...body, creditCode: '91350203M0001QAY9B' });
    expect(dup.status).toBe(409);
    const fixed = await post('retry-key-0002', { ...body, creditCode: '91230407000099998X' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
  });
});

describe("the mine's file on one page", () => {
  it('gathers the profile, open hazards, violations, penalties, inspections, accidents and open cases', async () => {
    const inspectorB = await rt.token({
      role: 'inspector',
      jurisdiction: 'hlj/hegang/dongshan',
      sub: 'inspector-record',
    });
    const v = await http('POST', '/v1/mines/m-demo11/violations', {
      token: inspectorB,
      body: {
        category: 'stopped_mine_producing',
        date: addDays(todayInShanghai(), -2),
        description: '停产期间井下有人作业',
        evidence: ['现场照片'],
        source: { kind: 'manual' },
      },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const record = await http('GET', '/v1/mines/m-demo11/record', { token: inspector });
    expect(record.status).toBe(200);
    expect(record.body.mine).toMatchObject({ mineId: 'm-demo11', status: 'suspended' });
    expect(record.body.violations.map((x: any) => x.category)).toContain('stopped_mine_producing');
    // The night production's electricity and crew underground are one act: one open case, named for the strongest.
    expect(record.body.openCases.map((c: any) => c.rule)).toEqual(expect.arrayContaining(['UNACCEPTED_PRODUCTION']));
    for (const key of ['openHazards', 'penalties', 'inspections', 'accidents'])
      expect(Array.isArray(record.body[key]), key).toBe(true);
    expect((await http('GET', '/v1/mines/m-demo11/record', { token: rt.tokens.mine_user })).status).toBe(404);
  });
});

describe('the jurisdiction by name (GET/PUT /v1/jurisdiction)', () => {
  it('the demo district reads as 黑龙江省鹤岗市东山区 to its bureau and to its mines', async () => {
    const seen = await http('GET', '/v1/jurisdiction', { token: inspector });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      path: 'hlj/hegang/dongshan',
      fullName: '黑龙江省鹤岗市东山区',
      name: '东山区',
      bureauName: '鹤岗市东山区煤管局（演示）',
      levels: [
        { path: 'hlj', name: '黑龙江省' },
        { path: 'hlj/hegang', name: '鹤岗市' },
        { path: 'hlj/hegang/dongshan', name: '东山区' },
      ],
    });
    expect((await http('GET', '/v1/jurisdiction', { token: rt.tokens.mine_user! })).body.fullName).toBe(
      '黑龙江省鹤岗市东山区',
    );
    expect((await http('GET', '/v1/jurisdiction', { token: rt.tokens.partner_dept! })).status).toBe(403);
  });

  it('the bureau admin renames its own level with the version it read; a stale version or an empty name changes nothing', async () => {
    const before = (await http('GET', '/v1/jurisdiction', { token: admin })).body;
    const empty = await http('PUT', '/v1/jurisdiction', {
      token: admin,
      body: { version: before.version, name: '  ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.name']);
    expect(
      (await http('PUT', '/v1/jurisdiction', { token: inspector, body: { version: before.version, name: '东山' } }))
        .status,
    ).toBe(403);
    const renamed = await http('PUT', '/v1/jurisdiction', {
      token: admin,
      body: { version: before.version, name: '东山区', bureauName: '东山区煤炭生产安全管理局' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      version: before.version + 1,
      fullName: '黑龙江省鹤岗市东山区',
      bureauName: '东山区煤炭生产安全管理局',
    });
    const stale = await http('PUT', '/v1/jurisdiction', {
      token: admin,
      body: { version: before.version, name: '别名' },
    });
    expect(stale.status).toBe(409);
    expect((await http('GET', '/v1/jurisdiction', { token: admin })).body).toMatchObject({
      name: '东山区',
      version: before.version + 1,
    });
  });

  it('a district without names of its own shows its path and the names it has', async () => {
    const province = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/jixi', sub: 'jixi-admin' });
    expect((await http('GET', '/v1/jurisdiction', { token: province })).body).toMatchObject({
      path: 'hlj/jixi',
      fullName: null,
      name: null,
      version: 0,
      levels: [
        { path: 'hlj', name: '黑龙江省' },
        { path: 'hlj/jixi', name: null },
      ],
    });
  });
});

describe('the assigned official (包保) a leader names', () => {
  // The official is told of the mine's reminders, tier changes and listed hazards.
  const MINE = 'm-demo05';
  const assign = async (userId: string) => {
    const { version } = (await http('GET', `/v1/mines/${MINE}`, { token: admin })).body;
    return http('PUT', `/v1/mines/${MINE}/assigned-official`, {
      token: admin,
      body: { version, userId, name: '包保干部（自填）' },
    });
  };
  const createUser = async (body: Record<string, unknown>) => {
    const reply = await http('POST', '/v1/users', { token: admin, body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as { userId: string; name: string; version: number };
  };

  it.each([
    ['an inspector of another district', async () => 'dev-inspector-xingshan'],
    ['an id no one has', async () => 'u-no-such-official'],
    ['the mine’s own staff', async () => 'dev-mine_user-m-taiyuan'],
    [
      'a deactivated inspector',
      async () => {
        const u = await createUser({ role: 'inspector', name: '已停用包保', email: 'baobao-off@example.org' });
        await http('PATCH', `/v1/users/${u.userId}`, { token: admin, body: { version: u.version, active: false } });
        return u.userId;
      },
    ],
  ])('%s: 422 naming body.userId, the mine unchanged', async (_, userIdOf) => {
    const userId = await userIdOf();
    const before = (await http('GET', `/v1/mines/${MINE}`, { token: admin })).body;
    const reply = await assign(userId);
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.userId']);
    expect((await http('GET', `/v1/mines/${MINE}`, { token: admin })).body).toEqual(before);
  });

  it('an inspector the leader created: assigned under the directory’s name', async () => {
    const u = await createUser({ role: 'inspector', name: '新任包保干部', email: 'baobao-new@example.org' });
    const reply = await assign(u.userId);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.assignedOfficial).toEqual({ userId: u.userId, name: '新任包保干部' });
  });

  it('every official the demo names (each mine’s, each listed hazard’s) is an active directory user of the district', async () => {
    const users = new Map(
      ((await http('GET', '/v1/users?limit=200', { token: admin })).body.items as any[]).map((u) => [u.userId, u]),
    );
    const mines = (await http('GET', '/v1/mines?limit=200', { token: inspector })).body.items as any[];
    const hazards = (await http('GET', '/v1/hazards?major=true&limit=200', { token: inspector })).body.items as any[];
    const named = [
      // The demo's 13 mines (the ones these tests create have none), but the one reassigned above.
      ...mines.filter((m) => m.assignedOfficial && m.mineId !== MINE).map((m) => m.assignedOfficial.userId),
      ...hazards.map((h) => h.supervision.official.userId),
    ];
    expect(named.length).toBeGreaterThanOrEqual(12 + hazards.length);
    expect(hazards.length).toBeGreaterThan(0);
    for (const userId of new Set(named))
      expect(users.get(userId), userId).toMatchObject({
        active: true,
        role: expect.stringMatching(/^(bureau_admin|inspector)$/),
        jurisdiction: 'hlj/hegang/dongshan',
      });
  });
});

describe('the register is evidence: the mine cannot bend it (equipment, meters, grid accounts)', () => {
  const today = todayInShanghai();
  let mineUser: string;
  beforeAll(() => {
    mineUser = rt.tokens.mine_user!; // 泰源煤矿's own staff
  });

  it('a mine user may not put another mine’s grid account on its meter: 403 naming body.gridAccountNo', async () => {
    const theirs = (await http('GET', '/v1/mines/m-shuyuan1/meters/main', { token: inspector })).body;
    const ours = (await http('GET', '/v1/mines/m-taiyuan/meters/main', { token: mineUser })).body;
    expect(ours.gridAccountNo).toBeTruthy(); // a mine sees its own account
    const stolen = await http('PUT', '/v1/mines/m-taiyuan/meters/main', {
      token: mineUser,
      body: { version: ours.version, name: ours.name, gridAccountNo: theirs.gridAccountNo },
    });
    expectProblem(stolen, 403, ['body.gridAccountNo']);
    const fresh = await http('PUT', '/v1/mines/m-taiyuan/meters/spare', {
      token: mineUser,
      body: { name: '备用电表', gridAccountNo: '9999000001' },
    });
    expectProblem(fresh, 403, ['body.gridAccountNo']);
    // Sending back the meter's own account is not setting one: the change becomes a request, as any other.
    const same = await http('PUT', '/v1/mines/m-taiyuan/meters/main', {
      token: mineUser,
      body: { version: ours.version, name: ours.name, gridAccountNo: ours.gridAccountNo, serialNo: 'DS-1-001A' },
    });
    expect(same.status).toBe(202);
    expect((await http('GET', '/v1/mines/m-shuyuan1/meters/main', { token: inspector })).body).toEqual(theirs);
  });

  it('two meters claiming one account at once: exactly one gets it (409 for the other)', async () => {
    const claim = (mineId: string) =>
      http('PUT', `/v1/mines/${mineId}/meters/claim`, {
        token: admin,
        body: { name: '新装电表', gridAccountNo: '9999000100' },
      });
    const replies = await Promise.all([claim('m-demo03'), claim('m-demo04')]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expectProblem(replies.find((r) => r.status === 409)!, 409, ['body.gridAccountNo']);
    // One after the other too: the account is taken.
    expectProblem(await claim('m-demo05'), 409, ['body.gridAccountNo']);
  });

  it('a mine user deleting a meter files a request; the meter stays until a bureau user approves', async () => {
    const meter = (await http('GET', '/v1/mines/m-taiyuan/meters/hoist', { token: mineUser })).body;
    const removal = await http('DELETE', `/v1/mines/m-taiyuan/meters/hoist?version=${meter.version}`, {
      token: mineUser,
    });
    expect(removal.status).toBe(202);
    expect(removal.body).toMatchObject({ change: 'remove', kind: 'meter', itemId: 'hoist', status: 'pending' });
    const listed = await http('GET', '/v1/mines/m-taiyuan/meters', { token: mineUser });
    expect(listed.body.items.map((m: any) => m.meterId)).toContain('hoist');
    const mine = await http('GET', '/v1/mines/m-taiyuan/register-requests?status=pending', { token: mineUser });
    expect(mine.body.items.map((r: any) => r.requestId)).toContain(removal.body.requestId);
    // The mine cannot decide its own request, nor date one back.
    expect(
      (
        await http('POST', `/v1/mines/m-taiyuan/register-requests/${removal.body.requestId}/approve`, {
          token: mineUser,
          body: { version: 1 },
        })
      ).status,
    ).toBe(403);
    const backdated = await http(
      'DELETE',
      `/v1/mines/m-taiyuan/meters/hoist?version=${meter.version}&effectiveFrom=${addDays(today, -1)}`,
      { token: mineUser },
    );
    expectProblem(backdated, 400, ['query.effectiveFrom']);
    // Rejected with a reason: the meter stays for good.
    const noReason = await http('POST', `/v1/mines/m-taiyuan/register-requests/${removal.body.requestId}/reject`, {
      token: inspector,
      body: { version: 1 },
    });
    expectProblem(noReason, 400, ['body.reason']);
    const rejected = await http('POST', `/v1/mines/m-taiyuan/register-requests/${removal.body.requestId}/reject`, {
      token: inspector,
      body: { version: 1, reason: '提升回路仍在运行' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '提升回路仍在运行' });
  });

  it('the bureau sees what waits for it, approves it from a day, and the register as of each day shows it', async () => {
    const pending = await http('GET', '/v1/register-requests?mineId=m-taiyuan', { token: inspector });
    const pump = pending.body.items.find((r: any) => r.itemId === 'pump-2');
    expect(pump).toMatchObject({ mineName: '泰源煤矿', kind: 'equipment', change: 'put', statusLabel: '待审批' });
    expect(pump.fields).toMatchObject({ mustRunWhenStopped: true });
    const asked = await http('GET', '/v1/mines/m-taiyuan/equipment/pump-2', { token: mineUser });
    expect(asked.body.mustRunWhenStopped).toBe(false);

    const later = addDays(today, 7);
    const approved = await http('POST', `/v1/mines/m-taiyuan/register-requests/${pump.requestId}/approve`, {
      token: inspector,
      body: { version: pump.version, effectiveFrom: later, note: '现场核实雨季涌水' },
    });
    expect(approved.body).toMatchObject({ status: 'approved', effectiveFrom: later, statusLabel: '已批准' });
    const on = (date: string) =>
      http('GET', `/v1/mines/m-taiyuan/equipment/pump-2?asOf=${date}`, { token: mineUser }).then((r) => r.body);
    expect(await on(addDays(later, -1))).toMatchObject({ mustRunWhenStopped: false });
    expect(await on(later)).toMatchObject({ mustRunWhenStopped: true, effectiveFrom: later });
    const audit = await http('GET', '/v1/mines/m-taiyuan/audit?limit=10', { token: inspector });
    expect(audit.body.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['register_request.approved', 'equipment.updated']),
    );
    const gone = await http('GET', '/v1/register-requests?mineId=m-taiyuan', { token: inspector });
    expect(gone.body.items.map((r: any) => r.requestId)).not.toContain(pump.requestId);
  });
});
