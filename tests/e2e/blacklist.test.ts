import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, mineBody, ok, type Reply, startTestRuntime } from '../support/local-runtime.ts';
import { creditCodeFor } from '../support/registry-fixtures.ts';

/**
 * The serious-dishonesty list (严重失信主体名单, 联合惩戒) over HTTP on the local runtime: an enterprise proposed,
 * told, heard, reviewed by a second person and published; the partner departments' check, the public list and the
 * mine's credit following it; early removal (not before 12 months, with a second signature) and its revocation; a
 * key person listed and found by resident ID without the ID ever leaving the API; the nightly expiry on the end
 * date and not the day before; refusals for the wrong state, the wrong person, another district and other roles.
 *
 * The tests run in order on one runtime; each lifecycle uses a mine (an enterprise) of its own.
 */
const DEMO = 'hlj/hegang/dongshan';
const JOB = 'blacklist-expiry';

const FLOW = 'm-bl-flow';
const REPAIR = 'm-bl-repair';
const PERSON = 'm-bl-person';
const EXPIRY = 'm-bl-expiry';
const STATES = 'm-bl-states';
const MINES = [FLOW, REPAIR, PERSON, EXPIRY, STATES];
const CODES: Record<string, string> = Object.fromEntries(MINES.map((m) => [m, creditCodeFor(m)]));
const ENTERPRISES: Record<string, string> = Object.fromEntries(
  MINES.map((m, i) => [m, `名单测试${i + 1}号矿业有限公司`]),
);

