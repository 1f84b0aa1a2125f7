import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { waitingClient } from '../support/fair-use.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import {
  ADMIN,
  ADMIN_OR_MINE,
  BUREAU,
  type MineCase,
  READERS,
  type RoleName,
  registerTenancyMatrix,
  roleTokens,
  type Target,
} from '../support/tenancy-matrix.ts';

/**
 * Every registry route × every role × own mine / another mine of the same district / a mine of another
 * jurisdiction, over HTTP on the local runtime. The expectations are written out here, from the issue's "who may
 * do what", not read from the route table, so a route given the wrong roles fails this test.
 */
const OWN = 'm-taiyuan';
const OTHER_MINE = 'm-shuyuan1';
const OTHER_JURISDICTION = 'm-xingshan-matrix';

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let rootToken: string;
let tokens: Record<RoleName, string>;
let serial = 0;

/** Each case builds a valid request for a mine (so scope, not validation, decides), with whatever setup it needs. */
type Case = MineCase;

const root = (method: string, path: string, body?: unknown) => http(method, path, { token: rootToken, body });
const versionOf = async (path: string) => ((await root('GET', path)).body as { version: number }).version;
const residentId = () => {
  const first17 = `1101051980010${String(1000 + ++serial).slice(-4)}`;
  return first17 + residentIdCheckChar(first17);
};

const READING_WRITERS: RoleName[] = ['inspector', 'mine_user'];
/** A bureau admin's change of the register is in force at once; an inspector's or the mine's is a request (202). */
const REGISTER_WRITERS: RoleName[] = ['bureau_admin', 'inspector', 'mine_user'];
const BY_REQUEST: Partial<Record<RoleName, number>> = { inspector: 202, mine_user: 202 };
/** Who decides a request to change the register. */
const REGISTER_DECIDERS: RoleName[] = ['bureau_admin', 'inspector'];
/** A day before the demo history, a new one per request, so every allowed post creates a reading. */
const readingDay = () => addDays(todayInShanghai(), -200 - ++serial);

