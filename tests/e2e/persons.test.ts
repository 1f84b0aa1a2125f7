import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import {
  client,
  createMineElsewhere,
  expectProblem,
  ok,
  type Reply,
  startTestRuntime,
} from '../support/local-runtime.ts';
import { type RoleName, roleTokens } from '../support/tenancy-matrix.ts';

/**
 * People are accountable, over HTTP on the demo district: a violation, an accident and a penalty name responsible
 * key persons of their own mine (a person of another mine → 422); the person's file lists what they were named in
 * across the district's mines, a mine user sees its own mine's only, another jurisdiction's bureau gets 404; a
 * correction that drops the person drops the record from the file. Certificates: the bureau's are on the file at
 * once, a mine's wait for a bureau user's approval; the resident ID never appears in clear.
 */
const TAIYUAN = 'm-taiyuan';
const SHUYUAN = 'm-shuyuan1';
const ELSEWHERE = 'm-xs-persons';
const today = todayInShanghai();
const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const ZHAO = id18('23040619750303123');
const QIAN = id18('23040619800404123');

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;
let root: string;
let otherDistrictAdmin: string;
/** 赵某 as 矿长 of 泰源 and 实际控制人 of 蔬园一; 钱某 as 矿长 of 蔬园一 only. */
let zhaoAtTaiyuan: string;
let zhaoAtShuyuan: string;
let qianAtShuyuan: string;
let violationId: string;

const addPerson = async (mineId: string, role: string, name: string, residentId: string): Promise<string> => {
  const reply = await http('POST', `/v1/mines/${mineId}/persons`, {
    token: tokens.bureau_admin,
    body: { role, name, residentId },
  });
  return ok(reply, 201).personId;
};
const noFullId = (r: Reply) => {
  expect(JSON.stringify(r.body)).not.toContain(ZHAO);
  expect(JSON.stringify(r.body)).not.toContain(QIAN);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
  root = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  otherDistrictAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-admin' });
  await createMineElsewhere(http, root, { mineId: ELSEWHERE, name: '兴山人员演示矿', first17: '91230407XK0000031' });
  zhaoAtTaiyuan = await addPerson(TAIYUAN, 'mine_manager', '赵某', ZHAO);
  zhaoAtShuyuan = await addPerson(SHUYUAN, 'actual_controller', '赵某', ZHAO);
  qianAtShuyuan = await addPerson(SHUYUAN, 'mine_manager', '钱某', QIAN);
});
afterAll(async () => rt?.stop());