/** A fictional resident ID whose check character is X (so a lower-case x can be tried), born 1958-03-17. */
const RESIDENT_ID = (() => {
  for (let n = 100; n < 1000; n++) {
    const first17 = `23040619580317${n}`;
    if (residentIdCheckChar(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no ID with check character X');
})();
const BIRTH_DIGITS = RESIDENT_ID.slice(6, 14);
const NAME = '名单测试张某';
const MASKED = `${RESIDENT_ID.slice(0, 6)}********${RESIDENT_ID.slice(14)}`;

const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let inspector: string;
let legal: string;
let mineUser: string;
let partner: string;
let otherDistrict: string;
/** A second legal reviewer, and the inspector's own person holding a legal reviewer's token (the four-eyes rule). */
let legal2: string;
let inspectorAsLegal: string;

/**
 * Every reply of the person flow and of the purposely bad requests, as it came over the wire (status, headers,
 * body): the resident ID must appear in none of them.
 */
const transcript: string[] = [];
const watched = async (...args: Parameters<ReturnType<typeof client>>): Promise<Reply> => {
  const reply = await http(...args);
  transcript.push(JSON.stringify({ status: reply.status, headers: [...reply.headers.entries()], body: reply.body }));
  return reply;
};

const propose = (body: Record<string, unknown>, token = inspector, via = http) =>
  via('POST', '/v1/blacklist', { token, body });
const act = (entryId: string, body: Record<string, unknown>, token: string, via = http) =>
  via('POST', `/v1/blacklist/${entryId}/actions`, { token, body });
const entry = async (entryId: string, token = admin) => ok(await http('GET', `/v1/blacklist/${entryId}`, { token }));
const checkEnterprise = (creditCode: string, scope: string, token = partner) =>
  untilAllowed(() =>
    http(
      'GET',
      `/v1/blacklist/check?subjectType=enterprise&creditCode=${encodeURIComponent(creditCode)}&scope=${scope}`,
      { token },
    ),
  );
const checkPerson = (name: string, residentId: string, scope: string, token = partner, via = http) =>
  via(
    'GET',
    `/v1/blacklist/check?subjectType=person&name=${encodeURIComponent(name)}&residentId=${encodeURIComponent(residentId)}&scope=${scope}`,
    { token },
  );
const publicList = async (via = http) => ok(await via('GET', '/v1/public/blacklist?limit=200')).items as any[];
const credit = async (mineId: string) => ok(await http('GET', `/v1/mines/${mineId}/credit`, { token: admin }));
const auditActions = async (mineId: string, entryId: string, via = http) =>
  (ok(await via('GET', `/v1/mines/${mineId}/audit?limit=100`, { token: admin })).items as any[])
    .filter((e) => e.entityId === entryId)
    .map((e) => e.action);

/**
 * Takes a proposed entry through notice, review and approval: the notice served `servedDaysAgo` days ago (so the
 * 7-day objection window has closed), approved by the demo legal reviewer, listed from `listedOn` (today if absent).
 */
async function publish(
  entryId: string,
  options: { servedOn?: string; listedOn?: string; decisionNo: string; via?: typeof http },
) {
  const via = options.via ?? http;
  const servedOn = options.servedOn ?? daysAgo(10);
  ok(await act(entryId, { action: 'serve_notice', version: 1, servedOn }, inspector, via));
  ok(await act(entryId, { action: 'submit_review', version: 2 }, inspector, via));
  return ok(
    await act(
      entryId,
      {
        action: 'approve',
        version: 3,
        decisionNo: options.decisionNo,
        ...(options.listedOn ? { listedOn: options.listedOn } : {}),
      },
      legal,
      via,
    ),
  );
}

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  inspector = rt.tokens.inspector!;
  legal = rt.tokens.legal_reviewer!;
  mineUser = rt.tokens.mine_user!;
  partner = rt.tokens.partner_dept!;
  otherDistrict = rt.tokens.inspector_other_district!;
  legal2 = await rt.token({ role: 'legal_reviewer', jurisdiction: DEMO, sub: 'legal-reviewer-2' });
  inspectorAsLegal = await rt.token({ role: 'legal_reviewer', jurisdiction: DEMO, sub: 'dev-inspector' });
  for (const [i, mineId] of MINES.entries()) {
    ok(
      await http('POST', '/v1/mines', {
        token: admin,
        body: mineBody(mineId, {
          name: `名单测试${i + 1}矿`,
          enterpriseName: ENTERPRISES[mineId],
          creditCode: CODES[mineId]!,
        }),
      }),
      201,
    );
  }
});
afterAll(async () => rt?.stop());

describe('an enterprise through the whole flow (the issue’s "must show")', () => {
  const DECISION = '（鹤东）煤安失信〔2025〕1号';
  let id: string;
  let published: any;

  it('propose → notice → objection answered → the proposer may not approve → a legal reviewer approves → published', async () => {
    const proposed = ok(
      await propose({
        subjectType: 'enterprise',
        mineId: FLOW,
        grounds: ['REFUSING_PENALTY'],
        scopes: ['safety_licence', 'project_approval'],
        note: '拒不执行停产整顿决定',
      }),
      201,
    );
    id = proposed.entryId;
    expect(proposed).toMatchObject({
      subjectType: 'enterprise',
      subjectName: ENTERPRISES[FLOW],
      enterpriseName: ENTERPRISES[FLOW],
      creditCode: CODES[FLOW],
      mineId: FLOW,
      jurisdiction: DEMO,
      scopes: ['safety_licence', 'project_approval'],
      status: 'proposed',
      statusLabel: '拟列入（待告知）',
      source: { kind: 'manual' },
      proposedBy: { sub: 'dev-inspector', role: 'inspector' },
      objections: [],
      version: 1,
    });
    expect(proposed.grounds).toEqual([
      { code: 'REFUSING_PENALTY', name: expect.any(String), basis: expect.stringContaining('第七条') },
    ]);
    expect(proposed.person).toBeUndefined();
    // Not published: not public, not restricting.
    expectProblem(await http('GET', `/v1/public/blacklist/${id}`), 404);
    expect(ok(await checkEnterprise(CODES[FLOW]!, 'safety_licence'))).toMatchObject({ restricted: false, entries: [] });

    // The prior notice (事先告知), served ten days ago: the 7-day window for statements has closed.
    const servedOn = daysAgo(10);
    const noticed = ok(
      await act(id, { action: 'serve_notice', version: 1, servedOn, noticeNo: '（鹤东）煤安告〔2025〕1号' }, inspector),
    );
    expect(noticed).toMatchObject({
      status: 'notice_served',
      notice: { servedOn, noticeNo: '（鹤东）煤安告〔2025〕1号', objectionDeadline: addDays(servedOn, 7) },
      version: 2,
    });

    // A statement (陈述申辩) received within the window; unanswered, it blocks the review.
    const heard = ok(
      await act(
        id,
        { action: 'record_objection', version: 2, receivedOn: daysAgo(8), content: '企业称已缴纳罚款，请求不予列入' },
        inspector,
      ),
    );
    expect(heard.objections).toHaveLength(1);
    const objectionId = heard.objections[0].objectionId;
    expect(heard.objections[0]).toMatchObject({ receivedOn: daysAgo(8), content: '企业称已缴纳罚款，请求不予列入' });
    const blocked = await act(id, { action: 'submit_review', version: 3 }, inspector);
    expectProblem(blocked, 422);
    expect(blocked.body.detail).toContain('未答复');
    const answered = ok(
      await act(
        id,
        { action: 'answer_objection', version: 3, objectionId, answer: '经核实罚款未缴纳，理由不成立', upheld: false },
        admin,
      ),
    );
    expect(answered.objections[0].answer).toMatchObject({
      text: '经核实罚款未缴纳，理由不成立',
      upheld: false,
      by: { role: 'bureau_admin' },
    });
    const review = ok(await act(id, { action: 'submit_review', version: 4 }, inspector));
    expect(review).toMatchObject({ status: 'under_review', version: 5 });

    // The proposer may not approve: as an inspector, nor holding a legal reviewer's token (one person, two signatures).
    const byProposer = await act(id, { action: 'approve', version: 5, decisionNo: DECISION }, inspector);
    expectProblem(byProposer, 422, ['principal']);
    const byProposerAsLegal = await act(id, { action: 'approve', version: 5, decisionNo: DECISION }, inspectorAsLegal);
    expectProblem(byProposerAsLegal, 422, ['principal']);
    expect(byProposerAsLegal.body.detail).toContain('提议人');
    expectProblem(await act(id, { action: 'approve', version: 5, decisionNo: DECISION }, admin), 422, ['principal']);
    expect(await entry(id)).toMatchObject({ status: 'under_review', version: 5 });

    published = ok(await act(id, { action: 'approve', version: 5, decisionNo: DECISION }, legal));
    expect(published).toMatchObject({
      status: 'published',
      statusLabel: '已列入并公示',
      decisionNo: DECISION,
      listedOn: today,
      endsOn: addMonths(today, 36),
      version: 6,
    });
  });

  it('the partner check answers restricted for safety_licence with the grounds, basis and decision; not for a scope the entry does not restrict', async () => {
    const shown = {
      entryId: id,
      subjectType: 'enterprise',
      name: ENTERPRISES[FLOW],
      creditCode: CODES[FLOW],
      grounds: published.grounds,
      decisionNo: DECISION,
      listedOn: today,
      endsOn: addMonths(today, 36),
      restrictions: ['安全许可', '项目核准'],
    };
    const check = ok(await checkEnterprise(CODES[FLOW]!, 'safety_licence'));
    expect(check).toEqual({
      checkId: expect.stringMatching(/^chk-/),
      restricted: true,
      subjectType: 'enterprise',
      scope: 'safety_licence',
      checkedOn: today,
      entries: [shown],
    });
    expect(check.entries[0].grounds[0]).toMatchObject({
      code: 'REFUSING_PENALTY',
      basis: expect.stringContaining('应急管理部令第11号'),
    });
    // The code as a clerk may type it (lower case) finds the same entry.
    expect(ok(await checkEnterprise(CODES[FLOW]!.toLowerCase(), 'project_approval'))).toMatchObject({
      restricted: true,
      scope: 'project_approval',
      entries: [shown],
    });
    expect(ok(await checkEnterprise(CODES[FLOW]!, 'qualification'))).toEqual({
      checkId: expect.stringMatching(/^chk-/),
      restricted: false,
      subjectType: 'enterprise',
      scope: 'qualification',
      checkedOn: today,
      entries: [],
    });
    expect(ok(await checkEnterprise(CODES[STATES]!, 'safety_licence'))).toMatchObject({
      restricted: false,
      entries: [],
    });
    // Bureau roles may ask too.
    expect(ok(await checkEnterprise(CODES[FLOW]!, 'safety_licence', inspector)).restricted).toBe(true);

    // The public list, without a token: the entry in its published form, and the same one by id.
    const listed = (await publicList()).find((e) => e.entryId === id);
    expect(listed).toEqual(shown);
    expect(ok(await http('GET', `/v1/public/blacklist/${id}`))).toEqual(shown);
  });

  it('the mine’s credit is D, forced by the listing, right after publication; the partners and the mine are told', async () => {
    const c = await credit(FLOW);
    expect(c).toMatchObject({ mineId: FLOW, asOf: today, tier: 'D' });
    expect(c.forced).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'blacklist', recordIds: [id] })]));
    expect(c.provisional).toBeUndefined();

    const notes = (
      ok(await http('GET', `/v1/notifications?mineId=${FLOW}&limit=200`, { token: admin })).items as any[]
    ).filter((n) => n.kind === 'blacklist.published');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'critical', ref: { entityType: 'blacklistEntry', entityId: id } });
    expect(notes[0].recipients).toEqual(
      expect.arrayContaining([
        { type: 'mine', mineId: FLOW },
        expect.objectContaining({ type: 'partner', code: 'natural-resources' }),
      ]),
    );
  });

  it('every step is in the entry’s history and in the mine’s audit events; the bureau list finds it', async () => {
    const e = await entry(id, legal);
    expect(e.steps.map((s: any) => s.action)).toEqual([
      'propose',
      'serve_notice',
      'record_objection',
      'answer_objection',
      'submit_review',
      'approve',
    ]);
    expect(e.steps.at(-1)).toMatchObject({ by: { sub: 'dev-legal_reviewer', role: 'legal_reviewer' } });
    expect(await auditActions(FLOW, id)).toEqual([
      'blacklist.approve',
      'blacklist.submit_review',
      'blacklist.answer_objection',
      'blacklist.record_objection',
      'blacklist.serve_notice',
      'blacklist.propose',
    ]);
    const listed = ok(await http('GET', `/v1/blacklist?status=published&mineId=${FLOW}`, { token: inspector }))
      .items as any[];
    expect(listed.map((x) => x.entryId)).toEqual([id]);
    expect(ok(await http('GET', `/v1/blacklist?status=proposed&mineId=${FLOW}`, { token: inspector })).items).toEqual(
      [],
    );
  });

  it('early removal is refused before 12 months, naming the earliest day', async () => {
    const early = await act(
      id,
      { action: 'request_removal', version: 6, reason: '已整改', evidence: ['整改报告'] },
      inspector,
    );
    expectProblem(early, 422);
    expect(early.body.detail).toContain(addMonths(today, 12));
    expect(await entry(id)).toMatchObject({ status: 'published', version: 6 });
    expect(ok(await checkEnterprise(CODES[FLOW]!, 'safety_licence')).restricted).toBe(true);
  });
});

