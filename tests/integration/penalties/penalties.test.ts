// Penalties on the embedded store: a general one in force at once, a major one only after the legal review, an
// approved ordered suspension that changes the mine's status in the same transaction as the decision, execution on
// the due-date index, stale versions that change nothing, one audit event per change, and the reads the credit
// model and the mine's file use.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
} from '#lib/errors.ts';
import { actOnPenalty, createPenalty, loadPenalty, penaltyDetail } from '#lib/penalties/penalties.ts';
import { type PenaltyItem, penaltyKeys } from '#lib/penalties/penalty-item.ts';
import { penaltyPk, penaltySk } from '#lib/penalties/penalty-keys.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import {
  listMinePenalties,
  listPenalties,
  recentPenalties,
  unexecutedPenaltiesOf,
} from '#lib/penalties/penalty-queries.ts';
import { createPenaltyBody, penaltyActionBody } from '#lib/penalties/schemas.ts';
import { INTERVIEW_NOT_A_PENALTY } from '#lib/penalties/vocabulary.ts';
import { applyDueStatusChanges } from '#lib/registry/due-status-changes.ts';
import { licences, putLicence } from '#lib/registry/licences.ts';
import { createMine, getMine } from '#lib/registry/mines.ts';
import { changeStatus, listStatusHistory } from '#lib/registry/status-history.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import type { Db } from '#lib/store/db.ts';
import { pk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { put, transact } from '#lib/store/transact.ts';
import { violationWrite } from '#lib/violations/violations.ts';
import { dueAnywhere } from '../../support/due-index.ts';
import { admin, auditEvents, bureau, mineInput, minePartition, mineUser } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const TODAY = '2025-03-10';
const MORNING = '2025-03-10T01:00:00.000Z'; // 09:00 in Asia/Shanghai
const DS = 'hlj/hegang/dongshan';
const clock = testClock(MORNING);

const ADMIN = admin(DS, 'admin-ds');
const INSPECTOR = bureau('inspector', DS, 'insp-1');
const OTHER_INSPECTOR = bureau('inspector', DS, 'insp-2');
const REVIEWER = bureau('legal_reviewer', DS, 'legal-1');
const OTHER_REVIEWER = bureau('legal_reviewer', DS, 'legal-2');
const XS_INSPECTOR = bureau('inspector', 'hlj/hegang/xingshan', 'insp-xs');
const ADMIN_ACTOR = { sub: 'admin-ds', role: 'bureau_admin' };

let db: Db;
const as = (p: Principal) => new TenantStore(db, p);
beforeEach(async () => {
  clock.set(MORNING);
  db = await testDb({ now: clock.now });
});

const newMine = (mineId: string, status: MineStatus = 'producing', jurisdiction = DS) =>
  createMine(as(admin('hlj')), mineInput(mineId, { status, statusEffectiveDate: '2024-06-01', jurisdiction }));
const propose = (mineId: string, body: Record<string, unknown>, by: Principal = INSPECTOR) =>
  createPenalty(
    as(by),
    mineId,
    createPenaltyBody.parse({ basis: '《煤矿安全监察条例》第四十七条', description: '现场检查发现问题', ...body }),
  );
const act = (penaltyId: string, body: Record<string, unknown>, by: Principal) =>
  actOnPenalty(as(by), penaltyId, penaltyActionBody.parse(body));
const stored = async (mineId: string, penaltyId: string) =>
  getItem<Record<string, unknown>>(db, { PK: pk.mine(mineId), SK: `PENALTY#${penaltyId}` });
const dueOn = (date: string) => dueAnywhere<Record<string, unknown>>(db, date, 'PENALTY');
const events = async (mineId: string) => auditEvents(db, mineId);

async function refusal<E extends DomainError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

async function violation(mineId: string, jurisdiction = DS) {
  const violationId = db.newId('vio');
  const { writes } = violationWrite(db, {
    violationId,
    mineId,
    jurisdiction,
    category: 'over_capacity',
    date: '2025-03-01',
    description: '超能力组织生产',
    source: { kind: 'manual' },
    recordedBy: { sub: INSPECTOR.sub, role: 'inspector' },
    recordedAt: clock.now().toISOString(),
  });
  await transact(db, writes);
  return violationId;
}

/** A licence on the mine's file, as the bureau records it. */
const withLicence = (mineId: string, type: 'safety_production' | 'mining', number = `${type}-${mineId}`) =>
  putLicence(as(ADMIN), mineId, type, { number, issuedOn: '2023-07-10', expiresOn: '2028-07-09' });

const SUSPENSION = { kind: 'ordered_suspension', scope: '全矿停产整顿', from: '2025-03-08', to: '2025-05-31' };

describe('a general penalty', () => {
  it('is in force on creation, with its due date on the index and one audit event', async () => {
    await newMine('m-gen');
    const before = (await events('m-gen')).length;
    const fine = await propose('m-gen', { kind: 'fine', amountYuan: 50_000, decisionNo: '（鹤东）煤安罚〔2025〕1号' });
    expect(fine).toMatchObject({
      kind: 'fine',
      kindLabel: '罚款',
      amountYuan: 50_000,
      major: false,
      status: 'effective',
      effectiveOn: TODAY,
      executionDue: '2025-04-09',
      overdue: false,
      policy: { definedAt: null, version: 0 },
      proposedBy: { sub: 'insp-1', role: 'inspector' },
      version: 1,
    });
    expect(await dueOn('2025-04-09')).toEqual([
      expect.objectContaining({
        GSI2PK: `DUE#${DS}`,
        GSI2SK: `2025-04-09#PENALTY#m-gen#${fine.penaltyId}`,
        penaltyId: fine.penaltyId,
      }),
    ]);
    const after = await events('m-gen');
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({
      action: 'penalty.decided',
      entityType: 'penalty',
      entityId: fine.penaltyId,
      before: null,
      after: { kind: 'fine', status: 'effective', amountYuan: 50_000 },
    });
    expect(await getItem(db, { PK: `PENALTYID#${fine.penaltyId}`, SK: 'PENALTY' })).toMatchObject({
      mineId: 'm-gen',
      jurisdiction: DS,
    });
  });

  it('without a number of its own, takes the bureau’s next 行政处罚决定书 number as its decision number', async () => {
    await newMine('m-nodoc');
    const p = await propose('m-nodoc', { kind: 'warning' });
    expect(p.status).toBe('effective');
    expect(p.documentNo).toMatch(/罚〔\d{4}〕\d+号$/);
    expect(p.decisionNo).toBe(p.documentNo);
  });

  it('a warning is general too', async () => {
    await newMine('m-kind');
    const p = await propose('m-kind', { kind: 'warning', decisionNo: '文-warning' });
    expect(p).toMatchObject({ kind: 'warning', major: false, status: 'effective' });
  });
});

describe('the retired kind interview (约谈 is a record of its own)', () => {
  /** A penalty of kind interview as one was stored before the kind was retired. */
  const storedInterview = (mineId: string): PenaltyItem => ({
    penaltyId: 'pen-old-interview',
    mineId,
    mineName: `煤矿 ${mineId}`,
    jurisdiction: DS,
    kind: 'interview',
    interviewee: '矿长 李某某',
    interviewDate: '2025-02-12',
    decisionNo: '文-约谈-1',
    basis: '《煤矿安全监察条例》',
    description: '约谈矿长',
    violationIds: [],
    major: false,
    majorReason: '约谈属一般处罚，作出即生效',
    policy: { definedAt: null, version: 0 },
    status: 'effective',
    proposedBy: ADMIN_ACTOR,
    proposedAt: '2025-02-12T01:00:00.000Z',
    effectiveOn: '2025-02-12',
    executionDue: '2025-03-14',
    steps: [{ action: 'decide', at: '2025-02-12T01:00:00.000Z', by: ADMIN_ACTOR }],
    version: 1,
    createdAt: '2025-02-12T01:00:00.000Z',
    updatedAt: '2025-02-12T01:00:00.000Z',
  });

  it('a new one is refused with a 400 naming body.kind and the interviews route', () => {
    const body = {
      kind: 'interview',
      interviewee: '矿长',
      interviewDate: TODAY,
      decisionNo: '文',
      basis: 'x',
      description: 'x',
    };
    try {
      parsePart(createPenaltyBody, body, 'body');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual([{ field: 'body.kind', message: INTERVIEW_NOT_A_PENALTY }]);
      expect(INTERVIEW_NOT_A_PENALTY).toContain('POST /v1/mines/{mineId}/interviews');
    }
  });

  it('one stored before stays readable, listed by its kind, and can still be executed', async () => {
    await newMine('m-itv-old');
    const old = storedInterview('m-itv-old');
    await transact(db, [
      put(db, { ...penaltyKeys(old), ...old }),
      put(db, {
        PK: penaltyPk.penaltyId(old.penaltyId),
        SK: penaltySk.penaltyPointer,
        entity: 'penaltyPointer',
        penaltyId: old.penaltyId,
        mineId: old.mineId,
        jurisdiction: DS,
      }),
    ]);
    expect(await penaltyDetail(as(INSPECTOR), old.penaltyId)).toMatchObject({
      kind: 'interview',
      kindLabel: '约谈（旧记录）',
      interviewee: '矿长 李某某',
      status: 'effective',
    });
    const listed = await listMinePenalties(as(mineUser('m-itv-old')), 'm-itv-old', { kind: 'interview' });
    expect(listed.items.map((p) => p.penaltyId)).toEqual([old.penaltyId]);
    const executed = await act(
      old.penaltyId,
      { action: 'execute', version: 1, executedOn: TODAY, evidence: ['约谈记录'] },
      INSPECTOR,
    );
    expect(executed).toMatchObject({ kind: 'interview', status: 'executed' });
  });
});

describe('violations a penalty is for', () => {
  it('must be violations of this mine, each named by its index when not', async () => {
    await newMine('m-vio');
    await newMine('m-vio-other');
    const own = await violation('m-vio');
    const others = await violation('m-vio-other');
    const before = await minePartition(db, 'm-vio');
    const error = await refusal(
      propose('m-vio', { kind: 'warning', decisionNo: '文-1', violationIds: [own, 'vio-nosuch', others, own] }),
      ValidationError,
    );
    expect(error.fields.map((f) => f.field)).toEqual([
      'body.violationIds.1',
      'body.violationIds.2',
      'body.violationIds.3',
    ]);
    expect(await minePartition(db, 'm-vio')).toEqual(before);

    const p = await propose('m-vio', { kind: 'warning', decisionNo: '文-1', violationIds: [own] });
    expect(p.violationIds).toEqual([own]);
    const detail = await penaltyDetail(as(INSPECTOR), p.penaltyId);
    expect(detail.violations).toEqual([
      expect.objectContaining({ violationId: own, category: 'over_capacity', date: '2025-03-01' }),
    ]);
  });
});

describe('a major penalty and the legal review (重大执法决定法制审核)', () => {
  it('goes proposed → under review → effective only by a legal reviewer who is not the proposer', async () => {
    await newMine('m-major');
    const p = await propose('m-major', { kind: 'fine', amountYuan: 80_000 });
    expect(p).toMatchObject({ major: true, status: 'proposed', majorReason: expect.stringContaining('50000') });
    expect(p).not.toHaveProperty('executionDue');
    expect(await events('m-major').then((e) => e[0])).toMatchObject({
      action: 'penalty.proposed',
      after: { status: 'proposed', major: true },
    });

    await refusal(act(p.penaltyId, { action: 'approve', version: 1, decisionNo: 'D-1' }, REVIEWER), RuleError); // not yet sent to review
    const sent = await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    expect(sent).toMatchObject({ status: 'under_review', submittedBy: { sub: 'insp-1' }, version: 2 });

    const count = (await events('m-major')).length;
    const item = await stored('m-major', p.penaltyId);
    for (const who of [INSPECTOR, OTHER_INSPECTOR, ADMIN]) {
      const error = await refusal(
        act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'D-1' }, who),
        RuleError,
      );
      // Who may not review (the proposer, another inspector, the admin) is named as the principal, as everywhere.
      expect(error.fields).toEqual([{ field: 'principal', message: expect.any(String) }]);
    }
    expect(await stored('m-major', p.penaltyId)).toEqual(item);
    expect(await events('m-major')).toHaveLength(count);

    const approved = await act(
      p.penaltyId,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕2号', note: '事实清楚，依据充分' },
      REVIEWER,
    );
    expect(approved).toMatchObject({
      status: 'effective',
      decisionNo: '（鹤东）煤安罚〔2025〕2号',
      reviewedBy: { sub: 'legal-1', role: 'legal_reviewer' },
      effectiveOn: TODAY,
      executionDue: '2025-04-09',
      version: 3,
    });
    expect(approved.steps.map((s) => s.action)).toEqual(['propose', 'submit_for_review', 'approve']);
    const after = await events('m-major');
    expect(after).toHaveLength(count + 1);
    expect(after[0]).toMatchObject({
      action: 'penalty.approve',
      actor: { sub: 'legal-1' },
      before: { status: 'under_review' },
      after: { status: 'effective', decisionNo: '（鹤东）煤安罚〔2025〕2号' },
      reason: '事实清楚，依据充分',
    });
    expect(await dueOn('2025-04-09')).toHaveLength(1);
  });

  it('a rejection needs a reason, and leaves the penalty out of force', async () => {
    await newMine('m-reject');
    await withLicence('m-reject', 'safety_production');
    const p = await propose('m-reject', {
      kind: 'licence_action',
      licenceType: 'safety_production',
      licenceAction: 'suspend',
    });
    expect(p).toMatchObject({ major: true, status: 'proposed' });
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, ADMIN);
    // The admin sent it to review: the admin may not review it, nor may anyone without the legal reviewer's role.
    const noReason = await refusal(act(p.penaltyId, { action: 'reject', version: 2 }, REVIEWER), ValidationError);
    expect(noReason.fields).toEqual([{ field: 'body.note', message: expect.any(String) }]);
    const rejected = await act(p.penaltyId, { action: 'reject', version: 2, note: '证据不足' }, REVIEWER);
    expect(rejected).toMatchObject({ status: 'rejected', reviewedBy: { sub: 'legal-1' } });
    expect(rejected).not.toHaveProperty('executionDue');
    await refusal(act(p.penaltyId, { action: 'approve', version: 3, decisionNo: 'x' }, OTHER_REVIEWER), RuleError);
  });

  it('a proposal may be withdrawn with a reason; the legal reviewer may not withdraw it (403)', async () => {
    await newMine('m-cancel');
    const p = await propose('m-cancel', { kind: 'fine', amountYuan: 60_000 });
    await refusal(act(p.penaltyId, { action: 'cancel', version: 1, note: '撤回' }, REVIEWER), ForbiddenError);
    expect(await act(p.penaltyId, { action: 'cancel', version: 1, note: '当事人已另案处理' }, ADMIN)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('the policy decides the amount; a penalty keeps the version it was classified under', async () => {
    await newMine('m-policy');
    const policy = await penaltyPolicy.set(db, ADMIN_ACTOR, {
      jurisdiction: DS,
      changes: { majorFineThresholdYuan: 10_000 },
      expectedVersion: 0,
      reason: '本局重大执法决定目录',
    });
    expect(policy).toMatchObject({
      definedAt: DS,
      version: 1,
      thresholds: { majorFineThresholdYuan: 10_000, executionDueDays: 30 },
    });
    expect((await penaltyPolicy.inForce(db, `${DS}/sub`)).ref).toEqual({ definedAt: DS, version: 1 });
    const at10k = await propose('m-policy', { kind: 'fine', amountYuan: 10_000, decisionNo: 'F-1' });
    const above = await propose('m-policy', { kind: 'fine', amountYuan: 10_000.5 });
    expect(at10k).toMatchObject({ major: false, status: 'effective', policy: { definedAt: DS, version: 1 } });
    expect(above).toMatchObject({ major: true, status: 'proposed', policy: { definedAt: DS, version: 1 } });
    await refusal(
      penaltyPolicy.set(db, ADMIN_ACTOR, { jurisdiction: DS, changes: { executionDueDays: 10 }, expectedVersion: 0 }),
      ConflictError,
    );
    await penaltyPolicy.set(db, ADMIN_ACTOR, {
      jurisdiction: DS,
      changes: { majorFineThresholdYuan: 100_000, executionDueDays: 10 },
      expectedVersion: 1,
    });
    expect((await loadPenalty(as(ADMIN), above.penaltyId)).penalty).toMatchObject({
      major: true,
      policy: { version: 1 },
    });
    // The due date follows the policy in force when it takes effect.
    await act(above.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    expect(await act(above.penaltyId, { action: 'approve', version: 2, decisionNo: 'F-2' }, REVIEWER)).toMatchObject({
      executionDue: '2025-03-20',
    });
  });
});

describe('an ordered suspension (责令停产整顿)', () => {
  const approveSuspension = async (mineId: string, body: Record<string, unknown> = SUSPENSION) => {
    const p = await propose(mineId, body);
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    return p;
  };

  it('approved, puts the mine into rectifying from its first day: profile, history entry and audit, with the decision', async () => {
    await newMine('m-susp');
    const p = await approveSuspension('m-susp');
    expect(await getMine(as(ADMIN), 'm-susp')).toMatchObject({ status: 'producing', version: 1 });
    const count = (await events('m-susp')).length;

    const approved = await act(
      p.penaltyId,
      { action: 'approve', version: 2, decisionNo: '（鹤东）煤安责停〔2025〕3号' },
      REVIEWER,
    );
    expect(approved).toMatchObject({
      status: 'effective',
      executionDue: '2025-05-31',
      statusChange: { effectiveDate: '2025-03-08', applied: true },
    });
    expect(await getMine(as(ADMIN), 'm-susp')).toMatchObject({
      status: 'rectifying',
      statusLabel: '停产整顿',
      statusSince: '2025-03-08',
      version: 2,
    });
    const [entry] = (await listStatusHistory(as(ADMIN), 'm-susp', {})).items;
    expect(entry).toMatchObject({
      status: 'rectifying',
      previousStatus: 'producing',
      effectiveDate: '2025-03-08',
      applied: true,
      documentNo: '（鹤东）煤安责停〔2025〕3号',
      reason: expect.stringContaining('全矿停产整顿'),
      recordedBy: { sub: 'legal-1', role: 'legal_reviewer' },
    });
    const after = await events('m-susp');
    expect(after).toHaveLength(count + 2);
    expect(
      after
        .slice(0, 2)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['mine.status_changed', 'penalty.approve']);
    expect(after.find((e) => e.action === 'mine.status_changed')).toMatchObject({
      before: { status: 'producing' },
      after: { status: 'rectifying', statusSince: '2025-03-08' },
    });
    expect(await dueOn('2025-05-31')).toHaveLength(1);
  });

  it('starting later, is scheduled and applied by the nightly job on its date', async () => {
    await newMine('m-later');
    const p = await approveSuspension('m-later', { ...SUSPENSION, from: '2025-03-15', to: undefined });
    const approved = await act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'S-1' }, REVIEWER);
    expect(approved).toMatchObject({
      statusChange: { effectiveDate: '2025-03-15', applied: false },
      executionDue: '2025-04-09',
    });
    expect(await getMine(as(ADMIN), 'm-later')).toMatchObject({ status: 'producing' });
    expect(
      (await events('m-later'))
        .slice(0, 2)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['mine.status_scheduled', 'penalty.approve']);
    clock.set('2025-03-15T01:00:00.000Z');
    expect((await applyDueStatusChanges(db, '2025-03-15')).applied).toEqual([
      { mineId: 'm-later', status: 'rectifying', effectiveDate: '2025-03-15' },
    ]);
    expect(await getMine(as(ADMIN), 'm-later')).toMatchObject({ status: 'rectifying', statusSince: '2025-03-15' });
  });

  it('of a mine already rectifying changes no status', async () => {
    await newMine('m-already', 'rectifying');
    const p = await approveSuspension('m-already');
    const history = (await listStatusHistory(as(ADMIN), 'm-already', {})).items.length;
    const approved = await act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'S-2' }, REVIEWER);
    expect(approved.statusChange).toEqual({
      effectiveDate: '2025-03-08',
      applied: true,
      skipped: 'already_rectifying',
    });
    expect((await listStatusHistory(as(ADMIN), 'm-already', {})).items).toHaveLength(history);
  });

  it('is refused for a closed mine or a date before its latest status change, at proposal and at approval', async () => {
    await newMine('m-shut');
    await changeStatus(as(ADMIN), 'm-shut', { status: 'closed', reason: '关闭退出', effectiveDate: '2025-01-01' });
    expect((await refusal(propose('m-shut', SUSPENSION), RuleError)).fields).toEqual([
      { field: 'body.from', message: '该矿已关闭，状态不能再变更' },
    ]);

    await newMine('m-early');
    await changeStatus(as(ADMIN), 'm-early', { status: 'suspended', reason: '停产检修', effectiveDate: '2025-03-09' });
    expect((await refusal(propose('m-early', SUSPENSION), RuleError)).fields).toEqual([
      { field: 'body.from', message: expect.stringContaining('2025-03-09') },
    ]);

    await newMine('m-closed-later');
    const p = await approveSuspension('m-closed-later');
    await changeStatus(as(ADMIN), 'm-closed-later', { status: 'closed', reason: '关闭退出', effectiveDate: TODAY });
    const before = await minePartition(db, 'm-closed-later');
    await refusal(act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'S-3' }, REVIEWER), RuleError);
    expect(await minePartition(db, 'm-closed-later')).toEqual(before);
  });

  it('two reviewers approving at once: one wins, the other is a 409 that writes nothing', async () => {
    await newMine('m-race');
    const p = await approveSuspension('m-race');
    const before = await minePartition(db, 'm-race');
    // Two reviewers approve at once: one transaction wins, the other's conditions fail and nothing of it is written.
    const results = await Promise.allSettled([
      act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'R-1' }, REVIEWER),
      act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'R-2' }, OTHER_REVIEWER),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    // Read before the winner wrote: a stale version, 409. Read after: the penalty is no longer under review, 422.
    const reason = (failed[0] as PromiseRejectedResult).reason;
    expect(reason instanceof ConflictError || reason instanceof RuleError).toBe(true);
    const after = await minePartition(db, 'm-race');
    const added = after.filter((i) => !before.some((b) => b.SK === i.SK));
    // One history entry, two audit events (decision and status); the profile and the penalty replaced once.
    expect(added.map((i) => String(i.SK).split('#')[0]).sort()).toEqual(['AUDIT', 'AUDIT', 'STATUS']);
    expect(after.find((i) => i.SK === 'PROFILE')).toMatchObject({ status: 'rectifying', version: 2 });
  });
});

