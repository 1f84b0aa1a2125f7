import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Four-eyes cannot be switched off by one person, over HTTP on the local runtime (the demo district under the
 * province hlj): a leader who raises the major-fine amount alone changes nothing until a legal reviewer who is not
 * he approves it; a district cannot loosen what its province has in force; a province that tightens later holds
 * the district's looser value to its own. (Revoking an early removal with two signatures is in blacklist.test.ts.)
 */
const DEMO = 'hlj/hegang/dongshan';
const BASIS = '《煤矿安全监察条例》第四十七条';

let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let legal: string;
let inspector: string;
/** The demo leader's own person holding a legal reviewer's token too. */
let adminAsLegal: string;
let provinceAdmin: string;
let provinceLegal: string;
let serial = 0;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  legal = rt.tokens.legal_reviewer!;
  inspector = rt.tokens.inspector!;
  adminAsLegal = await rt.token({ role: 'legal_reviewer', jurisdiction: DEMO, sub: 'dev-bureau_admin' });
  provinceAdmin = await rt.token({ role: 'bureau_admin', jurisdiction: 'hlj', sub: 'province-admin' });
  provinceLegal = await rt.token({ role: 'legal_reviewer', jurisdiction: 'hlj', sub: 'province-legal' });
});
afterAll(async () => rt?.stop());

const policy = async (token = admin) => ok(await http('GET', '/v1/policies/penalty', { token }));
const putPolicy = async (thresholds: Record<string, unknown>, token = admin) =>
  http('PUT', '/v1/policies/penalty', {
    token,
    body: { version: (await policy(token)).ownVersion, thresholds, reason: '按本局重大执法决定法制审核目录调整' },
  });
const decide = (changeId: string, decision: 'approve' | 'reject', body: Record<string, unknown>, token: string) =>
  http('POST', `/v1/policies/penalty/pending/${changeId}/${decision}`, { token, body });
const fine = (amountYuan: number, extra: Record<string, unknown> = {}) =>
  http('POST', '/v1/mines/m-demo04/penalties', {
    token: inspector,
    body: { kind: 'fine', amountYuan, basis: BASIS, description: `超能力组织生产 ${++serial}`, ...extra },
  });

describe('one leader raising the major-fine amount to 100,000,000 yuan', () => {
  let change: any;

  it('is kept as a pending change (202): the amount in force is unchanged, a 60,000 yuan fine still needs the legal review', async () => {
    const reply = await putPolicy({ majorFineThresholdYuan: 100_000_000 });
    change = ok(reply, 202);
    expect(change).toMatchObject({
      policy: 'penalty',
      jurisdiction: DEMO,
      status: 'pending',
      proposedBy: { sub: 'dev-bureau_admin', role: 'bureau_admin' },
      guarded: [{ path: 'majorFineThresholdYuan', from: 50_000, to: 100_000_000 }],
      version: 1,
    });
    expect((await policy()).thresholds.majorFineThresholdYuan).toBe(50_000);
    const pending = ok(await http('GET', '/v1/policies/penalty/pending', { token: legal }));
    expect(pending.items.map((c: any) => c.changeId)).toEqual([change.changeId]);

    const proposed = ok(await fine(60_000), 201);
    expect(proposed).toMatchObject({ status: 'proposed', major: true });
    expect(proposed.majorReason).toContain('须经法制审核');
  });

  it('the same leader cannot approve it: 403 as a leader, 422 holding a legal reviewer’s token too', async () => {
    expectProblem(await decide(change.changeId, 'approve', { version: 1 }, admin), 403);
    const self = await decide(change.changeId, 'approve', { version: 1 }, adminAsLegal);
    expectProblem(self, 422, ['principal']);
    expect(self.body.detail).toContain('四眼原则');
    expect((await policy()).thresholds.majorFineThresholdYuan).toBe(50_000);
  });

  it('a legal reviewer of another jurisdiction cannot see or decide it: 404, as a change that does not exist', async () => {
    const elsewhere = await rt.token({ role: 'legal_reviewer', jurisdiction: 'hlj/hegang/xingshan', sub: 'xs-legal' });
    expect(ok(await http('GET', '/v1/policies/penalty/pending', { token: elsewhere })).items).toEqual([]);
    const missing = await decide('pc-does-not-exist', 'approve', { version: 1 }, elsewhere);
    const reply = await decide(change.changeId, 'approve', { version: 1 }, elsewhere);
    expectProblem(reply, 404);
    expect(reply.body.title).toBe(missing.body.title);
  });

  it('another legal reviewer approves it: the amount in force, a 60,000 yuan fine now a general penalty', async () => {
    const approved = ok(await decide(change.changeId, 'approve', { version: 1, reason: '符合本省目录' }, legal));
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: { sub: 'dev-legal_reviewer' },
      appliedVersion: 1,
    });
    expect(await policy()).toMatchObject({
      definedAt: DEMO,
      ownVersion: 1,
      thresholds: { majorFineThresholdYuan: 100_000_000 },
    });
    expect(ok(await fine(60_000, { decisionNo: `东煤罚〔2025〕${serial}号` }), 201)).toMatchObject({
      status: 'effective',
      major: false,
    });
    expectProblem(await decide(change.changeId, 'approve', { version: 2 }, legal), 422);
  });
});

describe('a district loosening what its province has in force', () => {
  it('the province tightens to 80,000 yuan with its own legal reviewer; the district’s 100,000,000 no longer takes effect', async () => {
    const change = ok(await putPolicy({ majorFineThresholdYuan: 80_000 }, provinceAdmin), 202);
    expectProblem(await decide(change.changeId, 'approve', { version: 1 }, legal), 404);
    ok(await decide(change.changeId, 'approve', { version: 1 }, provinceLegal));

    const district = await policy();
    expect(district.thresholds.majorFineThresholdYuan).toBe(80_000);
    expect(district.bounds).toContainEqual(
      expect.objectContaining({
        setting: 'majorFineThresholdYuan',
        bound: 80_000,
        boundFrom: { definedAt: 'hlj', version: 1 },
        clamped: true,
      }),
    );
    expect(ok(await fine(90_000), 201)).toMatchObject({ status: 'proposed', major: true });
  });

  it('is a 422 naming the field, with the bound and whose it is, and nothing is filed', async () => {
    const reply = await putPolicy({ majorFineThresholdYuan: 90_000 });
    expectProblem(reply, 422, ['body.thresholds.majorFineThresholdYuan']);
    expect(reply.body.detail).toContain('不得高于 80000');
    expect(reply.body.detail).toContain('hlj');
    const kinds = await putPolicy({ majorKinds: ['licence_action'] });
    expectProblem(kinds, 422, ['body.thresholds.majorKinds']);
    expect(ok(await http('GET', '/v1/policies/penalty/pending', { token: legal })).items).toEqual([]);
  });

  it('a tighter amount is proposed as usual (202), for a legal reviewer to approve', async () => {
    ok(await putPolicy({ majorFineThresholdYuan: 30_000 }), 202);
  });
});