describe('early removal after 12 months, with a second signature, and its revocation', () => {
  const listedOn = addMonths(today, -13);
  const DECISION = '（鹤东）煤安失信〔2024〕7号';
  let id: string;
  let endsOn: string;

  it('listed 13 months ago: D, restricted, public', async () => {
    const proposed = ok(
      await propose(
        {
          subjectType: 'enterprise',
          mineId: REPAIR,
          grounds: ['STOPPED_MINE_PRODUCING'],
          note: '停产整顿期间擅自组织生产',
        },
        admin,
      ),
      201,
    );
    id = proposed.entryId;
    expect(proposed.scopes).toEqual(['project_approval', 'design_approval', 'safety_licence', 'qualification']);
    const published = await publish(id, { servedOn: addDays(listedOn, -10), listedOn, decisionNo: DECISION });
    endsOn = addMonths(listedOn, 36);
    expect(published).toMatchObject({ status: 'published', listedOn, endsOn, version: 4 });
    expect(ok(await checkEnterprise(CODES[REPAIR]!, 'qualification')).restricted).toBe(true);
    expect((await credit(REPAIR)).tier).toBe('D');
  });

  it('the request needs evidence; the requester may not approve it; a legal reviewer removes the entry', async () => {
    expectProblem(
      await act(id, { action: 'request_removal', version: 4, reason: '已完成信用修复', evidence: [] }, inspector),
      400,
      ['body.evidence'],
    );
    const requested = ok(
      await act(
        id,
        {
          action: 'request_removal',
          version: 4,
          reason: '已完成信用修复',
          evidence: ['信用修复承诺书', '整改验收意见'],
        },
        inspector,
      ),
    );
    expect(requested).toMatchObject({
      status: 'published',
      removalRequest: {
        reason: '已完成信用修复',
        evidence: ['信用修复承诺书', '整改验收意见'],
        requestedBy: { sub: 'dev-inspector' },
      },
      version: 5,
    });
    // Still listed while the request waits.
    expect(ok(await checkEnterprise(CODES[REPAIR]!, 'safety_licence')).restricted).toBe(true);
    expectProblem(
      await act(id, { action: 'request_removal', version: 5, reason: '再次申请', evidence: ['x'] }, admin),
      422,
    );

    // The requester, even holding a legal reviewer's token, may not sign second; nor may an inspector approve.
    const byRequester = await act(id, { action: 'approve_removal', version: 5 }, inspectorAsLegal);
    expectProblem(byRequester, 422, ['principal']);
    expect(byRequester.body.detail).toContain('申请人');
    expectProblem(await act(id, { action: 'approve_removal', version: 5 }, inspector), 422, ['principal']);

    const removed = ok(
      await act(id, { action: 'approve_removal', version: 5, note: '修复材料真实，同意提前移出' }, legal2),
    );
    expect(removed).toMatchObject({
      status: 'removed',
      statusLabel: '提前移出（信用修复）',
      removedOn: today,
      endsOn,
      version: 6,
    });
    expect(removed.removalRequest).toBeUndefined();

    expect(ok(await checkEnterprise(CODES[REPAIR]!, 'safety_licence'))).toMatchObject({
      restricted: false,
      entries: [],
    });
    expectProblem(await http('GET', `/v1/public/blacklist/${id}`), 404);
    expect((await publicList()).map((e) => e.entryId)).not.toContain(id);
    const c = await credit(REPAIR);
    expect(c.tier).not.toBe('D');
    expect(c.forced.map((f: any) => f.rule)).not.toContain('blacklist');
  });

  it('a removal resting on forged material is revoked with two signatures: one person’s revoke_removal revokes nothing', async () => {
    expectProblem(
      await act(id, { action: 'revoke_removal', version: 6, reason: '修复材料系伪造', evidence: [] }, admin),
      400,
      ['body.evidence'],
    );
    expectProblem(
      await act(
        id,
        { action: 'revoke_removal', version: 6, reason: '修复材料系伪造', evidence: ['核查报告'] },
        inspector,
      ),
      422,
      ['principal'],
    );
    // The first signature: the leader proposes it. The entry stays removed, the enterprise unrestricted.
    const proposed = ok(
      await act(
        id,
        {
          action: 'revoke_removal',
          version: 6,
          reason: '修复材料系伪造',
          evidence: ['核查报告（鹤东煤安〔2025〕3号）'],
        },
        admin,
      ),
    );
    expect(proposed).toMatchObject({
      status: 'removed',
      removedOn: today,
      revocationRequest: {
        reason: '修复材料系伪造',
        evidence: ['核查报告（鹤东煤安〔2025〕3号）'],
        requestedBy: { sub: 'dev-bureau_admin' },
      },
      version: 7,
    });
    expect(ok(await checkEnterprise(CODES[REPAIR]!, 'safety_licence')).restricted).toBe(false);
    expectProblem(await http('GET', `/v1/public/blacklist/${id}`), 404);
    expectProblem(
      await act(id, { action: 'revoke_removal', version: 7, reason: '再次提请', evidence: ['x'] }, legal),
      422,
    );

    // The same person may not sign twice: not as the leader, nor holding a legal reviewer's token too.
    expectProblem(await act(id, { action: 'approve_revocation', version: 7 }, admin), 422, ['principal']);
    const samePerson = await rt.token({ role: 'legal_reviewer', jurisdiction: DEMO, sub: 'dev-bureau_admin' });
    const bySamePerson = await act(id, { action: 'approve_revocation', version: 7 }, samePerson);
    expectProblem(bySamePerson, 422, ['principal']);
    expect(bySamePerson.body.detail).toContain('撤销提请人');
    expect((await entry(id)).status).toBe('removed');

    // The second signature, by a legal reviewer who did not propose it.
    const back = ok(await act(id, { action: 'approve_revocation', version: 7, note: '经核查属实' }, legal));
    expect(back).toMatchObject({ status: 'published', listedOn, endsOn, decisionNo: DECISION, version: 8 });
    expect(back.removedOn).toBeUndefined();
    expect(back.revocationRequest).toBeUndefined();

    expect(ok(await checkEnterprise(CODES[REPAIR]!, 'safety_licence'))).toMatchObject({
      restricted: true,
      entries: [expect.objectContaining({ entryId: id, endsOn, decisionNo: DECISION })],
    });
    expect(ok(await http('GET', `/v1/public/blacklist/${id}`))).toMatchObject({ entryId: id, listedOn, endsOn });
    expect((await credit(REPAIR)).tier).toBe('D');
    // Still the subject's one open entry.
    expectProblem(
      await propose({ subjectType: 'enterprise', mineId: REPAIR, grounds: ['REFUSING_PENALTY'], note: '再次提出' }),
      409,
    );

    const e = await entry(id);
    expect(e.steps.map((s: any) => s.action)).toEqual([
      'propose',
      'serve_notice',
      'submit_review',
      'approve',
      'request_removal',
      'approve_removal',
      'revoke_removal',
      'approve_revocation',
    ]);
    expect(e.steps.find((s: any) => s.action === 'request_removal').evidence).toEqual([
      '信用修复承诺书',
      '整改验收意见',
    ]);
    expect(await auditActions(REPAIR, id)).toEqual([
      'blacklist.approve_revocation',
      'blacklist.revoke_removal',
      'blacklist.approve_removal',
      'blacklist.request_removal',
      'blacklist.approve',
      'blacklist.submit_review',
      'blacklist.serve_notice',
      'blacklist.propose',
    ]);
  });
});

