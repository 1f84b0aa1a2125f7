// Guarded settings on DynamoDB Local, with the product's penalty and credit policies: a change of one is kept as a
// pending change (nothing in force moves, audited), listed for its own jurisdiction only, decided by a legal
// reviewer who is not the proposer (a new version on approval, audited with both people; a rejection keeps its
// reason), refused when looser than the parent's value in force (422 naming the field), and a value stored before
// the parent tightened is read as the parent's bound.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
} from '#lib/errors.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { classifyPenalty } from '#lib/penalties/penalty-rules.ts';
import type { PendingChangeView } from '#lib/policies/define-policy.ts';
import type { AuditEvent } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, bureau } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const CITY = 'hlj/hegang';
const DISTRICT = 'hlj/hegang/dongshan';
const OTHER_DISTRICT = 'hlj/hegang/xingshan';

const clock = testClock('2025-03-10T01:00:00.000Z');
let db: Db;
beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const store = (principal: Principal) => new TenantStore(db, principal);
const adminOf = (j: string, sub = `admin@${j}`) => store(admin(j, sub));
const reviewerOf = (j: string, sub = `legal@${j}`) => store(bureau('legal_reviewer', j, sub));
const events = (j: string) =>
  queryAll<AuditEvent>(db, { partition: pk.jurisdiction(j), beginsWith: sk.auditPrefix, newestFirst: true });
const storedVersions = (j: string) =>
  queryAll<{ version: number }>(db, { partition: pk.jurisdiction(j), beginsWith: `POLICY#${penaltyPolicy.name}#V#` });

async function refusal(p: Promise<unknown>, kind: abstract new (...a: never[]) => DomainError): Promise<DomainError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  return error as DomainError;
}

/** A PUT of the penalty policy by the jurisdiction's admin, with the version it reads first. */
async function putPenalty(j: string, thresholds: Record<string, unknown>, sub?: string) {
  const s = adminOf(j, sub);
  const { ownVersion } = await penaltyPolicy.get(s);
  return penaltyPolicy.put(s, { version: ownVersion, thresholds, reason: '按本局重大执法决定法制审核目录调整' });
}
async function pending(j: string, thresholds: Record<string, unknown>, sub?: string): Promise<PendingChangeView> {
  const outcome = await putPenalty(j, thresholds, sub);
  expect(outcome.pending).toBe(true);
  return (outcome as { change: PendingChangeView }).change;
}

