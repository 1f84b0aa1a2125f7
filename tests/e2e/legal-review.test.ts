import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/**
 * GET /v1/legal-review/queue over HTTP on the local runtime with the demo district: everything waiting for a legal
 * reviewer in one answer — the demo's penalty under review and blacklist proposal, a tier override and a policy
 * change proposed here — and nothing once decided. Who may read it, and that another jurisdiction's waiting items
 * stay out, is in the tenancy matrix (tests/e2e/tenancy-jurisdiction.test.ts).
 */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let admin: string;
let legal: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  admin = rt.tokens.bureau_admin!;
  legal = rt.tokens.legal_reviewer!;
});
afterAll(async () => rt?.stop());

const queue = async (token = legal) => ok(await http('GET', '/v1/legal-review/queue', { token }));

describe('the legal review queue', () => {
  it('holds every kind waiting for the review, and lets each go once decided', async () => {
    const override = ok(
      await http('POST', '/v1/mines/m-demo05/credit/overrides', {
        token: admin,
        body: { tier: 'C', reason: '多次超定员生产（演示）', endsOn: addDays(todayInShanghai(), 90) },
      }),
      201,
    );
    const policy = ok(await http('GET', '/v1/policies/penalty', { token: admin }));
    const put = await http('PUT', '/v1/policies/penalty', {
      token: admin,
      body: { version: policy.version, thresholds: { majorFineThresholdYuan: 30_000 }, reason: '收紧重大罚款标准' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(202);
    const changeId = put.body.changeId;

    const before = await queue();
    expect(before.penalties.map((p: any) => [p.mineId, p.status])).toContainEqual(['m-demo11', 'under_review']);
    expect(before.blacklist.map((e: any) => e.status)).toContain('under_review');
    expect(before.overrides.map((o: any) => o.overrideId)).toEqual([override.overrideId]);
    const penaltyChanges = before.policyChanges.find((p: any) => p.policy === 'penalty');
    expect(penaltyChanges.label).toBe('处罚策略');
    expect(penaltyChanges.changes.map((c: any) => c.changeId)).toEqual([changeId]);
    expect(before.policyChanges.map((p: any) => p.policy).sort()).toEqual(['credit', 'penalty']);
    // The bureau's leader reads the same queue.
    expect(await queue(admin)).toEqual(before);

    // Decided, each leaves the queue.
    const fine = before.penalties.find((p: any) => p.mineId === 'm-demo11');
    ok(
      await http('POST', `/v1/penalties/${fine.penaltyId}/actions`, {
        token: legal,
        body: { action: 'approve', version: fine.version, decisionNo: '东煤监罚〔演示〕2号' },
      }),
    );
    ok(
      await http('POST', `/v1/mines/m-demo05/credit/overrides/${override.overrideId}/reject`, {
        token: legal,
        body: { version: override.version, reason: '依据不足' },
      }),
    );
    ok(
      await http('POST', `/v1/policies/penalty/pending/${changeId}/reject`, {
        token: legal,
        body: { version: penaltyChanges.changes[0].version, reason: '暂不调整' },
      }),
    );
    const after = await queue();
    expect(after.penalties.map((p: any) => p.penaltyId)).not.toContain(fine.penaltyId);
    expect(after.overrides).toEqual([]);
    expect(after.policyChanges.find((p: any) => p.policy === 'penalty').changes).toEqual([]);
    expect(after.blacklist).toEqual(before.blacklist);
  });

  it('an inspector and a mine are refused', async () => {
    expectProblem(await http('GET', '/v1/legal-review/queue', { token: rt.tokens.inspector }), 403);
    expectProblem(await http('GET', '/v1/legal-review/queue', { token: rt.tokens.mine_user }), 403);
  });
});