const CASES: Case[] = [
  {
    operationId: 'postPowerReadings',
    allowed: READING_WRITERS,
    success: 201,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/power-readings`,
      body: { readings: [{ meterId: 'main', date: readingDay(), kwh: 1200 }] },
    }),
  },
  {
    operationId: 'getPowerReadings',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/power-readings` }),
  },
  {
    operationId: 'putPersonnelFeed',
    allowed: ['mine_user'],
    success: 201,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/monitoring/${readingDay()}/personnel`,
      body: { shifts: { night: 0, morning: 12, afternoon: 8 }, peak: 12 },
    }),
  },
  {
    operationId: 'putGasFeed',
    allowed: ['mine_user'],
    success: 201,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/monitoring/${readingDay()}/gas`,
      body: { events: [], outages: [] },
    }),
  },
  {
    operationId: 'getMonitoringFeeds',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/monitoring` }),
  },
  {
    operationId: 'listMinePowerReviews',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/power-reviews` }),
  },
  {
    operationId: 'getMine',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}` }),
  },
  {
    operationId: 'patchMine',
    allowed: ADMIN,
    success: 200,
    request: async (m) => ({
      method: 'PATCH',
      path: `/v1/mines/${m}`,
      body: { version: await versionOf(`/v1/mines/${m}`), address: `地址 ${++serial}` },
    }),
  },
  {
    operationId: 'changeMineStatus',
    allowed: ADMIN,
    success: 201,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/status`,
      body: { status: 'rectifying', reason: '责令停产整顿', effectiveDate: '2026-01-01' },
    }),
  },
  {
    operationId: 'listMineStatusHistory',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/status-history` }),
  },
  {
    operationId: 'assignOfficial',
    allowed: ADMIN,
    success: 200,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/assigned-official`,
      // The demo district's inspector, a user of the directory (another jurisdiction's mine is 404 before that).
      body: { version: await versionOf(`/v1/mines/${m}`), userId: 'dev-inspector', name: '包保干部' },
    }),
  },
  {
    operationId: 'updateMineContacts',
    allowed: ADMIN_OR_MINE,
    success: 200,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/contacts`,
      body: { version: await versionOf(`/v1/mines/${m}`), safetyManager: { name: '安全员', mobile: '13900001111' } },
    }),
  },
  {
    operationId: 'getHeadcountLimits',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/headcount-limits` }),
  },
  {
    // The bureau of the mine's jurisdiction sets it; a mine never sets its own limit (403).
    operationId: 'setHeadcountLimits',
    allowed: REGISTER_DECIDERS,
    success: 200,
    request: async (m) => {
      const version = await versionOf(`/v1/mines/${m}/headcount-limits`);
      const perShift = { night: 100, morning: 120, afternoon: 120 };
      return {
        method: 'PUT',
        path: `/v1/mines/${m}/headcount-limits`,
        body: {
          ...(version > 0 ? { version } : {}),
          from: '2026-01-01',
          shifts: perShift,
          dutyCrew: { night: 5, morning: 5, afternoon: 5 },
          reason: '核定下井人数',
        },
      };
    },
  },
  {
    operationId: 'getMineRecord',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/record` }),
  },
  {
    operationId: 'listMineAudit',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/audit?limit=5` }),
  },
  {
    operationId: 'listLicences',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/licences` }),
  },
  {
    operationId: 'getLicence',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/licences/mining` }),
  },
  {
    operationId: 'putLicence',
    allowed: ADMIN,
    success: 200,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/licences/mining`,
      body: {
        version: await versionOf(`/v1/mines/${m}/licences/mining`),
        number: `采-${++serial}`,
        issuedOn: '2024-01-01',
        expiresOn: '2030-01-01',
      },
    }),
  },
  {
    operationId: 'listPeriodicDuties',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/periodic-duties` }),
  },
  {
    operationId: 'getPeriodicDuty',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/periodic-duties/emergency_plan_drill` }),
  },
  {
    operationId: 'putPeriodicDuty',
    allowed: ADMIN_OR_MINE,
    success: 200,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/periodic-duties/emergency_plan_drill`,
      body: {
        version: await versionOf(`/v1/mines/${m}/periodic-duties/emergency_plan_drill`),
        lastDoneOn: addDays(todayInShanghai(), -10),
        reference: `演练-${++serial}`,
      },
    }),
  },
  {
    operationId: 'listPersons',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/persons` }),
  },
  {
    operationId: 'addPerson',
    allowed: ADMIN,
    success: 201,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/persons`,
      body: { role: 'chief_engineer', name: '测试某', residentId: residentId() },
    }),
  },
  {
    operationId: 'getPerson',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'GET',
      path: `/v1/mines/${m}/persons/${((await root('GET', `/v1/mines/${m}/persons`)).body.items[0] as { personId: string }).personId}`,
    }),
  },
  {
    operationId: 'removePerson',
    allowed: ADMIN,
    success: 204,
    request: async (m) => {
      const added = await root('POST', `/v1/mines/${m}/persons`, {
        role: 'general_manager',
        name: '测试某',
        residentId: residentId(),
      });
      return { method: 'DELETE', path: `/v1/mines/${m}/persons/${added.body.personId}?version=1&reason=离任` };
    },
  },
  {
    operationId: 'getPersonFile',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'GET',
      path: `/v1/mines/${m}/persons/${((await root('GET', `/v1/mines/${m}/persons`)).body.items[0] as { personId: string }).personId}/file`,
    }),
  },
  // Certificates of safety managers and special-operations workers: read by the mine's readers, registered by the
  // bureau at once or asked for by the mine, decided by the bureau.
  {
    operationId: 'listCertificates',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/certificates` }),
  },
  {
    operationId: 'registerCertificate',
    allowed: REGISTER_WRITERS,
    success: 201,
    request: async (m) => ({ method: 'POST', path: `/v1/mines/${m}/certificates`, body: certificateBody() }),
  },
  {
    operationId: 'getCertificate',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/certificates/${await pendingCertificate(m)}` }),
  },
  {
    operationId: 'approveCertificate',
    allowed: REGISTER_DECIDERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/certificates/${await pendingCertificate(m)}/approve`,
      body: { version: 1 },
    }),
  },
  {
    operationId: 'rejectCertificate',
    allowed: REGISTER_DECIDERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/certificates/${await pendingCertificate(m)}/reject`,
      body: { version: 1, reason: '证书编号与原件不符' },
    }),
  },
  {
    operationId: 'listEquipment',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/equipment?asOf=${todayInShanghai()}` }),
  },
  {
    operationId: 'getEquipment',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/equipment/monitor` }),
  },
  {
    operationId: 'putEquipment',
    allowed: REGISTER_WRITERS,
    success: 201,
    refusedRoles: BY_REQUEST,
    request: async (m) => ({
      method: 'PUT',
      path: `/v1/mines/${m}/equipment/eq-${++serial}`,
      body: { name: '局扇', ratedKw: 30, circuit: 'ventilation', mustRunWhenStopped: true },
    }),
  },
  {
    operationId: 'deleteEquipment',
    allowed: REGISTER_WRITERS,
    success: 204,
    refusedRoles: BY_REQUEST,
    request: async (m) => {
      const id = `tmp-${++serial}`;
      await root('PUT', `/v1/mines/${m}/equipment/${id}`, {
        name: '临时设备',
        ratedKw: 5,
        circuit: 'other',
        mustRunWhenStopped: false,
      });
      return { method: 'DELETE', path: `/v1/mines/${m}/equipment/${id}?version=1` };
    },
  },
  {
    operationId: 'listMeters',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/meters?asOf=${todayInShanghai()}` }),
  },
  {
    operationId: 'getMeter',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/meters/main` }),
  },
  {
    operationId: 'putMeter',
    allowed: REGISTER_WRITERS,
    success: 201,
    refusedRoles: BY_REQUEST,
    request: async (m) => ({ method: 'PUT', path: `/v1/mines/${m}/meters/mt-${++serial}`, body: { name: '副井电表' } }),
  },
  {
    operationId: 'deleteMeter',
    allowed: REGISTER_WRITERS,
    success: 204,
    refusedRoles: BY_REQUEST,
    request: async (m) => {
      const id = `tmpm-${++serial}`;
      await root('PUT', `/v1/mines/${m}/meters/${id}`, { name: '临时电表' });
      return { method: 'DELETE', path: `/v1/mines/${m}/meters/${id}?version=1` };
    },
  },
  {
    operationId: 'listRegisterRequests',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/register-requests?status=pending` }),
  },
  {
    operationId: 'getRegisterRequest',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/register-requests/${await pendingRequest(m)}` }),
  },
  {
    operationId: 'approveRegisterRequest',
    allowed: REGISTER_DECIDERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/register-requests/${await pendingRequest(m)}/approve`,
      body: { version: 1 },
    }),
  },
  {
    operationId: 'rejectRegisterRequest',
    allowed: REGISTER_DECIDERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/register-requests/${await pendingRequest(m)}/reject`,
      body: { version: 1, reason: '与现场不符' },
    }),
  },
  // Safety credit: every mine-level credit route.
  {
    operationId: 'getMineCredit',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/credit` }),
  },
  {
    operationId: 'getMineCreditHistory',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/credit/history` }),
  },
  {
    operationId: 'simulateMineCredit',
    allowed: READERS,
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/credit/simulate`,
      body: { add: [{ kind: 'violation', date: addDays(todayInShanghai(), -3), category: 'over_capacity' }] },
    }),
  },
  {
    operationId: 'proposeCreditOverride',
    allowed: ADMIN,
    success: 201,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/credit/overrides`,
      body: { tier: 'B', reason: '整改到位，申请调整', endsOn: addDays(todayInShanghai(), 30) },
    }),
  },
  {
    operationId: 'listCreditOverrides',
    allowed: BUREAU,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/credit/overrides` }),
  },
  {
    operationId: 'approveCreditOverride',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/credit/overrides/${await proposedOverride(m)}/approve`,
      body: { version: 1 },
    }),
  },
  {
    operationId: 'rejectCreditOverride',
    allowed: ['legal_reviewer'],
    success: 200,
    request: async (m) => ({
      method: 'POST',
      path: `/v1/mines/${m}/credit/overrides/${await proposedOverride(m)}/reject`,
      body: { version: 1, reason: '依据不足' },
    }),
  },
  {
    operationId: 'listSafetyCommitments',
    allowed: READERS,
    success: 200,
    request: async (m) => ({ method: 'GET', path: `/v1/mines/${m}/safety-commitments` }),
  },
  {
    operationId: 'putSafetyCommitment',
    allowed: ADMIN_OR_MINE,
    success: 201,
    request: async (m) => {
      // A new year each time (filed in that year), so every allowed call creates one.
      const year = 2000 + ++commitmentYears;
      return {
        method: 'PUT',
        path: `/v1/mines/${m}/safety-commitments/${year}`,
        body: { filedOn: `${year}-01-15`, signedBy: '矿长' },
      };
    },
  },
];