describe('a licence action (暂扣或吊销证照)', () => {
  const LICENCE_ACTION = { kind: 'licence_action', licenceType: 'safety_production', licenceAction: 'suspend' };
  const approveAction = async (mineId: string, body: Record<string, unknown> = LICENCE_ACTION) => {
    const p = await propose(mineId, body);
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    return act(p.penaltyId, { action: 'approve', version: 2, decisionNo: '（鹤东）煤安罚〔2025〕7号' }, REVIEWER);
  };

  it.each([
    ['suspend', 'suspended', '暂扣'],
    ['revoke', 'revoked', '吊销'],
  ] as const)(
    'approved (%s), dates an entry on the licence’s state history and its copy on the profile, with the decision',
    async (licenceAction, state, label) => {
      const mineId = `m-lic-${licenceAction}`;
      await newMine(mineId);
      await withLicence(mineId, 'safety_production', 'AQ-0101');
      const count = (await events(mineId)).length;
      const approved = await approveAction(mineId, { ...LICENCE_ACTION, licenceAction });
      const entry = {
        state,
        from: TODAY,
        number: 'AQ-0101',
        penaltyId: approved.penaltyId,
        decisionNo: '（鹤东）煤安罚〔2025〕7号',
      };
      expect(approved).toMatchObject({ status: 'effective', effectiveOn: TODAY, licenceChange: entry });
      const licence = await licences.get(as(ADMIN), mineId, 'safety_production');
      expect(licence).toMatchObject({ number: 'AQ-0101', states: [entry], version: 2 });
      const mine = await getMine(as(ADMIN), mineId);
      expect(mine.licences?.safety_production).toEqual({
        number: 'AQ-0101',
        issuedOn: '2023-07-10',
        expiresOn: '2028-07-09',
        states: [entry],
      });
      // Proposal and submission, then the decision, the licence's state and the profile's copy: three audit events
      // of one transaction.
      const after = await events(mineId);
      expect(after).toHaveLength(count + 5);
      expect(
        after
          .slice(0, 3)
          .map((e) => e.action)
          .sort(),
      ).toEqual(['licence.state_changed', 'mine.licence_copied', 'penalty.approve']);
      expect(after.find((e) => e.action === 'licence.state_changed')).toMatchObject({
        entityId: 'safety_production',
        after: { states: [entry] },
        reason: expect.stringContaining(label),
      });
    },
  );

  it('a renewal under the same number keeps the state; a new licence number starts valid', async () => {
    await newMine('m-lic-renew');
    await withLicence('m-lic-renew', 'safety_production', 'AQ-0102');
    await approveAction('m-lic-renew');
    const current = await licences.get(as(ADMIN), 'm-lic-renew', 'safety_production');
    await putLicence(as(ADMIN), 'm-lic-renew', 'safety_production', {
      version: current.version,
      number: 'AQ-0102',
      issuedOn: '2023-07-10',
      expiresOn: '2029-07-09',
    });
    expect((await getMine(as(ADMIN), 'm-lic-renew')).licences?.safety_production?.states).toHaveLength(1);
    await putLicence(as(ADMIN), 'm-lic-renew', 'safety_production', {
      version: current.version + 1,
      number: 'AQ-0999',
      issuedOn: '2025-03-10',
      expiresOn: '2030-03-09',
    });
    const copy = (await getMine(as(ADMIN), 'm-lic-renew')).licences?.safety_production;
    expect(copy).toEqual({ number: 'AQ-0999', issuedOn: '2025-03-10', expiresOn: '2030-03-09' });
    // The licence keeps its whole history, each entry naming the number it acted on.
    expect((await licences.get(as(ADMIN), 'm-lic-renew', 'safety_production')).states).toMatchObject([
      { state: 'suspended', number: 'AQ-0102' },
    ]);
  });

  it('of a licence not on the mine’s file is refused at proposal, naming the field', async () => {
    await newMine('m-lic-none');
    await withLicence('m-lic-none', 'safety_production');
    const refused = await refusal(propose('m-lic-none', { ...LICENCE_ACTION, licenceType: 'mining' }), RuleError);
    expect(refused.fields).toEqual([{ field: 'body.licenceType', message: expect.any(String) }]);
    expect((await listMinePenalties(as(ADMIN), 'm-lic-none', {})).items).toEqual([]);
  });

  it('a stale profile at approval writes nothing: the decision and the licence state exist together or not at all', async () => {
    await newMine('m-lic-atomic');
    await withLicence('m-lic-atomic', 'mining', 'CK-1');
    const p = await propose('m-lic-atomic', { ...LICENCE_ACTION, licenceType: 'mining', licenceAction: 'revoke' });
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    const before = await minePartition(db, 'm-lic-atomic');
    // Two reviewers approve at once: one transaction wins, the other's writes are all refused.
    const results = await Promise.allSettled([
      act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'L-1' }, REVIEWER),
      act(p.penaltyId, { action: 'approve', version: 2, decisionNo: 'L-2' }, OTHER_REVIEWER),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const after = await minePartition(db, 'm-lic-atomic');
    const added = after.filter((i) => !before.some((b) => b.SK === i.SK));
    expect(added.map((i) => String(i.SK).split('#')[0]).sort()).toEqual(['AUDIT', 'AUDIT', 'AUDIT']);
    expect(after.find((i) => i.SK === 'LICENCE#mining')).toMatchObject({ version: 2, states: [{ state: 'revoked' }] });
  });
});