describe('records name responsible key persons of their own mine', () => {
  it('a violation names a key person of the mine, shown with the ID masked', async () => {
    const reply = await http('POST', `/v1/mines/${TAIYUAN}/violations`, {
      token: tokens.inspector,
      body: {
        category: 'over_capacity',
        date: today,
        description: '超能力组织生产（责任人演示）',
        source: { kind: 'manual' },
        responsiblePersons: [zhaoAtTaiyuan],
      },
    });
    const body = ok(reply, 201);
    violationId = body.violationId;
    expect(body.responsiblePersons).toEqual([
      expect.objectContaining({ personId: zhaoAtTaiyuan, name: '赵某', roleLabel: '矿长' }),
    ]);
    expect(body.responsiblePersons[0].residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    noFullId(reply);
  });

  it('naming a key person of another mine is refused with 422 naming the entry', async () => {
    const reply = await http('POST', `/v1/mines/${TAIYUAN}/violations`, {
      token: tokens.inspector,
      body: {
        category: 'over_capacity',
        date: today,
        description: '别矿的人',
        source: { kind: 'manual' },
        responsiblePersons: [zhaoAtTaiyuan, qianAtShuyuan],
      },
    });
    expectProblem(reply, 422, ['body.responsiblePersons.1']);
  });

  it('a penalty and an accident of another mine name the same person there', async () => {
    const penalty = await http('POST', `/v1/mines/${SHUYUAN}/penalties`, {
      token: tokens.inspector,
      body: {
        kind: 'warning',
        basis: '《煤矿安全规程》第八条',
        description: '责任人演示：警告',
        decisionNo: '东煤安罚〔2026〕人1号',
        responsiblePersons: [zhaoAtShuyuan],
      },
    });
    expect(ok(penalty, 201).responsiblePersons).toEqual([expect.objectContaining({ personId: zhaoAtShuyuan })]);
    const accident = await http('POST', `/v1/mines/${SHUYUAN}/accidents`, {
      token: tokens.inspector,
      body: {
        date: today,
        level: 'general',
        deaths: 0,
        injuries: 1,
        description: '运输巷道跑车伤人',
        responsiblePersons: [qianAtShuyuan],
      },
    });
    expect(ok(accident, 201).responsiblePersons).toEqual([expect.objectContaining({ personId: qianAtShuyuan })]);
    const wrong = await http('POST', `/v1/mines/${SHUYUAN}/penalties`, {
      token: tokens.inspector,
      body: {
        kind: 'warning',
        basis: '《煤矿安全规程》第八条',
        description: '别矿的人',
        decisionNo: '东煤安罚〔2026〕人2号',
        responsiblePersons: [zhaoAtTaiyuan],
      },
    });
    expectProblem(wrong, 422, ['body.responsiblePersons.0']);
  });
});

describe("a person's file across mines", () => {
  it('lists a violation and a penalty in two mines, and the posts at both', async () => {
    const reply = await http('GET', `/v1/mines/${TAIYUAN}/persons/${zhaoAtTaiyuan}/file`, { token: tokens.inspector });
    const file = ok(reply);
    expect(file).toMatchObject({ name: '赵某' });
    expect(file.residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const named = file.named.map((n: { kind: string; mineId: string }) => `${n.kind}@${n.mineId}`).sort();
    expect(named).toEqual([`penalty@${SHUYUAN}`, `violation@${TAIYUAN}`]);
    expect(file.posts.map((p: { mineId: string }) => p.mineId).sort()).toEqual([SHUYUAN, TAIYUAN]);
    noFullId(reply);
    // Found through the other mine too: the same file.
    const there = ok(
      await http('GET', `/v1/mines/${SHUYUAN}/persons/${zhaoAtShuyuan}/file`, { token: tokens.bureau_admin }),
    );
    expect(there.named).toHaveLength(2);
    expect(there.personKey).toBe(file.personKey);
  });

  it("a mine user sees its own mine's records only", async () => {
    const file = ok(
      await http('GET', `/v1/mines/${TAIYUAN}/persons/${zhaoAtTaiyuan}/file`, { token: tokens.mine_user }),
    );
    expect(file.named.map((n: { mineId: string }) => n.mineId)).toEqual([TAIYUAN]);
    expect(file.posts.map((p: { mineId: string }) => p.mineId)).toEqual([TAIYUAN]);
  });

  it("another jurisdiction's bureau gets 404, and a partner department 403", async () => {
    expectProblem(
      await http('GET', `/v1/mines/${TAIYUAN}/persons/${zhaoAtTaiyuan}/file`, { token: otherDistrictAdmin }),
      404,
    );
    expectProblem(
      await http('GET', `/v1/mines/${ELSEWHERE}/persons/${zhaoAtTaiyuan}/file`, { token: tokens.inspector }),
      404,
    );
    expectProblem(
      await http('GET', `/v1/mines/${TAIYUAN}/persons/${zhaoAtTaiyuan}/file`, { token: tokens.partner_dept }),
      403,
    );
  });

  it('an unknown person of a mine is 404', async () => {
    expectProblem(
      await http('GET', `/v1/mines/${TAIYUAN}/persons/p-000000000000-mine-manager/file`, { token: tokens.inspector }),
      404,
    );
  });

  it("a penalty's persons are corrected with a reason: another mine's person refused, the file follows", async () => {
    const file = ok(
      await http('GET', `/v1/mines/${SHUYUAN}/persons/${qianAtShuyuan}/file`, { token: tokens.inspector }),
    );
    expect(file.named.map((n: { kind: string }) => n.kind)).toEqual(['accident']);
    const penalty = ok(
      await http('POST', `/v1/mines/${SHUYUAN}/penalties`, {
        token: tokens.inspector,
        body: {
          kind: 'warning',
          basis: '《煤矿安全规程》第八条',
          description: '更正演示',
          decisionNo: '东煤安罚〔2026〕人3号',
        },
      }),
      201,
    );
    const path = `/v1/penalties/${penalty.penaltyId}/responsible-persons`;
    expectProblem(
      await http('PATCH', path, {
        token: tokens.inspector,
        body: { version: 1, reason: '补充认定', responsiblePersons: [zhaoAtTaiyuan] },
      }),
      422,
      ['body.responsiblePersons.0'],
    );
    const corrected = ok(
      await http('PATCH', path, {
        token: tokens.inspector,
        body: { version: 1, reason: '补充认定', responsiblePersons: [qianAtShuyuan] },
      }),
    );
    expect(corrected).toMatchObject({ version: 2, responsiblePersons: [expect.objectContaining({ name: '钱某' })] });
    expectProblem(
      await http('PATCH', path, {
        token: tokens.inspector,
        body: { version: 1, reason: '再改', responsiblePersons: [] },
      }),
      409,
    );
    const after = ok(
      await http('GET', `/v1/mines/${SHUYUAN}/persons/${qianAtShuyuan}/file`, { token: tokens.inspector }),
    );
    expect(after.named.map((n: { kind: string }) => n.kind).sort()).toEqual(['accident', 'penalty']);
  });

  it('a correction that drops the person drops the record from the file, audited', async () => {
    const before = ok(await http('GET', `/v1/violations/${violationId}`, { token: tokens.inspector }));
    const corrected = await http('PATCH', `/v1/violations/${violationId}`, {
      token: tokens.inspector,
      body: { version: before.version, reason: '责任人认定有误', responsiblePersons: [] },
    });
    expect(ok(corrected).responsiblePersons).toEqual([]);
    const file = ok(
      await http('GET', `/v1/mines/${TAIYUAN}/persons/${zhaoAtTaiyuan}/file`, { token: tokens.inspector }),
    );
    expect(file.named.map((n: { kind: string }) => n.kind)).toEqual(['penalty']);
  });
});

describe('certificates of safety managers and special-operations workers', () => {
  const certificate = (extra: Record<string, unknown> = {}) => ({
    kind: 'special_operation',
    operation: 'coal_gas_inspection',
    holderName: '孙某',
    residentId: QIAN,
    certificateNo: `T${Date.now()}`,
    issuedOn: addDays(today, -365 * 5),
    expiresOn: addDays(today, 30),
    ...extra,
  });

  it("the bureau's registration is on the file at once, expiring within the window", async () => {
    const reply = await http('POST', `/v1/mines/${TAIYUAN}/certificates`, {
      token: tokens.inspector,
      body: certificate(),
    });
    const body = ok(reply, 201);
    expect(body).toMatchObject({
      status: 'approved',
      state: 'expiring',
      daysToExpiry: 30,
      operationLabel: '煤矿瓦斯检查作业',
    });
    expect(body.residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    noFullId(reply);
  });

  it("a mine's registration waits for a bureau user; the mine may not approve it", async () => {
    const asked = ok(
      await http('POST', `/v1/mines/${TAIYUAN}/certificates`, {
        token: tokens.mine_user,
        body: certificate({ kind: 'safety_manager', operation: undefined, expiresOn: addDays(today, 900) }),
      }),
      201,
    );
    expect(asked).toMatchObject({ status: 'pending', kindLabel: '安全生产管理人员' });
    expect(asked.state).toBeUndefined();
    const path = `/v1/mines/${TAIYUAN}/certificates/${asked.certificateId}`;
    expectProblem(await http('POST', `${path}/approve`, { token: tokens.mine_user, body: { version: 1 } }), 403);
    const approved = ok(await http('POST', `${path}/approve`, { token: tokens.inspector, body: { version: 1 } }));
    expect(approved).toMatchObject({ status: 'approved', state: 'valid', version: 2 });
    expectProblem(await http('POST', `${path}/approve`, { token: tokens.bureau_admin, body: { version: 2 } }), 422);
  });

  it('refuses a special operation without its category, and an expiry before issue', async () => {
    expectProblem(
      await http('POST', `/v1/mines/${TAIYUAN}/certificates`, {
        token: tokens.inspector,
        body: certificate({ operation: undefined }),
      }),
      400,
      ['body.operation'],
    );
    expectProblem(
      await http('POST', `/v1/mines/${TAIYUAN}/certificates`, {
        token: tokens.inspector,
        body: certificate({ expiresOn: addDays(today, -365 * 6) }),
      }),
      400,
      ['body.expiresOn'],
    );
  });

  it("lists a mine's certificates to its readers, and 404 to another jurisdiction", async () => {
    const list = ok(await http('GET', `/v1/mines/${TAIYUAN}/certificates`, { token: tokens.mine_user }));
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expectProblem(await http('GET', `/v1/mines/${TAIYUAN}/certificates`, { token: otherDistrictAdmin }), 404);
  });
});