describe('a change of a guarded setting waits for a legal reviewer other than the proposer', () => {
  let change: PendingChangeView;

  it('is kept as a pending change: nothing in force moves, and the proposal is audited', async () => {
    const before = await penaltyPolicy.inForce(db, DISTRICT);
    change = await pending(DISTRICT, { majorFineThresholdYuan: 100_000_000 }, 'admin-zhang');
    expect(change).toMatchObject({
      policy: 'penalty',
      jurisdiction: DISTRICT,
      baseVersion: 0,
      changes: { majorFineThresholdYuan: 100_000_000 },
      guarded: [{ path: 'majorFineThresholdYuan', label: '重大执法决定罚款标准（元）', from: 50_000, to: 100_000_000 }],
      status: 'pending',
      statusLabel: '待法制审核',
      proposedBy: { sub: 'admin-zhang', role: 'bureau_admin' },
      version: 1,
    });
    expect(await penaltyPolicy.inForce(db, DISTRICT)).toEqual(before);
    expect(before.values.majorFineThresholdYuan).toBe(50_000);
    // A 60,000 yuan fine still needs the legal review.
    expect(classifyPenalty({ kind: 'fine', amountYuan: 60_000 }, before.values).major).toBe(true);
    expect(await storedVersions(DISTRICT)).toEqual([]);
    const [event] = await events(DISTRICT);
    expect(event).toMatchObject({
      action: 'policy.change_proposed',
      entityId: change.changeId,
      actor: { sub: 'admin-zhang', role: 'bureau_admin' },
      after: { policy: 'penalty', baseVersion: 0 },
      reason: '按本局重大执法决定法制审核目录调整',
    });
  });

  it('is listed for its own jurisdiction, and for no other (a city above it included)', async () => {
    expect((await penaltyPolicy.pendingChanges(reviewerOf(DISTRICT))).map((c) => c.changeId)).toEqual([
      change.changeId,
    ]);
    expect(await penaltyPolicy.pendingChanges(reviewerOf(OTHER_DISTRICT))).toEqual([]);
    expect(await penaltyPolicy.pendingChanges(reviewerOf(CITY))).toEqual([]);
    expect(await creditPolicy.pendingChanges(reviewerOf(DISTRICT))).toEqual([]);
  });

  it('a legal reviewer of another jurisdiction cannot decide it: 404, as for a change that does not exist', async () => {
    await refusal(
      penaltyPolicy.decide(reviewerOf(OTHER_DISTRICT), change.changeId, 'approve', { version: 1 }),
      NotFoundError,
    );
    await refusal(penaltyPolicy.decide(reviewerOf(CITY), change.changeId, 'approve', { version: 1 }), NotFoundError);
  });

  it('the proposer cannot approve it, not even holding the legal reviewer’s role too (422); an admin’s role never (403)', async () => {
    const samePerson = reviewerOf(DISTRICT, 'admin-zhang');
    const e = await refusal(penaltyPolicy.decide(samePerson, change.changeId, 'approve', { version: 1 }), RuleError);
    expect(e.message).toContain('四眼原则');
    expect(e.fields).toEqual([{ field: 'principal', message: 'the proposer may not decide' }]);
    await refusal(
      penaltyPolicy.decide(adminOf(DISTRICT, 'admin-li'), change.changeId, 'approve', { version: 1 }),
      ForbiddenError,
    );
    expect((await penaltyPolicy.inForce(db, DISTRICT)).values.majorFineThresholdYuan).toBe(50_000);
  });

  it('a stale version of the change is a 409', async () => {
    const e = await refusal(
      penaltyPolicy.decide(reviewerOf(DISTRICT), change.changeId, 'approve', { version: 2 }),
      ConflictError,
    );
    expect(e.fields.map((f) => f.field)).toEqual(['body.version']);
  });

  it('another legal reviewer approves it: a new version in force, audited with who proposed and who approved', async () => {
    const approved = await penaltyPolicy.decide(reviewerOf(DISTRICT, 'legal-wang'), change.changeId, 'approve', {
      version: 1,
      reason: '符合本省目录',
    });
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: { sub: 'legal-wang', role: 'legal_reviewer' },
      decisionReason: '符合本省目录',
      appliedVersion: 1,
      version: 2,
    });
    const inForce = await penaltyPolicy.inForce(db, DISTRICT);
    expect(inForce).toMatchObject({ ref: { definedAt: DISTRICT, version: 1 } });
    expect(inForce.values.majorFineThresholdYuan).toBe(100_000_000);
    const [event] = await events(DISTRICT);
    expect(event).toMatchObject({
      action: 'policy.change_approved',
      entityId: 'penalty@1',
      actor: { sub: 'legal-wang', role: 'legal_reviewer' },
      after: {
        version: 1,
        changeId: change.changeId,
        proposedBy: { sub: 'admin-zhang', role: 'bureau_admin' },
      },
    });
    expect(await penaltyPolicy.pendingChanges(reviewerOf(DISTRICT))).toEqual([]);
  });

  it('a decided change cannot be decided again (422)', async () => {
    const e = await refusal(
      penaltyPolicy.decide(reviewerOf(DISTRICT, 'legal-zhao'), change.changeId, 'reject', {
        version: 2,
        reason: '晚了',
      }),
      RuleError,
    );
    expect(e.fields.map((f) => f.field)).toEqual(['path.changeId']);
  });
});