describe('a key person (关键少数)', () => {
  let personId: string;
  let id: string;

  it('registered with a valid resident ID, proposed, published; the partner check by resident ID answers restricted', async () => {
    const person = ok(
      await watched('POST', `/v1/mines/${PERSON}/persons`, {
        token: admin,
        body: { role: 'mine_manager', name: NAME, residentId: RESIDENT_ID },
      }),
      201,
    );
    expect(person).toMatchObject({ role: 'mine_manager', name: NAME, residentIdMasked: MASKED });
    personId = person.personId;

    const proposed = ok(
      await propose(
        {
          subjectType: 'person',
          mineId: PERSON,
          personId,
          grounds: ['ACCIDENT_CONCEALED'],
          scopes: ['qualification'],
          note: '矿长组织瞒报事故',
        },
        inspector,
        watched,
      ),
      201,
    );
    id = proposed.entryId;
    expect(proposed).toMatchObject({
      subjectType: 'person',
      subjectName: NAME,
      creditCode: CODES[PERSON],
      enterpriseName: ENTERPRISES[PERSON],
      person: { personId, role: 'mine_manager', roleLabel: expect.any(String), residentIdMasked: MASKED },
      scopes: ['qualification'],
      status: 'proposed',
    });
    expect(Object.keys(proposed.person).sort()).toEqual(['personId', 'residentIdMasked', 'role', 'roleLabel']);
    // The same person again: one open entry per subject.
    expectProblem(
      await propose(
        { subjectType: 'person', mineId: PERSON, personId, grounds: ['MAJOR_ACCIDENT'], note: '再次提出' },
        admin,
        watched,
      ),
      409,
    );

    const published = await publish(id, { decisionNo: '（鹤东）煤安失信〔2025〕2号', via: watched });
    expect(published).toMatchObject({ status: 'published', listedOn: today, person: { residentIdMasked: MASKED } });

    const shown = {
      entryId: id,
      subjectType: 'person',
      name: NAME,
      residentIdMasked: MASKED,
      grounds: published.grounds,
      decisionNo: '（鹤东）煤安失信〔2025〕2号',
      listedOn: today,
      endsOn: addMonths(today, 36),
      restrictions: ['从业资格准入'],
    };
    expect(ok(await checkPerson(NAME, RESIDENT_ID, 'qualification', partner, watched))).toEqual({
      checkId: expect.stringMatching(/^chk-/),
      restricted: true,
      subjectType: 'person',
      scope: 'qualification',
      checkedOn: today,
      entries: [shown],
    });
    // As typed with a lower-case x.
    expect(ok(await checkPerson(NAME, RESIDENT_ID.toLowerCase(), 'qualification', partner, watched)).restricted).toBe(
      true,
    );
    expect(ok(await checkPerson(NAME, RESIDENT_ID, 'safety_licence', partner, watched))).toMatchObject({
      restricted: false,
      entries: [],
    });
    // Listing the person does not list the enterprise.
    expect(ok(await checkEnterprise(CODES[PERSON]!, 'qualification')).restricted).toBe(false);
    // Another person is not restricted.
    const other = '11010519800101123';
    expect(
      ok(await checkPerson(NAME, other + residentIdCheckChar(other), 'qualification', partner, watched)).restricted,
    ).toBe(false);

    // The public list: the name and the masked ID (digits 7–14 hidden), nothing else about the person.
    const listed = (await publicList(watched)).find((e) => e.entryId === id);
    expect(listed).toEqual(shown);
    expect(listed.residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(ok(await watched('GET', `/v1/public/blacklist/${id}`))).toEqual(shown);

    // The bureau's views of the same flow (also swept below).
    const e = ok(await watched('GET', `/v1/blacklist/${id}`, { token: legal }));
    expect(e.person).toEqual({
      personId,
      role: 'mine_manager',
      roleLabel: expect.any(String),
      residentIdMasked: MASKED,
    });
    ok(await watched('GET', '/v1/blacklist?subjectType=person&limit=200', { token: admin }));
    ok(await watched('GET', `/v1/mines/${PERSON}/persons`, { token: admin }));
    ok(await watched('GET', `/v1/mines/${PERSON}/persons/${personId}`, { token: inspector }));
    expect(await auditActions(PERSON, id, watched)).toEqual([
      'blacklist.approve',
      'blacklist.submit_review',
      'blacklist.serve_notice',
      'blacklist.propose',
    ]);
    const notes = (
      ok(await watched('GET', `/v1/notifications?mineId=${PERSON}&limit=200`, { token: admin })).items as any[]
    ).filter((n) => n.kind === 'blacklist.published');
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain(MASKED);
  });

  it('no full resident ID (nor its birth-date digits) leaves the API: not in any reply of the flow, nor in the errors of bad requests, nor in the OpenAPI document', async () => {
    const q = (query: string) => watched('GET', `/v1/blacklist/check?${query}`, { token: partner });
    const N = `name=${encodeURIComponent(NAME)}`;
    const id17 = RESIDENT_ID.slice(0, 17);
    const wrongCheck = `${id17}${residentIdCheckChar(id17) === '0' ? '1' : '0'}`;
    expectProblem(await q(`subjectType=person&${N}&residentId=${id17}&scope=qualification`), 400, ['query.residentId']);
    expectProblem(await q(`subjectType=person&${N}&residentId=${wrongCheck}&scope=qualification`), 400, [
      'query.residentId',
    ]);
    expectProblem(await q(`subjectType=person&${N}&residentId=${RESIDENT_ID}1&scope=qualification`), 400, [
      'query.residentId',
    ]);
    expectProblem(
      await q(`subjectType=person&${N}&residentId=${RESIDENT_ID}&creditCode=${CODES[PERSON]}&scope=qualification`),
      400,
      ['query.residentId'],
    );
    expectProblem(
      await q(`subjectType=enterprise&residentId=${RESIDENT_ID}&creditCode=${CODES[PERSON]}&scope=qualification`),
      400,
      ['query.creditCode'],
    );
    expectProblem(await q(`subjectType=enterprise&residentId=${RESIDENT_ID}&scope=qualification`), 400, [
      'query.creditCode',
    ]);
    expectProblem(await q(`subjectType=person&${N}&residentId=${RESIDENT_ID}`), 400, ['query.scope']);
    expectProblem(await q(`subjectType=person&${N}&residentId=${RESIDENT_ID}&scope=driving`), 400, ['query.scope']);
    expectProblem(await q(`subjectType=robot&residentId=${RESIDENT_ID}&scope=qualification`), 400, [
      'query.subjectType',
    ]);
    // A person needs the name too; an enterprise takes none; a name past 50 characters, or blank, is refused.
    expectProblem(await q(`subjectType=person&residentId=${RESIDENT_ID}&scope=qualification`), 400, ['query.name']);
    expectProblem(await q(`subjectType=enterprise&creditCode=${CODES[PERSON]}&scope=qualification&${N}`), 400, [
      'query.name',
    ]);
    expectProblem(
      await q(
        `subjectType=person&name=${encodeURIComponent('张'.repeat(51))}&residentId=${RESIDENT_ID}&scope=qualification`,
      ),
      400,
      ['query.name'],
    );
    expectProblem(await q(`subjectType=person&name=%20&residentId=${RESIDENT_ID}&scope=qualification`), 400, [
      'query.name',
    ]);
    // The ID typed where the name belongs: refused, and not repeated (the record would have kept it).
    expectProblem(
      await q(`subjectType=person&name=${RESIDENT_ID}&residentId=${RESIDENT_ID}&scope=qualification`),
      400,
      ['query.name'],
    );
    expectProblem(await q(`subjectType=person&${N}&residentId=${RESIDENT_ID}&scope=qualification&extra=x`), 400, [
      'query.extra',
    ]);
    // The ID where a person id belongs (it fits the id pattern once lower-cased), and an id that names no one.
    const asId = RESIDENT_ID.toLowerCase();
    expectProblem(
      await propose(
        { subjectType: 'person', mineId: PERSON, personId: asId, grounds: ['MAJOR_ACCIDENT'], note: '误填身份证号' },
        admin,
        watched,
      ),
      404,
    );
    expectProblem(
      await propose(
        {
          subjectType: 'person',
          mineId: PERSON,
          personId: 'p-nosuch-mine-manager',
          grounds: ['MAJOR_ACCIDENT'],
          note: 'x',
        },
        admin,
        watched,
      ),
      404,
    );
    expectProblem(
      await propose({ subjectType: 'person', mineId: PERSON, grounds: ['MAJOR_ACCIDENT'], note: 'x' }, admin, watched),
      400,
      ['body.personId'],
    );
    expectProblem(
      await propose(
        { subjectType: 'enterprise', mineId: PERSON, personId, grounds: ['MAJOR_ACCIDENT'], note: 'x' },
        admin,
        watched,
      ),
      400,
      ['body.personId'],
    );
    expectProblem(
      await propose(
        { subjectType: 'person', mineId: PERSON, residentId: RESIDENT_ID, grounds: ['MAJOR_ACCIDENT'], note: 'x' },
        admin,
        watched,
      ),
      400,
      ['body.residentId'],
    );
    // Registering the same person twice, and a wrong check character at registration.
    expectProblem(
      await watched('POST', `/v1/mines/${PERSON}/persons`, {
        token: admin,
        body: { role: 'mine_manager', name: NAME, residentId: RESIDENT_ID },
      }),
      409,
    );
    expectProblem(
      await watched('POST', `/v1/mines/${PERSON}/persons`, {
        token: admin,
        body: { role: 'chief_engineer', name: NAME, residentId: wrongCheck },
      }),
      400,
      ['body.residentId'],
    );
    // The partner asking for the entry itself.
    expectProblem(await watched('GET', `/v1/blacklist/${id}`, { token: partner }), 403);
    ok(await watched('GET', '/openapi.json'));

    expect(transcript.length).toBeGreaterThan(30);
    for (const reply of transcript) {
      expect(reply).not.toContain(RESIDENT_ID);
      expect(reply.toUpperCase()).not.toContain(RESIDENT_ID);
      expect(reply).not.toContain(id17);
      expect(reply).not.toContain(BIRTH_DIGITS);
    }
    // The masked form is what was shown.
    expect(transcript.some((r) => r.includes(MASKED))).toBe(true);
  });
});

/**
 * Waits, if need be, until at least `seconds` are left in the current clock hour, so that a run of checks falls in
 * one quota window (the quota counts per hour).
 */
async function clearOfTheHour(seconds: number): Promise<void> {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

describe('the partner check is not an oracle for a listed person’s ID', () => {
  const WALKER = 'partner-walker';
  const PROBE = 'partner-probe';
  let walker: string;
  let probe: string;
  let entryId: string;
  /** The IDs the public list cannot tell from the listed one: its visible digits, other birth dates, the same check character. */
  const lookalikes: string[] = [];
  for (let d = new Date('1960-01-01T00:00:00Z'); lookalikes.length < 70; d.setUTCDate(d.getUTCDate() + 1)) {
    const first17 = `${RESIDENT_ID.slice(0, 6)}${d.toISOString().slice(0, 10).replaceAll('-', '')}${RESIDENT_ID.slice(14, 17)}`;
    if (residentIdCheckChar(first17) === RESIDENT_ID.slice(17)) lookalikes.push(`${first17}${RESIDENT_ID.slice(17)}`);
  }
  const replies: string[] = [];
  const kept = (reply: Reply): Reply => {
    replies.push(JSON.stringify({ status: reply.status, headers: [...reply.headers.entries()], body: reply.body }));
    return reply;
  };
  const checksOf = async (caller: string, token = admin) =>
    ok(kept(await http('GET', `/v1/blacklist-checks?caller=${caller}&limit=200`, { token }))).items as any[];

  beforeAll(async () => {
    walker = await rt.token({ role: 'partner_dept', sub: WALKER, name: '某协同部门（测试）' });
    probe = await rt.token({ role: 'partner_dept', sub: PROBE, name: '自然资源局（测试）' });
    entryId = (
      ok(await http('GET', `/v1/blacklist?mineId=${PERSON}&subjectType=person`, { token: admin })).items as any[]
    )[0].entryId;
  });

  it('every lookalike reads the same on the public list as the listed ID', () => {
    expect(lookalikes).toHaveLength(70);
    expect(new Set(lookalikes.map((i) => `${i.slice(0, 6)}********${i.slice(14)}`))).toEqual(new Set([MASKED]));
    expect(lookalikes).not.toContain(RESIDENT_ID);
  });

  it('the right ID with a wrong name answers exactly as a person never listed; the right name as typed finds it', async () => {
    const wrongName = ok(kept(await checkPerson('名单测试李某', RESIDENT_ID, 'qualification', probe)));
    const stranger = ok(kept(await checkPerson(NAME, lookalikes[69]!, 'qualification', probe)));
    const { checkId: _a, ...answer } = wrongName;
    const { checkId: _b, ...strangerAnswer } = stranger;
    expect(answer).toEqual({
      restricted: false,
      subjectType: 'person',
      scope: 'qualification',
      checkedOn: today,
      entries: [],
    });
    expect(strangerAnswer).toEqual(answer);
    // Spaces, an ideographic space, as a clerk may type the name: the same name.
    expect(ok(kept(await checkPerson(' 名单测试 张某\u3000', RESIDENT_ID, 'qualification', probe))).restricted).toBe(
      true,
    );
  });

  it('walking the birth dates gets 429 with Retry-After after 60 person checks in the hour, even for the right ID', {
    timeout: 180_000,
  }, async () => {
    await clearOfTheHour(90);
    for (const id of lookalikes.slice(0, 60)) {
      const answer = ok(kept(await checkPerson(NAME, id, 'qualification', walker)));
      expect(answer.restricted).toBe(false);
    }
    const refused = kept(await checkPerson(NAME, RESIDENT_ID, 'qualification', walker));
    expectProblem(refused, 429);
    expect(refused.body).toMatchObject({
      type: 'urn:coalsafe:problem:too-many-requests',
      detail: expect.stringContaining('60'),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    const toNextHour = (3_600_000 - (Date.now() % 3_600_000)) / 1000;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(Math.abs(retryAfter - toNextHour)).toBeLessThan(10);
    expectProblem(kept(await checkPerson(NAME, lookalikes[60]!, 'qualification', walker)), 429);
    // Per caller: another department is still answered; enterprises, public data, take no quota.
    expect(ok(kept(await checkPerson(NAME, RESIDENT_ID, 'qualification', probe))).restricted).toBe(true);
    expect(ok(kept(await checkEnterprise(CODES[FLOW]!, 'safety_licence', walker))).restricted).toBe(true);
  });

  it('the published reference names the 429 and its Retry-After on the check, and on no route without a quota', async () => {
    const reference = ok(await http('GET', '/openapi.json', {}));
    const limited = Object.entries(reference.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => String(op.responses?.['429']?.description ?? '').includes('Quota used up'))
        .map(([method, op]) => [`${method.toUpperCase()} ${path}`, op.responses['429']] as const),
    );
    // The check's hourly quota, and the public tip-off's per-source quota (tests/e2e/tipoffs.test.ts).
    expect(limited.map(([route]) => route).sort()).toEqual([
      'GET /v1/blacklist/check',
      'GET /v1/public/tipoffs/challenge',
      'POST /v1/public/tipoffs',
      'POST /v1/public/tipoffs/uploads/confirm',
    ]);
    for (const [, answer] of limited) expect(answer.headers['Retry-After'].schema).toEqual({ type: 'integer' });
  });

  it('every check answered is in the bureau’s list with the ID masked, the caller and the answer; the refused are not', async () => {
    const all = await checksOf(WALKER);
    // The enterprise check is recorded too (it is about an enterprise listed here).
    expect(all.filter((c) => c.subjectType === 'enterprise').map((c) => [c.creditCode, c.restricted])).toEqual([
      [CODES[FLOW], true],
    ]);
    const walked = all.filter((c) => c.subjectType === 'person');
    expect(walked).toHaveLength(60);
    for (const c of walked)
      expect(c).toEqual({
        checkId: expect.stringMatching(/^chk-/),
        at: expect.any(String),
        checkedOn: today,
        caller: { sub: WALKER, role: 'partner_dept', name: '某协同部门（测试）' },
        subjectType: 'person',
        scope: 'qualification',
        subjectName: NAME,
        residentIdMasked: MASKED,
        restricted: false,
        entryIds: [],
        jurisdiction: DEMO,
      });
    const probed = await checksOf(PROBE, legal);
    expect(probed.map((c) => [c.subjectName, c.restricted, c.entryIds])).toEqual([
      [NAME, true, [entryId]],
      [' 名单测试 张某'.trim(), true, [entryId]],
      [NAME, false, []],
      ['名单测试李某', false, []],
    ]);
    // Another district’s bureau sees none of them; the partner may not read the record.
    expect(await checksOf(WALKER, otherDistrict)).toEqual([]);
    expectProblem(kept(await http('GET', '/v1/blacklist-checks', { token: walker })), 403);
  });

  it('the district’s leaders are told once that the caller keeps missing a listed person', async () => {
    const alerts = (
      ok(kept(await http('GET', `/v1/notifications?jurisdiction=${DEMO}&limit=200`, { token: admin }))).items as any[]
    ).filter((n) => n.kind === 'blacklist.check_alert');
    expect(alerts.filter((n) => n.body.includes(WALKER))).toHaveLength(1);
    expect(alerts.filter((n) => n.body.includes(PROBE))).toHaveLength(0);
    expect(alerts[0]).toMatchObject({ recipients: [{ type: 'leaders', jurisdiction: DEMO }], severity: 'warning' });
  });

  it('no reply repeated a full ID or a birth date tried', () => {
    expect(replies.length).toBeGreaterThan(65);
    const all = replies.join('\n');
    for (const id of [RESIDENT_ID, ...lookalikes]) {
      expect(all).not.toContain(id);
      expect(all).not.toContain(id.slice(6, 14));
    }
    expect(all).toContain(MASKED);
  });
});

/**
 * A partner's refused calls count toward its fair use too: past its burst it waits, as a client must. Only the
 * per-second fair use; the check's hourly quota is what some tests are after.
 */
async function untilAllowed(ask: () => Promise<Reply>): Promise<Reply> {
  let reply = await ask();
  while (reply.status === 429 && String(reply.body?.detail ?? '').includes('每秒不超过')) {
    await new Promise((r) => setTimeout(r, Number(reply.headers.get('retry-after')) * 1000));
    reply = await ask();
  }
  return reply;
}

describe('the partner department reaches nothing but the check', () => {
  const dummy = (name: string) => (name === 'year' ? '2025' : `x-${name.toLowerCase()}-1`);
  it('every non-public route other than checkBlacklist answers 403 to partner_dept, the reference lists too', async () => {
    const routes = ALL_ROUTES.filter((r) => r.roles !== 'public' && r.operationId !== 'checkBlacklist');
    expect(routes.length).toBeGreaterThan(40);
    const refused: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => dummy(name));
      const ask = () =>
        http(route.method, path, {
          token: partner,
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { body: {} } : {}),
        });
      const reply = await untilAllowed(ask);
      expect(
        reply.status,
        `${route.operationId} ${route.method} ${path}: ${JSON.stringify(reply.body).slice(0, 200)}`,
      ).toBe(403);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reply.body.status).toBe(403);
      refused.push(route.operationId);
    }
    expect(refused).toEqual(
      expect.arrayContaining([
        'listBlacklistEntries',
        'getBlacklistEntry',
        'actOnBlacklistEntry',
        'proposeBlacklistEntry',
        'getBlacklistPolicy',
        'listMines',
        'listNotifications',
        'listHazardStandards',
        'listViolationCategories',
      ]),
    );
    // The one route it has, and the public ones.
    expect(ok(await untilAllowed(() => checkEnterprise(CODES[FLOW]!, 'safety_licence'))).restricted).toBe(true);
    ok(await untilAllowed(() => http('GET', '/v1/public/blacklist', { token: partner })));
  });
});