let commitmentYears = 0;
/** A change of the register a mine user of that mine asked for, still pending (so any bureau decider is not its requester). */
const pendingRequest = async (mineId: string): Promise<string> => {
  const token = await rt.token({ role: 'mine_user', mineId, sub: `matrix-staff-${mineId}` });
  const asked = await http('PUT', `/v1/mines/${mineId}/equipment/rq-${++serial}`, {
    token,
    body: { name: '申请登记的设备', ratedKw: 12, circuit: 'other', mustRunWhenStopped: false },
  });
  expect(asked.status).toBe(202);
  return asked.body.requestId;
};
const certificateBody = () => ({
  kind: 'special_operation',
  operation: 'electrician',
  holderName: '测试某',
  residentId: residentId(),
  certificateNo: `T-${++serial}`,
  issuedOn: '2024-01-01',
  expiresOn: '2030-01-01',
});
/** A certificate the mine asked for, waiting for the bureau. */
const pendingCertificate = async (mineId: string): Promise<string> => {
  const token = await rt.token({ role: 'mine_user', mineId, sub: `matrix-staff-${mineId}` });
  const asked = await http('POST', `/v1/mines/${mineId}/certificates`, { token, body: certificateBody() });
  expect(asked.status).toBe(201);
  return asked.body.certificateId;
};
/** A fresh override proposal by the province admin (so any reviewer is not its proposer). */
const proposedOverride = async (mineId: string): Promise<string> =>
  (
    await root('POST', `/v1/mines/${mineId}/credit/overrides`, {
      tier: 'C',
      reason: '待审核',
      endsOn: addDays(todayInShanghai(), 10),
    })
  ).body.overrideId;