describe('rejecting, and what takes effect at once', () => {
  const J = 'hlj/jixi/jiguan';

  it('a change of other settings only is in force at once, as before', async () => {
    const outcome = await putPenalty(J, { executionDueDays: 20 });
    expect(outcome.pending).toBe(false);
    expect((await penaltyPolicy.inForce(db, J)).values.executionDueDays).toBe(20);
  });

  it('a change of both waits whole', async () => {
    const change = await pending(J, {
      executionDueDays: 15,
      majorKinds: ['ordered_suspension', 'licence_action', 'fine'],
    });
    expect(change.guarded.map((g) => g.path)).toEqual(['majorKinds']);
    expect((await penaltyPolicy.inForce(db, J)).values.executionDueDays).toBe(20);
  });

  it('a rejection needs a reason (400), keeps it, and leaves the policy as it is', async () => {
    const [change] = await penaltyPolicy.pendingChanges(reviewerOf(J));
    await refusal(penaltyPolicy.decide(reviewerOf(J), change!.changeId, 'reject', { version: 1 }), ValidationError);
    const rejected = await penaltyPolicy.decide(reviewerOf(J), change!.changeId, 'reject', {
      version: 1,
      reason: '本省目录未将罚款全部列为重大执法决定',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '本省目录未将罚款全部列为重大执法决定' });
    expect((await penaltyPolicy.inForce(db, J)).values).toMatchObject({
      executionDueDays: 20,
      majorKinds: ['ordered_suspension', 'licence_action'],
    });
    expect((await events(J))[0]).toMatchObject({ action: 'policy.change_rejected', entityId: change!.changeId });
  });

  it('a change proposed over a version since replaced is not applied: 409, reject and propose again', async () => {
    const change = await pending(J, { majorFineThresholdYuan: 30_000 });
    await putPenalty(J, { executionDueDays: 25 }); // version 2 in force meanwhile
    const e = await refusal(
      penaltyPolicy.decide(reviewerOf(J), change.changeId, 'approve', { version: 1 }),
      ConflictError,
    );
    expect(e.message).toContain('第 2 版');
    expect((await penaltyPolicy.inForce(db, J)).values.majorFineThresholdYuan).toBe(50_000);
  });

  it('a stale PUT of a guarded setting is a 409 and files nothing', async () => {
    const s = adminOf(J);
    const before = (await penaltyPolicy.pendingChanges(s)).length;
    await refusal(
      penaltyPolicy.put(s, { version: 1, thresholds: { majorFineThresholdYuan: 20_000 }, reason: '过期' }),
      ConflictError,
    );
    expect(await penaltyPolicy.pendingChanges(s)).toHaveLength(before);
  });
});

describe('parent bounds: as tight as the jurisdiction above, or tighter', () => {
  const P = 'jl';
  const C = 'jl/baishan';
  const D = 'jl/baishan/hunjiang';

  beforeAll(async () => {
    // The province's own amount, approved by its legal reviewer.
    const change = await pending(P, { majorFineThresholdYuan: 80_000 });
    await penaltyPolicy.decide(reviewerOf(P), change.changeId, 'approve', { version: 1 });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a district above the province’s amount',
      { majorFineThresholdYuan: 80_000.01 },
      ['body.thresholds.majorFineThresholdYuan'],
    ],
    ['a district taking a kind off', { majorKinds: ['licence_action'] }, ['body.thresholds.majorKinds']],
    [
      'both at once',
      { majorFineThresholdYuan: 90_000, majorKinds: [] },
      ['body.thresholds.majorFineThresholdYuan', 'body.thresholds.majorKinds'],
    ],
  ])(
    '%s is a 422 naming the field, saying the bound and whose it is, and files nothing',
    async (_, thresholds, fields) => {
      const e = await refusal(putPenalty(D, thresholds), RuleError);
      expect(e.fields.map((f) => f.field)).toEqual(fields);
      if (fields[0] === 'body.thresholds.majorFineThresholdYuan') {
        expect(e.message).toContain('不得高于 80000');
        expect(e.message).toContain('上级辖区 jl 现行策略（第 1 版）');
      }
      expect(await penaltyPolicy.pendingChanges(adminOf(D))).toEqual([]);
    },
  );

  it('the province’s own value is accepted, a tighter one too (pending its review)', async () => {
    // Equal to what is in force: no guarded setting changes, so the other setting is in force at once.
    const equal = await putPenalty(D, { majorFineThresholdYuan: 80_000, executionDueDays: 12 });
    expect(equal.pending).toBe(false);
    expect((await penaltyPolicy.inForce(db, D)).values).toMatchObject({
      majorFineThresholdYuan: 80_000,
      executionDueDays: 12,
    });
    expect((await pending(D, { majorFineThresholdYuan: 79_999.99 })).status).toBe('pending');
    expect((await pending(C, { majorFineThresholdYuan: 70_000 })).status).toBe('pending');
  });

  it('the province itself is bounded by the product: a kind the product holds major cannot be taken off', async () => {
    const e = await refusal(putPenalty(P, { majorKinds: ['ordered_suspension'] }), RuleError);
    expect(e.fields.map((f) => f.field)).toEqual(['body.thresholds.majorKinds']);
    expect(e.message).toContain('平台规定的上限');
  });

  it('the credit model’s forced-D triggers: switching one off is looser than the product’s, 422', async () => {
    const s = adminOf(D);
    const { ownVersion } = await creditPolicy.get(s);
    const e = await refusal(
      creditPolicy.put(s, {
        version: ownVersion,
        thresholds: { forceD: { concealedAccident: false } },
        reason: '放宽',
      }),
      RuleError,
    );
    expect(e.fields.map((f) => f.field)).toEqual(['body.thresholds.forceD.concealedAccident']);
    // Adding a trigger is tighter, and waits for the legal reviewer like any change of one.
    const tighter = await creditPolicy.put(s, {
      version: ownVersion,
      thresholds: {
        forceD: { violationCategories: ['closed_mine_revived', 'stopped_mine_producing', 'over_capacity'] },
      },
      reason: '超能力生产直接判定为 D 级',
    });
    expect(tighter.pending).toBe(true);
  });
});