describe('the nightly expiry (Asia/Shanghai)', () => {
  let id: string;
  let endsOn: string;

  it('an entry ending tomorrow stays listed when the job runs today, and leaves the list when it runs on its end date', async () => {
    // Listed 36 months before tomorrow (a day later if month-end arithmetic would end it today).
    let listedOn = addMonths(addDays(today, 1), -36);
    while (addMonths(listedOn, 36) <= today) listedOn = addDays(listedOn, 1);
    endsOn = addMonths(listedOn, 36);
    expect(endsOn > today).toBe(true);

    const proposed = ok(
      await propose({
        subjectType: 'enterprise',
        mineId: EXPIRY,
        grounds: ['CLOSED_MINE_REVIVED'],
        note: '已关闭煤矿擅自恢复生产',
      }),
      201,
    );
    id = proposed.entryId;
    const published = await publish(id, {
      servedOn: addDays(listedOn, -10),
      listedOn,
      decisionNo: '（鹤东）煤安失信〔2022〕9号',
    });
    expect(published).toMatchObject({ status: 'published', listedOn, endsOn });
    expect(ok(await checkEnterprise(CODES[EXPIRY]!, 'safety_licence')).restricted).toBe(true);

    // The day before the end date: nothing leaves.
    const before = (await rt.runJob(JOB, addDays(endsOn, -1))) as { expired: string[] };
    expect(before.expired).not.toContain(id);
    expect(await entry(id)).toMatchObject({ status: 'published', endsOn });
    expect(ok(await checkEnterprise(CODES[EXPIRY]!, 'safety_licence')).restricted).toBe(true);
    expect((await publicList()).map((e) => e.entryId)).toContain(id);

    // On the end date: expired, gone from the public list and the check.
    const on = (await rt.runJob(JOB, endsOn)) as { expired: string[] };
    expect(on.expired).toEqual([id]);
    const expired = await entry(id);
    expect(expired).toMatchObject({ status: 'expired', statusLabel: '期满移出', expiredOn: endsOn, endsOn });
    expect(expired.steps.at(-1)).toMatchObject({ action: 'expire', by: { role: 'system' } });
    expect(ok(await checkEnterprise(CODES[EXPIRY]!, 'safety_licence'))).toMatchObject({
      restricted: false,
      entries: [],
    });
    expectProblem(await http('GET', `/v1/public/blacklist/${id}`), 404);
    expect((await publicList()).map((e) => e.entryId)).not.toContain(id);
    expect(await auditActions(EXPIRY, id)).toContain('blacklist.expire');

    // Run again: nothing more to do; the subject may be proposed again.
    expect(((await rt.runJob(JOB, endsOn)) as { expired: string[] }).expired).toEqual([]);
    const again = ok(
      await propose({
        subjectType: 'enterprise',
        mineId: EXPIRY,
        grounds: ['CLOSED_MINE_REVIVED'],
        note: '再次死灰复燃',
      }),
      201,
    );
    ok(await act(again.entryId, { action: 'withdraw', version: 1, reason: '另案处理' }, inspector));
  });
});