describe('versions', () => {
  it('a stale version is a 409 that changes nothing and audits nothing', async () => {
    await newMine('m-stale');
    const p = await propose('m-stale', { kind: 'fine', amountYuan: 90_000 });
    await act(p.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    const item = await stored('m-stale', p.penaltyId);
    const count = (await events('m-stale')).length;
    const error = await refusal(
      act(p.penaltyId, { action: 'approve', version: 1, decisionNo: 'V-1' }, REVIEWER),
      ConflictError,
    );
    expect(error.fields).toEqual([{ field: 'body.version', message: '当前版本为 2，请刷新后重试' }]);
    expect(await stored('m-stale', p.penaltyId)).toEqual(item);
    expect(await events('m-stale')).toHaveLength(count);
  });
});

describe('execution', () => {
  it('is on the due-date index while in force and off it once executed', async () => {
    await newMine('m-exec');
    const p = await propose('m-exec', { kind: 'fine', amountYuan: 3_000, decisionNo: 'E-1' });
    expect(await dueOn('2025-04-09')).toHaveLength(1);
    const bad = await refusal(
      act(p.penaltyId, { action: 'execute', version: 1, executedOn: '2025-03-11' }, INSPECTOR),
      ValidationError,
    );
    expect(bad.fields.map((f) => f.field)).toEqual(['body.executedOn', 'body.evidence']);
    const early = await refusal(
      act(p.penaltyId, { action: 'execute', version: 1, executedOn: '2025-03-09', evidence: ['缴款书'] }, INSPECTOR),
      ValidationError,
    );
    expect(early.fields.map((f) => f.field)).toEqual(['body.executedOn']);
    await refusal(
      act(p.penaltyId, { action: 'execute', version: 1, executedOn: TODAY, evidence: ['缴款书'] }, REVIEWER),
      ForbiddenError,
    );

    const count = (await events('m-exec')).length;
    const done = await act(
      p.penaltyId,
      { action: 'execute', version: 1, executedOn: TODAY, evidence: ['罚没款缴款书 No.001'] },
      INSPECTOR,
    );
    expect(done).toMatchObject({
      status: 'executed',
      executedOn: TODAY,
      executionEvidence: ['罚没款缴款书 No.001'],
      version: 2,
    });
    expect(await dueOn('2025-04-09')).toEqual([]);
    expect(await stored('m-exec', p.penaltyId)).not.toHaveProperty('GSI2PK');
    expect(await events('m-exec')).toHaveLength(count + 1);
    expect((await events('m-exec'))[0]).toMatchObject({
      action: 'penalty.execute',
      after: { status: 'executed', executedOn: TODAY },
    });
    await refusal(
      act(p.penaltyId, { action: 'execute', version: 2, executedOn: TODAY, evidence: ['x'] }, INSPECTOR),
      RuleError,
    );
  });

  it('not executed by its due date reads as overdue, lists as overdue, and counts for the credit model', async () => {
    await newMine('m-late');
    const late = await propose('m-late', { kind: 'fine', amountYuan: 2_000, decisionNo: 'L-1' });
    const onTime = await propose('m-late', { kind: 'warning', decisionNo: 'L-2' });
    clock.set('2025-04-01T01:00:00.000Z');
    await act(
      onTime.penaltyId,
      { action: 'execute', version: 1, executedOn: '2025-04-01', evidence: ['送达回证'] },
      INSPECTOR,
    );
    clock.set('2025-04-12T01:00:00.000Z');
    const view = await penaltyDetail(as(INSPECTOR), late.penaltyId);
    expect(view).toMatchObject({ status: 'overdue', statusLabel: '逾期未执行', overdue: true, daysOverdue: 3 });
    const ids = async (status: string) =>
      (await listMinePenalties(as(INSPECTOR), 'm-late', { status: status as 'overdue' })).items.map((p) => p.penaltyId);
    expect(await ids('overdue')).toEqual([late.penaltyId]);
    expect(await ids('effective')).toEqual([]);
    expect(await ids('executed')).toEqual([onTime.penaltyId]);

    expect(await unexecutedPenaltiesOf(db, 'm-late', '2025-03-09')).toEqual([]);
    expect((await unexecutedPenaltiesOf(db, 'm-late', '2025-03-20')).map((u) => [u.penaltyId, u.overdue])).toEqual([
      [late.penaltyId, false],
      [onTime.penaltyId, false],
    ]);
    expect(await unexecutedPenaltiesOf(db, 'm-late', '2025-04-12')).toEqual([
      {
        penaltyId: late.penaltyId,
        kind: 'fine',
        major: false,
        decisionNo: 'L-1',
        effectiveOn: TODAY,
        executionDue: '2025-04-09',
        overdue: true,
        daysOverdue: 3,
      },
    ]);
    // Executed late: overdue on the days before, not after.
    await act(
      late.penaltyId,
      { action: 'execute', version: 1, executedOn: '2025-04-12', evidence: ['缴款书'] },
      INSPECTOR,
    );
    expect((await unexecutedPenaltiesOf(db, 'm-late', '2025-04-11')).map((u) => u.overdue)).toEqual([true]);
    expect(await unexecutedPenaltiesOf(db, 'm-late', '2025-04-12')).toEqual([]);
  });
});

describe('reads and scope', () => {
  it('lists by mine and by jurisdiction, filtered, newest first; never another jurisdiction’s', async () => {
    await newMine('m-list-a');
    await newMine('m-list-b');
    await withLicence('m-list-b', 'mining');
    await newMine('m-list-xs', 'producing', 'hlj/hegang/xingshan');
    const a1 = await propose('m-list-a', { kind: 'warning', decisionNo: 'A-1' });
    const a2 = await propose('m-list-a', { kind: 'fine', amountYuan: 70_000 });
    const b1 = await propose('m-list-b', { kind: 'licence_action', licenceType: 'mining', licenceAction: 'revoke' });
    const xs = await propose('m-list-xs', { kind: 'warning', decisionNo: 'X-1' }, XS_INSPECTOR);

    const ids = (r: { items: { penaltyId: string }[] }) => r.items.map((p) => p.penaltyId);
    expect(ids(await listPenalties(as(REVIEWER), {}))).toEqual([b1.penaltyId, a2.penaltyId, a1.penaltyId]);
    expect(ids(await listPenalties(as(REVIEWER), { major: 'true' }))).toEqual([b1.penaltyId, a2.penaltyId]);
    expect(ids(await listPenalties(as(REVIEWER), { status: 'proposed', kind: 'fine' }))).toEqual([a2.penaltyId]);
    expect(ids(await listPenalties(as(REVIEWER), { mineId: 'm-list-a', major: 'false' }))).toEqual([a1.penaltyId]);
    expect(ids(await listPenalties(as(admin('hlj')), {}))).toHaveLength(4);
    expect(ids(await listPenalties(as(XS_INSPECTOR), {}))).toEqual([xs.penaltyId]);
    expect(ids(await listPenalties(as(mineUser('m-list-b')), { mineId: 'm-list-a' }))).toEqual([b1.penaltyId]);
    expect((await recentPenalties(db, 'm-list-a', 1)).map((p) => p.penaltyId)).toEqual([a2.penaltyId]);

    await refusal(loadPenalty(as(XS_INSPECTOR), a1.penaltyId), NotFoundError);
    await refusal(loadPenalty(as(mineUser('m-list-b')), a1.penaltyId), NotFoundError);
    await refusal(act(a2.penaltyId, { action: 'submit_for_review', version: 1 }, XS_INSPECTOR), NotFoundError);
    await refusal(listMinePenalties(as(XS_INSPECTOR), 'm-list-a', {}), NotFoundError);
    await refusal(propose('m-list-a', { kind: 'warning', decisionNo: 'Z' }, XS_INSPECTOR), NotFoundError);
    expect((await loadPenalty(as(mineUser('m-list-a')), a1.penaltyId)).penalty.penaltyId).toBe(a1.penaltyId);
  });
});
