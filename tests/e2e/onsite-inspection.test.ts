import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import { type RoleName, roleTokens } from '../support/tenancy-matrix.ts';

/**
 * An inspection on site over HTTP on the local runtime: started with its team, leader and topics → a hazard and a
 * violation recorded with its id show in its findings → an on-site decision numbered → closed with its record
 * numbered (the first of each kind this year: 1 and 1) → a penalty numbered when decided. Every 2xx body is checked
 * against /openapi.json by the runtime's response checker.
 */
const OWN = 'm-taiyuan';
const OTHER = 'm-shuyuan1';
const today = todayInShanghai();
const year = today.slice(0, 4);

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let tokens: Record<RoleName, string>;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  tokens = roleTokens(rt);
});
afterAll(async () => rt?.stop());

const ok = (r: Reply, status = 200): any => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const fields = (r: Reply): string[] => (r.body.errors ?? []).map((e: { field: string }) => e.field);
const TEAM = [
  { userId: 'dev-inspector', name: '王检查' },
  { userId: 'u-li', name: '李监察' },
];
const start = (mineId: string) =>
  http('POST', `/v1/mines/${mineId}/inspections`, {
    token: tokens.inspector,
    body: {
      kind: 'started',
      startedOn: today,
      inspectors: TEAM,
      leaderUserId: 'dev-inspector',
      purpose: '雨季三防专项执法检查',
      topics: ['water_control', 'ventilation_gas_dust', 'emergency'],
    },
  });
const hazard = (mineId: string, inspectionId: string) =>
  http('POST', `/v1/mines/${mineId}/hazards`, {
    token: tokens.inspector,
    body: {
      level: 'general',
      description: '中央水仓未按期清挖，有效容积不足',
      location: '中央水仓',
      deadline: today,
      source: 'inspection',
      inspectionId,
    },
  });

describe('an inspection on site', () => {
  it('start → hazard and violation in its findings → decision 1 → close with record 1', async () => {
    const i = ok(await start(OWN), 201);
    expect(i).toMatchObject({
      status: 'in_progress',
      statusLabel: '检查中',
      startedOn: today,
      leader: { userId: 'dev-inspector', name: '王检查' },
      topicLabels: ['防治水', '一通三防', '应急'],
      findings: { hazardIds: [], violationIds: [] },
      decisions: [],
    });
    const h = ok(await hazard(OWN, i.inspectionId), 201);
    const v = ok(
      await http('POST', `/v1/mines/${OWN}/violations`, {
        token: tokens.inspector,
        body: {
          category: 'over_capacity',
          date: today,
          description: '超能力组织生产',
          source: { kind: 'inspection', id: i.inspectionId },
        },
      }),
      201,
    );
    const found = ok(await http('GET', `/v1/inspections/${i.inspectionId}`, { token: tokens.inspector }));
    expect(found.findings).toEqual({ hazardIds: [h.hazardId], violationIds: [v.violationId] });

    // Another mine's inspection in progress, or this one once closed: 422 naming the field, nothing recorded.
    const other = ok(await start(OTHER), 201);
    const refused = await hazard(OWN, other.inspectionId);
    expect(refused.status).toBe(422);
    expect(fields(refused)).toEqual(['body.inspectionId']);

    const act = (body: unknown) =>
      http('POST', `/v1/inspections/${i.inspectionId}/actions`, { token: tokens.inspector, body });
    const badRef = await act({
      action: 'issue_decision',
      version: found.version,
      items: [{ measure: 'stop_work', hazardIds: ['hz-elsewhere'] }],
    });
    expect(badRef.status).toBe(422);
    expect(fields(badRef)).toEqual(['body.items.0.hazardIds.0']);
    const decided = ok(
      await act({
        action: 'issue_decision',
        version: found.version,
        items: [
          { measure: 'rectify_by_deadline', deadline: today, hazardIds: [h.hazardId] },
          { measure: 'stop_work', violationIds: [v.violationId] },
        ],
      }),
    );
    expect(decided.decisions).toMatchObject([{ n: 1, documentNo: `东山煤安现决〔${year}〕1号`, issuedOn: today }]);
    expect((await act({ action: 'close', version: found.version, summary: '完' })).status).toBe(409);
    const closed = ok(
      await act({
        action: 'close',
        version: decided.version,
        summary: '检查防治水、一通三防、应急，发现隐患 1 项、违法行为 1 项',
      }),
    );
    expect(closed).toMatchObject({ status: 'done', doneOn: today, recordNo: `东山煤安检〔${year}〕1号` });
    expect((await act({ action: 'close', version: closed.version, summary: '完' })).status).toBe(422);
    const late = await hazard(OWN, i.inspectionId);
    expect(late.status).toBe(422);
    expect(fields(late)).toEqual(['body.inspectionId']);

    // The mine reads its inspection with the numbers; out of scope stays 404.
    const read = ok(await http('GET', `/v1/inspections/${i.inspectionId}`, { token: tokens.mine_user }));
    expect(read.recordNo).toBe(closed.recordNo);
  });

  it('a penalty takes its 行政处罚决定书 number when decided, not when proposed', async () => {
    const propose = (body: Record<string, unknown>) =>
      http('POST', `/v1/mines/${OWN}/penalties`, {
        token: tokens.inspector,
        body: { basis: '《安全生产法》第一百一十条', description: '现场检查发现超能力组织生产', ...body },
      });
    const general = ok(await propose({ kind: 'warning', decisionNo: 'D-onsite-1' }), 201);
    expect(general.documentNo).toMatch(new RegExp(`^东山煤安罚〔${year}〕\\d+号$`));
    const major = ok(await propose({ kind: 'fine', amountYuan: 80_000 }), 201);
    expect(major).not.toHaveProperty('documentNo');
    const act = (body: unknown, token: string) =>
      http('POST', `/v1/penalties/${major.penaltyId}/actions`, { token, body });
    ok(await act({ action: 'submit_for_review', version: 1 }, tokens.inspector));
    const approved = ok(await act({ action: 'approve', version: 2, decisionNo: 'D-onsite-2' }, tokens.legal_reviewer));
    const n = (text: string) => Number(/〕(\d+)号$/.exec(text)?.[1]);
    expect(n(approved.documentNo)).toBe(n(general.documentNo) + 1);
    const read = ok(await http('GET', `/v1/penalties/${major.penaltyId}`, { token: tokens.mine_user }));
    expect(read.documentNo).toBe(approved.documentNo);
  });
});