describe('refusals', () => {
  let id: string;

  it('the wrong state → 422; the window still open names its deadline; an upheld objection blocks review; stale versions → 409', async () => {
    const proposed = ok(
      await propose({
        subjectType: 'enterprise',
        mineId: STATES,
        grounds: ['OPERATING_WITHOUT_PERMIT'],
        note: '无证开采',
      }),
      201,
    );
    id = proposed.entryId;
    expectProblem(await act(id, { action: 'approve', version: 1, decisionNo: 'X-1' }, legal), 422, ['body.action']);
    expectProblem(await act(id, { action: 'submit_review', version: 1 }, inspector), 422, ['body.action']);
    expectProblem(
      await act(id, { action: 'request_removal', version: 1, reason: 'x', evidence: ['x'] }, inspector),
      422,
      ['body.action'],
    );
    expectProblem(await act(id, { action: 'serve_notice', version: 1, servedOn: addDays(today, 1) }, inspector), 400, [
      'body.servedOn',
    ]);
    expectProblem(await act(id, { action: 'serve_notice', version: 1, servedOn: '2025-02-30' }, inspector), 400, [
      'body.servedOn',
    ]);
    expectProblem(await act(id, { action: 'serve_notice', version: 1, servedOn: today, extra: 1 }, inspector), 400, [
      'body.extra',
    ]);
    expectProblem(await act(id, { action: 'promote', version: 1 }, inspector), 400);
    expectProblem(await act(id, { action: 'serve_notice', version: 7, servedOn: today }, inspector), 409, [
      'body.version',
    ]);
    // The legal reviewer does not serve notices.
    expectProblem(await act(id, { action: 'serve_notice', version: 1, servedOn: today }, legal), 422, ['principal']);

    // Served today: the window runs 7 days, and the review must wait for it.
    const deadline = addDays(today, 7);
    ok(await act(id, { action: 'serve_notice', version: 1, servedOn: today }, inspector));
    const tooEarly = await act(id, { action: 'submit_review', version: 2 }, inspector);
    expectProblem(tooEarly, 422, ['body.action']);
    expect(tooEarly.body.detail).toContain(deadline);
    expectProblem(await act(id, { action: 'serve_notice', version: 2, servedOn: today }, inspector), 422);
    expectProblem(
      await act(
        id,
        { action: 'answer_objection', version: 2, objectionId: 'obj-none', answer: 'x', upheld: false },
        inspector,
      ),
      422,
      ['body.objectionId'],
    );
    ok(await act(id, { action: 'withdraw', version: 2, reason: '改为另案处理' }, admin));
    expect(await entry(id)).toMatchObject({ status: 'withdrawn', version: 3 });
    expectProblem(await act(id, { action: 'withdraw', version: 3, reason: '再撤' }, admin), 422);

    // Withdrawn, the subject may be proposed again; an upheld statement blocks the review, a late one is refused.
    const next = ok(
      await propose({
        subjectType: 'enterprise',
        mineId: STATES,
        grounds: ['OPERATING_WITHOUT_PERMIT'],
        note: '无证开采（重新提出）',
      }),
      201,
    );
    id = next.entryId;
    ok(await act(id, { action: 'serve_notice', version: 1, servedOn: daysAgo(10) }, inspector));
    expectProblem(
      await act(id, { action: 'record_objection', version: 2, receivedOn: daysAgo(1), content: '逾期申辩' }, inspector),
      422,
      ['body.receivedOn'],
    );
    const heard = ok(
      await act(
        id,
        { action: 'record_objection', version: 2, receivedOn: daysAgo(5), content: '许可证已于事发前取得' },
        inspector,
      ),
    );
    const objectionId = heard.objections[0].objectionId;
    ok(
      await act(
        id,
        { action: 'answer_objection', version: 3, objectionId, answer: '经核实许可证有效，理由成立', upheld: true },
        inspector,
      ),
    );
    expectProblem(
      await act(id, { action: 'answer_objection', version: 4, objectionId, answer: '再答', upheld: false }, inspector),
      422,
      ['body.objectionId'],
    );
    const upheld = await act(id, { action: 'submit_review', version: 4 }, inspector);
    expectProblem(upheld, 422);
    expect(upheld.body.detail).toContain('理由成立');

    // A proposal for a subject with an open entry → 409.
    expectProblem(
      await propose(
        { subjectType: 'enterprise', mineId: STATES, grounds: ['REFUSING_PENALTY'], note: '重复提出' },
        admin,
      ),
      409,
    );
    expect(
      (ok(await http('GET', `/v1/blacklist?mineId=${STATES}&limit=200`, { token: admin })).items as any[])
        .map((e) => e.status)
        .sort(),
    ).toEqual(['notice_served', 'withdrawn']);
  });

  it('bad proposals → 400 naming the field; an unknown mine or entry → 404', async () => {
    const body = { subjectType: 'enterprise', mineId: STATES, grounds: ['REFUSING_PENALTY'], note: 'x' };
    expectProblem(await propose({ ...body, grounds: [] }), 400, ['body.grounds']);
    expectProblem(await propose({ ...body, grounds: ['LATE_REPORT'] }), 400, ['body.grounds.0']);
    expectProblem(await propose({ ...body, scopes: ['driving'] }), 400, ['body.scopes.0']);
    expectProblem(await propose({ ...body, subjectType: 'robot' }), 400, ['body.subjectType']);
    expectProblem(await propose({ ...body, note: '' }), 400, ['body.note']);
    expectProblem(await propose({ ...body, mineId: 'm-bl-none' }), 404);
    expectProblem(await http('GET', '/v1/blacklist/bl-none', { token: admin }), 404);
    expectProblem(await http('GET', '/v1/blacklist/BL_bad', { token: admin }), 400, ['path.entryId']);
    expectProblem(await act('bl-none', { action: 'withdraw', version: 1, reason: 'x' }, admin), 404);
    expectProblem(await http('GET', '/v1/public/blacklist/bl-none'), 404);
  });

  it('another district’s inspector finds none of these entries: 404 on each, none in its lists', async () => {
    const mine = (ok(await http('GET', '/v1/blacklist?limit=200', { token: admin })).items as any[]).map(
      (e) => e.entryId,
    );
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(ok(await http('GET', '/v1/blacklist?limit=200', { token: otherDistrict })).items).toEqual([]);
    expect(ok(await http('GET', `/v1/blacklist?jurisdiction=${DEMO}`, { token: otherDistrict })).items).toEqual([]);
    const missing = await http('GET', '/v1/blacklist/bl-does-not-exist', { token: otherDistrict });
    for (const entryId of mine) {
      const reply = await http('GET', `/v1/blacklist/${entryId}`, { token: otherDistrict });
      expectProblem(reply, 404);
      expect(reply.body.title).toBe(missing.body.title);
    }
    expectProblem(await act(id, { action: 'withdraw', version: 4, reason: '越权' }, otherDistrict), 404);
    expectProblem(
      await propose(
        { subjectType: 'enterprise', mineId: STATES, grounds: ['REFUSING_PENALTY'], note: '越权' },
        otherDistrict,
      ),
      404,
    );
    expect(await entry(id)).toMatchObject({ status: 'notice_served', version: 4 });
  });

  it('a mine user is refused every blacklist route (403); the public list needs no token', async () => {
    const flowEntry = (ok(await http('GET', `/v1/blacklist?mineId=${FLOW}`, { token: admin })).items as any[])[0]
      .entryId;
    for (const [method, path, body] of [
      ['GET', '/v1/blacklist', undefined],
      [
        'POST',
        '/v1/blacklist',
        { subjectType: 'enterprise', mineId: 'm-taiyuan', grounds: ['REFUSING_PENALTY'], note: 'x' },
      ],
      ['GET', `/v1/blacklist/${flowEntry}`, undefined],
      ['POST', `/v1/blacklist/${flowEntry}/actions`, { action: 'withdraw', version: 1, reason: 'x' }],
      ['GET', `/v1/blacklist/check?subjectType=enterprise&creditCode=${CODES[FLOW]}&scope=safety_licence`, undefined],
      ['GET', '/v1/blacklist-grounds', undefined],
      ['GET', '/v1/blacklist-checks', undefined],
      ['GET', '/v1/policies/blacklist', undefined],
      ['PUT', '/v1/policies/blacklist', { version: 0, terms: { listingYears: 1 }, reason: 'x' }],
    ] as const) {
      expectProblem(await http(method, path, { token: mineUser, ...(body ? { body } : {}) }), 403);
    }
    expectProblem(await http('GET', '/v1/blacklist'), 401);
    expectProblem(
      await http('GET', `/v1/blacklist/check?subjectType=enterprise&creditCode=${CODES[FLOW]}&scope=safety_licence`),
      401,
    );
    const listed = ok(await http('GET', '/v1/public/blacklist'));
    expect(listed.items.length).toBeGreaterThan(0);
    for (const item of listed.items)
      expect(Object.keys(item).sort()).toEqual(
        expect.arrayContaining([
          'decisionNo',
          'endsOn',
          'entryId',
          'grounds',
          'listedOn',
          'name',
          'restrictions',
          'subjectType',
        ]),
      );
    expect(
      ok(await http('GET', '/v1/blacklist-grounds', { token: inspector })).items.map((g: any) => g.code),
    ).toContain('CREDIT_TIER_D');
    expect(ok(await http('GET', '/v1/policies/blacklist', { token: legal }))).toMatchObject({
      version: 0,
      definedAt: null,
      terms: { listingYears: 3, objectionDays: 7, earlyRemovalMonths: 12 },
    });
  });
});
