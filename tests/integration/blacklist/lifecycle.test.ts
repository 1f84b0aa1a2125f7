// The blacklist's lifecycle on DynamoDB Local, through the service (proposeEntry, actOnEntry, expireDueEntries):
// the one-open-entry guard, the due-date items (GSI2) an entry carries while it waits on a date, the public projection
// and the mine's credit while it is listed, the nightly expiry on the Shanghai business date (a missed night caught
// up, a second run doing nothing), and one audit event per action in the action's own transaction. The tests of a
// describe run in order; each describe has mines of its own and sets the clock it needs.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { actOnEntry, expireDueEntries, getEntry } from '#lib/blacklist/blacklist-service.ts';
import { LISTING_END_KIND, OBJECTION_DUE_KIND } from '#lib/blacklist/entry.ts';
import type { BlacklistAction } from '#lib/blacklist/lifecycle.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { problemFromDomainError } from '#lib/http/problem.ts';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { lambdaContext } from '../../support/api-event.ts';
import {
  ADMIN,
  act,
  type BlacklistDb,
  blacklistCreditKeys,
  blacklistDb,
  creditCodeOf,
  currentCredit,
  DS,
  dueOn,
  entryAudit,
  entryItem,
  failure,
  INSPECTOR,
  OTHER_INSPECTOR,
  openGuard,
  proposeEnterprise,
  publicItem,
  publish,
  REVIEWER,
} from './fixtures.ts';

const START = '2025-06-10';
const MINES = ['m-guard', 'm-guard-pub', 'm-revoke', 'm-due', 'm-due-closed', 'm-pub', 'm-audit', 'm-exp', 'm-late'];

let ctx: BlacklistDb;
beforeAll(async () => {
  ctx = await blacklistDb(START, MINES);
});

const expect409 = (e: unknown) => {
  expect(e).toBeInstanceOf(ConflictError);
  expect(problemFromDomainError(e as ConflictError).status).toBe(409);
};