describe('a parent that tightens later: the child’s looser stored value does not take effect', () => {
  const P = 'nmg';
  const D = 'nmg/ordos/dongsheng';

  it('is read as the parent’s bound, shown as clamped, and the fines between the two need the legal review', async () => {
    // The district's own amount of 70,000, approved while the province had none.
    const own = await pending(D, { majorFineThresholdYuan: 70_000 });
    await penaltyPolicy.decide(reviewerOf(D), own.changeId, 'approve', { version: 1 });
    expect((await penaltyPolicy.inForce(db, D)).values.majorFineThresholdYuan).toBe(70_000);
    expect(
      classifyPenalty({ kind: 'fine', amountYuan: 65_000 }, (await penaltyPolicy.inForce(db, D)).values).major,
    ).toBe(false);

    // The province tightens to 60,000 (and adds every interview to the major decisions).
    const tightened = await pending(P, {
      majorFineThresholdYuan: 60_000,
      majorKinds: ['ordered_suspension', 'licence_action', 'interview'],
    });
    await penaltyPolicy.decide(reviewerOf(P), tightened.changeId, 'approve', { version: 1 });

    const inForce = await penaltyPolicy.inForce(db, D);
    expect(inForce.ref).toEqual({ definedAt: D, version: 1 });
    expect(inForce.values.majorFineThresholdYuan).toBe(60_000);
    expect(inForce.values.majorKinds).toEqual(['ordered_suspension', 'licence_action', 'interview']);
    expect(classifyPenalty({ kind: 'fine', amountYuan: 65_000 }, inForce.values).major).toBe(true);
    expect(
      classifyPenalty({ kind: 'interview', interviewee: '矿长', interviewDate: '2025-03-10' }, inForce.values).major,
    ).toBe(true);
    // The stored version is untouched; the view says which settings the bound holds.
    expect((await penaltyPolicy.valuesAt(db, inForce.ref))?.majorFineThresholdYuan).toBe(70_000);
    const view = await penaltyPolicy.get(adminOf(D));
    expect(view.thresholds.majorFineThresholdYuan).toBe(60_000);
    expect(view.bounds).toEqual([
      expect.objectContaining({
        setting: 'majorFineThresholdYuan',
        bound: 60_000,
        boundFrom: { definedAt: P, version: 1 },
        clamped: true,
      }),
      expect.objectContaining({ setting: 'majorKinds', boundFrom: { definedAt: P, version: 1 }, clamped: true }),
    ]);
    // A district below it that inherits the district's sees the same.
    expect((await penaltyPolicy.inForce(db, `${D}/x`)).values.majorFineThresholdYuan).toBe(60_000);
  });

  it('a pending change checked again on approval: looser than a bound tightened since is a 422', async () => {
    const change = await pending(D, { majorFineThresholdYuan: 55_000 });
    const lower = await pending(P, { majorFineThresholdYuan: 50_000 });
    await penaltyPolicy.decide(reviewerOf(P), lower.changeId, 'approve', { version: 1 });
    const e = await refusal(penaltyPolicy.decide(reviewerOf(D), change.changeId, 'approve', { version: 1 }), RuleError);
    expect(e.fields.map((f) => f.field)).toEqual(['body.thresholds.majorFineThresholdYuan']);
    expect((await penaltyPolicy.inForce(db, D)).values.majorFineThresholdYuan).toBe(50_000);
  });

  it('a change of other settings over a clamped value stores the bound, and needs no second signature', async () => {
    const outcome = await putPenalty(D, { executionDueDays: 10 });
    expect(outcome.pending).toBe(false);
    expect((await penaltyPolicy.valuesAt(db, { definedAt: D, version: 2 }))?.majorFineThresholdYuan).toBe(50_000);
  });
});