const mineOf: Record<Target, string> = { own: OWN, otherMine: OTHER_MINE, otherJurisdiction: OTHER_JURISDICTION };

beforeAll(async () => {
  rt = await startTestRuntime();
  // Many requests of a few users in a row, setups included: a mine user's default fair-use limit is waited out.
  http = waitingClient(client(rt.url));
  rootToken = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  tokens = roleTokens(rt);
  const first17 = '91230407XK0000001';
  const created = await root('POST', '/v1/mines', {
    mineId: OTHER_JURISDICTION,
    name: '兴山演示矿',
    creditCode: first17 + creditCodeCheckChar(first17),
    jurisdiction: 'hlj/hegang/xingshan',
    approvedCapacityTonnesPerYear: 300000,
    gasGrade: 'low',
    hydrogeology: 'simple',
    standardisationGrade: 'grade3',
  });
  expect(created.status).toBe(201);
  // Give the other jurisdiction's mine the records the seeded mines have, so only scope can refuse a read.
  expect(
    (
      await root('POST', `/v1/mines/${OTHER_JURISDICTION}/persons`, {
        role: 'mine_manager',
        name: '测试某',
        residentId: residentId(),
      })
    ).status,
  ).toBe(201);
  expect((await root('PUT', `/v1/mines/${OTHER_JURISDICTION}/meters/main`, { name: '总表' })).status).toBe(201);
  expect(
    (
      await root('PUT', `/v1/mines/${OTHER_JURISDICTION}/equipment/monitor`, {
        name: '监控',
        ratedKw: 10,
        circuit: 'monitoring',
        mustRunWhenStopped: true,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await root('PUT', `/v1/mines/${OTHER_JURISDICTION}/licences/mining`, {
        number: '采-0',
        issuedOn: '2024-01-01',
        expiresOn: '2030-01-01',
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await root('PUT', `/v1/mines/${OTHER_JURISDICTION}/periodic-duties/emergency_plan_drill`, {
        lastDoneOn: '2026-01-10',
      })
    ).status,
  ).toBe(201);
});

afterAll(async () => {
  await rt?.stop();
});

/** Capabilities whose own e2e file carries their tenancy matrix (and checks it covers every route of the tag). */
const OWN_MATRIX_TAGS = new Set([
  'hazards',
  'penalties',
  'violations',
  'inspections',
  'accidents',
  'interviews',
  // 督办函 and 监管监察意见书: tests/e2e/directives.test.ts.
  'directives',
  'evidence',
  // 复工复产验收: tests/e2e/acceptance.test.ts.
  'acceptances',
  // The mine's side of a blacklist notice: tests/e2e/blacklist-notices.test.ts.
  'blacklist',
]);

describe('tenancy matrix', () => {
  it('covers every mine-scoped route of the route table', () => {
    const mineScoped = ALL_ROUTES.filter((r) => r.path.startsWith('/v1/mines/{mineId}') && !OWN_MATRIX_TAGS.has(r.tag))
      .map((r) => r.operationId)
      .sort();
    expect(CASES.map((c) => c.operationId).sort()).toEqual(mineScoped);
  });

  registerTenancyMatrix({
    cases: CASES,
    session: () => ({ http, tokens }),
    mineOf,
    // Every route here is under the mine: the missing twin is the same request to a mine that does not exist.
    missingPath: (req, target) => req.path.replace(mineOf[target], 'm-does-not-exist'),
  });

  it('a request without a token, or with a forged one, is 401 on every protected route', async () => {
    for (const route of ALL_ROUTES.filter((r) => r.roles !== 'public')) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'mineId' ? OWN : name === 'type' ? 'mining' : 'x1',
      );
      const none = await http(route.method, path);
      expect(none.status, `${route.method} ${path}`).toBe(401);
      const forged = await http(route.method, path, { token: `${rt.tokens.bureau_admin!.slice(0, -4)}AAAA` });
      expect(forged.status, `${route.method} ${path}`).toBe(401);
    }
  });
});

describe('listing mines by role', () => {
  const ids = (r: Reply) => (r.body.items as { mineId: string }[]).map((m) => m.mineId).sort();

  it.each([['bureau_admin'], ['inspector'], ['legal_reviewer']] as const)(
    '%s of the district sees its 13 mines and no other',
    async (role) => {
      const reply = await http('GET', '/v1/mines?limit=200', { token: tokens[role] });
      expect(reply.status).toBe(200);
      expect(ids(reply)).toHaveLength(13);
      expect(ids(reply)).not.toContain(OTHER_JURISDICTION);
    },
  );

  it('a mine user sees only its own mine', async () => {
    expect(ids(await http('GET', '/v1/mines', { token: tokens.mine_user }))).toEqual([OWN]);
  });

  it('a partner department may not list mines', async () => {
    expect((await http('GET', '/v1/mines', { token: tokens.partner_dept })).status).toBe(403);
  });

  it('an inspector of another district sees that district only', async () => {
    expect(ids(await http('GET', '/v1/mines', { token: rt.tokens.inspector_other_district }))).toEqual([
      OTHER_JURISDICTION,
    ]);
  });

  it('creating a mine: admin inside its jurisdiction only; nobody else', async () => {
    const body = (jurisdiction: string, n: number) => {
      const first17 = `9123040700000${String(100 + n).slice(-3)}1`;
      return {
        name: `新建演示矿${n}`,
        creditCode: first17 + creditCodeCheckChar(first17),
        jurisdiction,
        approvedCapacityTonnesPerYear: 90000,
        gasGrade: 'low',
        hydrogeology: 'simple',
        standardisationGrade: 'none',
      };
    };
    expect(
      (await http('POST', '/v1/mines', { token: tokens.bureau_admin, body: body('hlj/hegang/dongshan', 1) })).status,
    ).toBe(201);
    expect(
      (await http('POST', '/v1/mines', { token: tokens.bureau_admin, body: body('hlj/hegang/xingshan', 2) })).status,
    ).toBe(403);
    for (const role of ['inspector', 'legal_reviewer', 'mine_user', 'partner_dept'] as const) {
      expect(
        (await http('POST', '/v1/mines', { token: tokens[role], body: body('hlj/hegang/dongshan', 3) })).status,
      ).toBe(403);
    }
  });
});