// ---------------------------------------------------------------------------------------------------------------
describe('the open-entry guard: one proposed or listed entry per enterprise', () => {
  let first: string;

  it('refuses a second proposal while the first is proposed, served or under review (409), and writes nothing', async () => {
    ctx.on(START);
    first = (await proposeEnterprise(ctx, 'm-guard')).entryId;
    expect((await openGuard(ctx.db, 'm-guard'))?.entryId).toBe(first);
    const steps: [string, Principal, BlacklistAction | null][] = [
      [START, INSPECTOR, null],
      [START, INSPECTOR, { action: 'serve_notice', servedOn: START }],
      [addDays(START, 8), OTHER_INSPECTOR, { action: 'submit_review' }],
    ];
    for (const [day, by, input] of steps) {
      ctx.on(day);
      if (input) await act(ctx, by, first, input);
      const auditBefore = (await entryAudit(ctx.db, 'm-guard', first)).length;
      expect409(await failure(proposeEnterprise(ctx, 'm-guard', OTHER_INSPECTOR)));
      expect(await failure(proposeEnterprise(ctx, 'm-guard', ADMIN))).toBeInstanceOf(ConflictError);
      expect((await openGuard(ctx.db, 'm-guard'))?.entryId).toBe(first);
      expect((await entryAudit(ctx.db, 'm-guard', first)).length).toBe(auditBefore);
    }
  });

  it('after a rejection a new proposal is accepted, and after its withdrawal another', async () => {
    await act(ctx, REVIEWER, first, { action: 'reject', reason: '证据不足' });
    expect(await openGuard(ctx.db, 'm-guard')).toBeUndefined();
    const second = (await proposeEnterprise(ctx, 'm-guard', OTHER_INSPECTOR)).entryId;
    expect(second).not.toBe(first);
    expect((await openGuard(ctx.db, 'm-guard'))?.entryId).toBe(second);
    expect(await failure(proposeEnterprise(ctx, 'm-guard'))).toBeInstanceOf(ConflictError);

    await act(ctx, OTHER_INSPECTOR, second, { action: 'withdraw', reason: '另行处理' });
    expect(await openGuard(ctx.db, 'm-guard')).toBeUndefined();
    const third = (await proposeEnterprise(ctx, 'm-guard')).entryId;
    expect((await openGuard(ctx.db, 'm-guard'))?.entryId).toBe(third);
    expect((await getEntry(ctx.as(ADMIN), first)).status).toBe('rejected');
    expect((await getEntry(ctx.as(ADMIN), second)).status).toBe('withdrawn');
  });

  it('refuses a proposal while the enterprise is listed', async () => {
    const listed = await publish(ctx, 'm-guard-pub', START);
    expect((await openGuard(ctx.db, 'm-guard-pub'))?.entryId).toBe(listed);
    expect409(await failure(proposeEnterprise(ctx, 'm-guard-pub')));
  });

  describe('a revoked removal (proposed, then approved by a legal reviewer) reopens the entry only if no other has been opened meanwhile', () => {
    let a: string;
    let b: string;
    it('is refused (409) while another entry is open, and changes nothing', async () => {
      a = await publish(ctx, 'm-revoke', '2024-01-02'); // listed 2024-01-10 to 2027-01-10
      ctx.on('2025-01-10');
      await act(ctx, INSPECTOR, a, { action: 'request_removal', reason: '已整改', evidence: ['信用修复申请书'] });
      ctx.on('2025-01-13');
      await act(ctx, REVIEWER, a, { action: 'approve_removal' });
      expect(await openGuard(ctx.db, 'm-revoke')).toBeUndefined();
      ctx.on('2025-02-01');
      b = (await proposeEnterprise(ctx, 'm-revoke')).entryId;

      ctx.on('2025-03-01');
      // The first signature changes nothing but the proposal it records: the entry stays removed.
      await act(ctx, ADMIN, a, { action: 'revoke_removal', reason: '修复材料系伪造', evidence: ['核查报告'] });
      const before = await entryItem(ctx.db, 'm-revoke', a);
      const auditBefore = await entryAudit(ctx.db, 'm-revoke', a);
      const creditBefore = await currentCredit(ctx.db, 'm-revoke');
      expect((await openGuard(ctx.db, 'm-revoke'))?.entryId).toBe(b);
      expect409(await failure(act(ctx, REVIEWER, a, { action: 'approve_revocation' })));
      expect(await entryItem(ctx.db, 'm-revoke', a)).toEqual(before);
      expect(before).toMatchObject({ status: 'removed', removedOn: '2025-01-13' });
      expect(before!.revocationRequest).toMatchObject({ reason: '修复材料系伪造', evidence: ['核查报告'] });
      expect(await entryAudit(ctx.db, 'm-revoke', a)).toEqual(auditBefore);
      expect((await openGuard(ctx.db, 'm-revoke'))?.entryId).toBe(b);
      expect(await publicItem(ctx.db, a)).toBeUndefined();
      expect(await currentCredit(ctx.db, 'm-revoke')).toEqual(creditBefore);
      expect(await blacklistCreditKeys(ctx.db, 'm-revoke')).toEqual([]);
    });

    it('once the other is closed, the removal is revoked: listed again to its original end, the guard and the projection back', async () => {
      await act(ctx, INSPECTOR, b, { action: 'withdraw', reason: '原名单记录恢复' });
      await act(ctx, REVIEWER, a, { action: 'approve_revocation' });
      const item = await entryItem(ctx.db, 'm-revoke', a);
      expect(item).toMatchObject({ status: 'published', listedOn: '2024-01-10', endsOn: '2027-01-10' });
      expect(item).not.toHaveProperty('removedOn');
      expect(item).not.toHaveProperty('revocationRequest');
      expect((await openGuard(ctx.db, 'm-revoke'))?.entryId).toBe(a);
      expect(await publicItem(ctx.db, a)).toMatchObject({ endsOn: '2027-01-10' });
      expect(await currentCredit(ctx.db, 'm-revoke')).toMatchObject({ asOf: '2025-03-01', tier: 'D' });
      expect(await blacklistCreditKeys(ctx.db, 'm-revoke')).toEqual([`2027-01-10#BLACKLIST#${a}`]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('due-date items (GSI2): the date an entry waits on', () => {
  const SERVED = '2025-07-01';
  const DEADLINE = '2025-07-08';
  let id: string;
  const noDue = async (mineId: string, entryId: string) => {
    const item = await entryItem(ctx.db, mineId, entryId);
    expect(item).not.toHaveProperty('GSI2PK');
    expect(item).not.toHaveProperty('GSI2SK');
  };

  it('none while proposed', async () => {
    ctx.on(SERVED);
    id = (await proposeEnterprise(ctx, 'm-due')).entryId;
    await noDue('m-due', id);
  });

  it('the objection deadline while the notice runs (objections recorded and answered too)', async () => {
    await act(ctx, INSPECTOR, id, { action: 'serve_notice', servedOn: SERVED });
    await act(ctx, INSPECTOR, id, { action: 'record_objection', receivedOn: SERVED, content: '企业申辩' });
    const objectionId = (await entryItem(ctx.db, 'm-due', id))!.objections[0]!.objectionId;
    await act(ctx, INSPECTOR, id, { action: 'answer_objection', objectionId, answer: '不成立', upheld: false });
    const item = await entryItem(ctx.db, 'm-due', id);
    expect(item).toMatchObject({ GSI2PK: `DUE#${DS}`, GSI2SK: `${DEADLINE}#${OBJECTION_DUE_KIND}#m-due#${id}` });
    expect((await dueOn(ctx.db, DEADLINE, OBJECTION_DUE_KIND)).map((i) => i.entryId)).toEqual([id]);
  });

  it('none under review', async () => {
    ctx.on(addDays(DEADLINE, 1));
    await act(ctx, OTHER_INSPECTOR, id, { action: 'submit_review' });
    await noDue('m-due', id);
    expect(await dueOn(ctx.db, DEADLINE, OBJECTION_DUE_KIND)).toEqual([]);
  });

  it('the end date while listed', async () => {
    await act(ctx, REVIEWER, id, { action: 'approve', decisionNo: '失信〔2025〕1号' });
    const endsOn = addMonths(addDays(DEADLINE, 1), 36);
    expect(await entryItem(ctx.db, 'm-due', id)).toMatchObject({
      endsOn,
      GSI2PK: `DUE#${DS}`,
      GSI2SK: `${endsOn}#${LISTING_END_KIND}#m-due#${id}`,
    });
    expect((await dueOn(ctx.db, endsOn, LISTING_END_KIND)).map((i) => i.entryId)).toEqual([id]);
  });

  it('none once closed: removed, rejected, withdrawn (expired: see the expiry tests)', async () => {
    ctx.on('2026-07-09');
    await act(ctx, INSPECTOR, id, { action: 'request_removal', reason: '已整改', evidence: ['修复材料'] });
    await act(ctx, REVIEWER, id, { action: 'approve_removal' });
    await noDue('m-due', id);
    expect(await dueOn(ctx.db, addMonths('2025-07-09', 36), LISTING_END_KIND)).toEqual([]);

    ctx.on(SERVED);
    const rejected = (await proposeEnterprise(ctx, 'm-due-closed')).entryId;
    await act(ctx, INSPECTOR, rejected, { action: 'serve_notice', servedOn: SERVED });
    ctx.on(addDays(DEADLINE, 1));
    await act(ctx, INSPECTOR, rejected, { action: 'submit_review' });
    await act(ctx, REVIEWER, rejected, { action: 'reject', reason: '证据不足' });
    await noDue('m-due-closed', rejected);

    const withdrawn = (await proposeEnterprise(ctx, 'm-due-closed')).entryId;
    await act(ctx, INSPECTOR, withdrawn, { action: 'serve_notice', servedOn: addDays(DEADLINE, 1) });
    expect(await entryItem(ctx.db, 'm-due-closed', withdrawn)).toMatchObject({
      GSI2SK: expect.stringMatching(new RegExp(`^${addDays(DEADLINE, 8)}#`)),
    });
    await act(ctx, INSPECTOR, withdrawn, { action: 'withdraw', reason: '撤回' });
    await noDue('m-due-closed', withdrawn);
    expect(await dueOn(ctx.db, addDays(DEADLINE, 8), OBJECTION_DUE_KIND)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('while listed: the public projection and the mine credit D', () => {
  const SERVED = '2025-08-01';
  const LISTED = '2025-08-09';
  const ENDS = '2028-08-09';
  let id: string;

  it('nothing public and no credit index before publication', async () => {
    ctx.on(SERVED);
    id = (await proposeEnterprise(ctx, 'm-pub')).entryId;
    await act(ctx, INSPECTOR, id, { action: 'serve_notice', servedOn: SERVED });
    ctx.on(LISTED);
    await act(ctx, INSPECTOR, id, { action: 'submit_review' });
    expect(await publicItem(ctx.db, id)).toBeUndefined();
    expect(await blacklistCreditKeys(ctx.db, 'm-pub')).toEqual([]);
    expect(await currentCredit(ctx.db, 'm-pub')).toBeUndefined();
  });

  it('published: the projection (published fields only), the credit index item, the mine D forced by the blacklist', async () => {
    await act(ctx, REVIEWER, id, {
      action: 'approve',
      decisionNo: '失信〔2025〕8号',
      scopes: ['safety_licence', 'project_approval'],
    });
    const projection = await publicItem(ctx.db, id);
    expect(projection).toMatchObject({
      PK: `PUBLICENTRY#${id}`,
      SK: 'PUBLIC',
      entryId: id,
      subjectType: 'enterprise',
      creditCode: creditCodeOf('m-pub'),
      decisionNo: '失信〔2025〕8号',
      listedOn: LISTED,
      endsOn: ENDS,
      restrictions: ['安全许可', '项目核准'],
    });
    expect(projection).not.toHaveProperty('steps');
    expect(projection).not.toHaveProperty('proposedBy');
    expect(await blacklistCreditKeys(ctx.db, 'm-pub')).toEqual([`${ENDS}#BLACKLIST#${id}`]);
    const credit = await currentCredit(ctx.db, 'm-pub');
    expect(credit).toMatchObject({ asOf: LISTED, tier: 'D' });
    expect(credit!.forced).toEqual([{ rule: 'blacklist', label: '列入严重失信主体名单', recordIds: [id] }]);
  });

  it('stays listed through a removal request and its rejection', async () => {
    ctx.on('2026-08-09');
    await act(ctx, INSPECTOR, id, { action: 'request_removal', reason: '已整改', evidence: ['修复材料'] });
    expect(await publicItem(ctx.db, id)).toMatchObject({ endsOn: ENDS });
    ctx.on('2026-08-10');
    await act(ctx, REVIEWER, id, { action: 'reject_removal', reason: '整改不到位' });
    expect(await entryItem(ctx.db, 'm-pub', id)).toMatchObject({ status: 'published', endsOn: ENDS });
    expect(await entryItem(ctx.db, 'm-pub', id)).not.toHaveProperty('removalRequest');
    expect(await publicItem(ctx.db, id)).toMatchObject({ endsOn: ENDS });
    expect(await blacklistCreditKeys(ctx.db, 'm-pub')).toEqual([`${ENDS}#BLACKLIST#${id}`]);
    expect(await currentCredit(ctx.db, 'm-pub')).toMatchObject({ asOf: LISTED, tier: 'D' });
  });

  it('removed early: the projection and the credit index gone, the mine classified again by its records', async () => {
    ctx.on('2026-09-01');
    await act(ctx, OTHER_INSPECTOR, id, {
      action: 'request_removal',
      reason: '再次申请',
      evidence: ['修复材料', '验收报告'],
    });
    await act(ctx, REVIEWER, id, { action: 'approve_removal', note: '同意提前移出' });
    expect(await entryItem(ctx.db, 'm-pub', id)).toMatchObject({ status: 'removed', removedOn: '2026-09-01' });
    expect(await publicItem(ctx.db, id)).toBeUndefined();
    expect(await blacklistCreditKeys(ctx.db, 'm-pub')).toEqual([]);
    const credit = await currentCredit(ctx.db, 'm-pub');
    expect(credit).toMatchObject({ asOf: '2026-09-01', previousTier: 'D', forced: [] });
    expect(credit!.tier).not.toBe('D');
    expect(credit!.tier).toBe(credit!.scoreTier);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('audit: exactly one event per action, in the action’s transaction', () => {
  const SERVED = '2025-09-01';
  const steps: [string, Principal, BlacklistAction | ((objectionId: string) => BlacklistAction), string][] = [
    [SERVED, INSPECTOR, { action: 'serve_notice', servedOn: SERVED, noticeNo: '告〔2025〕9号' }, 'notice_served'],
    [
      '2025-09-03',
      INSPECTOR,
      { action: 'record_objection', receivedOn: '2025-09-03', content: '企业申辩' },
      'notice_served',
    ],
    [
      '2025-09-04',
      ADMIN,
      (objectionId) => ({ action: 'answer_objection', objectionId, answer: '不成立', upheld: false }),
      'notice_served',
    ],
    ['2025-09-09', OTHER_INSPECTOR, { action: 'submit_review' }, 'under_review'],
    ['2025-09-10', REVIEWER, { action: 'approve', decisionNo: '失信〔2025〕9号' }, 'published'],
    ['2026-09-10', INSPECTOR, { action: 'request_removal', reason: '已整改', evidence: ['修复材料'] }, 'published'],
    ['2026-09-11', REVIEWER, { action: 'reject_removal', reason: '材料不足' }, 'published'],
    [
      '2026-09-12',
      INSPECTOR,
      { action: 'request_removal', reason: '补充材料', evidence: ['修复材料', '补充材料'] },
      'published',
    ],
    ['2026-09-13', REVIEWER, { action: 'approve_removal' }, 'removed'],
    ['2026-10-01', ADMIN, { action: 'revoke_removal', reason: '材料系伪造', evidence: ['核查报告'] }, 'removed'],
    ['2026-10-02', REVIEWER, { action: 'approve_revocation' }, 'published'],
  ];
  let id: string;

  it('propose: one event', async () => {
    ctx.on(SERVED);
    id = (await proposeEnterprise(ctx, 'm-audit')).entryId;
    const events = await entryAudit(ctx.db, 'm-audit', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'blacklist.propose',
      entityType: 'blacklistEntry',
      entityId: id,
      before: null,
      after: { status: 'proposed' },
      actor: { sub: 'insp-a', role: 'inspector' },
    });
  });

  it.each(steps.map((s, i) => [typeof s[2] === 'function' ? 'answer_objection' : s[2].action, i] as const))(
    '%s: one event',
    async (action, i) => {
      const [day, by, make, status] = steps[i]!;
      ctx.on(day);
      const before = await entryItem(ctx.db, 'm-audit', id);
      const input = typeof make === 'function' ? make(before!.objections[0]!.objectionId) : make;
      await act(ctx, by, id, input);
      const after = await entryItem(ctx.db, 'm-audit', id);
      const events = await entryAudit(ctx.db, 'm-audit', id);
      expect(events).toHaveLength(i + 2);
      expect(after!.version).toBe(i + 2);
      expect(events.at(-1)).toMatchObject({
        action: `blacklist.${action}`,
        entityType: 'blacklistEntry',
        entityId: id,
        mineId: 'm-audit',
        at: after!.updatedAt,
        actor: { sub: by.sub, role: by.role },
        before: { status: before!.status },
        after: { status },
      });
    },
  );

  it('a refused action (rule, stale version, conflict) writes no event and changes nothing', async () => {
    ctx.on('2026-10-03');
    const before = await entryItem(ctx.db, 'm-audit', id);
    const count = (await entryAudit(ctx.db, 'm-audit', id)).length;
    const refusals = [
      failure(act(ctx, INSPECTOR, id, { action: 'submit_review' })),
      failure(act(ctx, INSPECTOR, id, { action: 'approve_removal' })),
      failure(
        actOnEntry(
          ctx.as(INSPECTOR),
          id,
          {
            action: 'request_removal',
            reason: '再申请',
            evidence: ['材料'],
            version: before!.version - 1,
          },
          creditOnListing,
        ),
      ),
    ];
    const [rule, role, stale] = await Promise.all(refusals);
    expect(rule).toBeInstanceOf(RuleError);
    expect(rule.fields[0].field).toBe('body.action');
    expect(role).toBeInstanceOf(RuleError);
    expect(role.fields[0].field).toBe('principal');
    expect409(stale);
    expect(await entryItem(ctx.db, 'm-audit', id)).toEqual(before);
    expect(await entryAudit(ctx.db, 'm-audit', id)).toHaveLength(count);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('the nightly expiry, on the Shanghai business date', () => {
  const D = '2026-03-10';
  const E = '2026-03-11';
  let onTime: string;
  let late: string;

  const runJob = jobHandler('blacklist-expiry', ({ db, date }) => expireDueEntries(db, date, creditOnListing), {
    db: () => ctx.db,
  });

  it('entries listed until D and until the day after', async () => {
    onTime = await publish(ctx, 'm-exp', '2023-02-28', { approvedOn: '2023-03-10' });
    late = await publish(ctx, 'm-late', '2023-02-28', { approvedOn: '2023-03-11' });
    expect(await entryItem(ctx.db, 'm-exp', onTime)).toMatchObject({
      status: 'published',
      listedOn: '2023-03-10',
      endsOn: D,
    });
    expect(await entryItem(ctx.db, 'm-late', late)).toMatchObject({
      status: 'published',
      listedOn: '2023-03-11',
      endsOn: E,
    });
    expect((await dueOn(ctx.db, D, LISTING_END_KIND)).map((i) => i.entryId)).toEqual([onTime]);
  });

  it('the day before D: still listed', async () => {
    ctx.on(addDays(D, -1));
    expect(await expireDueEntries(ctx.db, addDays(D, -1), creditOnListing)).toEqual({ expired: [] });
    expect(await entryItem(ctx.db, 'm-exp', onTime)).toMatchObject({ status: 'published', version: 4 });
    expect(await publicItem(ctx.db, onTime)).toBeDefined();
  });

  it('00:30 on D in Shanghai (still the day before in UTC): the business date decides, and the entry expires', async () => {
    const midnight = '2026-03-09T16:30:00.000Z';
    ctx.clock.set(midnight);
    expect(todayInShanghai(ctx.clock.peek())).toBe(D);
    // Run for the UTC date, the entry would still wait.
    expect(await expireDueEntries(ctx.db, midnight.slice(0, 10), creditOnListing)).toEqual({ expired: [] });
    expect(
      await runJob({ job: 'blacklist-expiry', scheduledTime: midnight }, lambdaContext('blacklist-expiry')),
    ).toEqual({ expired: [onTime] });

    const item = await entryItem(ctx.db, 'm-exp', onTime);
    expect(item).toMatchObject({ status: 'expired', expiredOn: D, endsOn: D, version: 5 });
    expect(item).not.toHaveProperty('GSI2PK');
    expect(item).not.toHaveProperty('GSI3PK');
    expect(item!.steps.at(-1)).toMatchObject({
      action: 'expire',
      by: { sub: 'system:blacklist-expiry', role: 'system' },
    });
    expect(await openGuard(ctx.db, 'm-exp')).toBeUndefined();
    expect(await publicItem(ctx.db, onTime)).toBeUndefined();
    expect(await blacklistCreditKeys(ctx.db, 'm-exp')).toEqual([]);
    expect(await dueOn(ctx.db, D, LISTING_END_KIND)).toEqual([]);

    const events = (await entryAudit(ctx.db, 'm-exp', onTime)).filter((e) => e.action === 'blacklist.expire');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { sub: 'system:blacklist-expiry', role: 'system' },
      before: { status: 'published' },
      after: { status: 'expired', endsOn: D },
    });

    const credit = await currentCredit(ctx.db, 'm-exp');
    expect(credit).toMatchObject({ asOf: D, previousTier: 'D', forced: [] });
    expect(credit!.tier).not.toBe('D');

    // The entry listed until the day after is untouched.
    expect(await entryItem(ctx.db, 'm-late', late)).toMatchObject({ status: 'published', version: 4 });
  });

  it('a missed night: run first three days after its end date, the entry still expires; a second run expires nothing new', async () => {
    const runOn = addDays(E, 3);
    ctx.on(runOn);
    expect(await expireDueEntries(ctx.db, runOn, creditOnListing)).toEqual({ expired: [late] });
    const item = await entryItem(ctx.db, 'm-late', late);
    // expiredOn is the end date, whichever night the job caught it.
    expect(item).toMatchObject({ status: 'expired', endsOn: E, expiredOn: E, version: 5 });
    expect(item!.steps.at(-1)!.note).toBe(`${E} 期满移出`);
    expect(item).not.toHaveProperty('GSI2PK');
    expect(await openGuard(ctx.db, 'm-late')).toBeUndefined();
    expect(await publicItem(ctx.db, late)).toBeUndefined();

    const auditCounts = [
      (await entryAudit(ctx.db, 'm-exp', onTime)).length,
      (await entryAudit(ctx.db, 'm-late', late)).length,
    ];
    expect(await expireDueEntries(ctx.db, runOn, creditOnListing)).toEqual({ expired: [] });
    expect(await expireDueEntries(ctx.db, D, creditOnListing)).toEqual({ expired: [] });
    expect([
      (await entryAudit(ctx.db, 'm-exp', onTime)).length,
      (await entryAudit(ctx.db, 'm-late', late)).length,
    ]).toEqual(auditCounts);
    expect((await entryAudit(ctx.db, 'm-late', late)).filter((e) => e.action === 'blacklist.expire')).toHaveLength(1);
  });

  it('the guard released: the enterprise may be proposed again', async () => {
    const again = (await proposeEnterprise(ctx, 'm-exp')).entryId;
    expect((await openGuard(ctx.db, 'm-exp'))?.entryId).toBe(again);
  });
});
