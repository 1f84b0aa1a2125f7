// The pure rules of penalties: which are major (重大执法决定) at the policy's fine amount, what each action may do
// from each state, who may review (the legal reviewer, never the proposer or submitter), and when a penalty is due
// and overdue.
import { describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { ForbiddenError, RuleError } from '#lib/errors.ts';
import {
  PENALTY_STATUSES,
  type PenaltyItem,
  type PenaltyStatus,
  type PenaltyTerms,
} from '#lib/penalties/penalty-item.ts';
import { DEFAULT_PENALTY_THRESHOLDS, type PenaltyThresholds } from '#lib/penalties/penalty-policy.ts';
import {
  ACTION_FROM,
  ACTION_TO,
  classifyPenalty,
  daysOverdue,
  executionDueFor,
  isOverdueOn,
  PENALTY_ACTIONS,
  type PenaltyAction,
  refusal,
  viewStatus,
} from '#lib/penalties/penalty-rules.ts';

const policy: PenaltyThresholds = {
  majorFineThresholdYuan: 50_000,
  majorKinds: ['ordered_suspension', 'licence_action'],
  executionDueDays: 30,
};
const bureau = (role: 'bureau_admin' | 'inspector' | 'legal_reviewer', sub: string): Principal => ({
  kind: 'bureau',
  role,
  sub,
  jurisdiction: 'hlj/hegang/dongshan',
});
const INSPECTOR = bureau('inspector', 'insp-1');
const OTHER_INSPECTOR = bureau('inspector', 'insp-2');
const ADMIN = bureau('bureau_admin', 'admin-1');
const REVIEWER = bureau('legal_reviewer', 'legal-1');
const penalty = (status: PenaltyStatus, extra: Partial<PenaltyItem> = {}) => ({
  status,
  proposedBy: { sub: INSPECTOR.sub, role: 'inspector' },
  ...extra,
});

describe('major classification (重大执法决定)', () => {
  it('defaults to 50,000 元 and 30 days', () => {
    expect(DEFAULT_PENALTY_THRESHOLDS).toEqual({
      majorFineThresholdYuan: 50_000,
      majorKinds: ['ordered_suspension', 'licence_action'],
      executionDueDays: 30,
    });
  });

  it.each<[string, PenaltyTerms, boolean]>([
    ['a warning', { kind: 'warning' }, false],
    ['an interview', { kind: 'interview', interviewee: '矿长', interviewDate: '2025-03-01' }, false],
    ['a fine of 1 元', { kind: 'fine', amountYuan: 1 }, false],
    ['a fine of 49,999.99 元 (below)', { kind: 'fine', amountYuan: 49_999.99 }, false],
    ['a fine of exactly 50,000 元 (not above)', { kind: 'fine', amountYuan: 50_000 }, false],
    ['a fine of 50,000.01 元 (above)', { kind: 'fine', amountYuan: 50_000.01 }, true],
    ['a fine of 50,001 元 (above)', { kind: 'fine', amountYuan: 50_001 }, true],
    ['a fine of 2,000,000 元', { kind: 'fine', amountYuan: 2_000_000 }, true],
    ['an ordered suspension', { kind: 'ordered_suspension', scope: '全矿', from: '2025-03-01' }, true],
    [
      'a licence suspended',
      { kind: 'licence_action', licenceType: 'safety_production', licenceAction: 'suspend' },
      true,
    ],
    ['a licence revoked', { kind: 'licence_action', licenceType: 'mining', licenceAction: 'revoke' }, true],
  ])('%s → major %s', (_, terms, major) => {
    const result = classifyPenalty(terms, policy);
    expect(result.major).toBe(major);
    expect(result.reason).toMatch(major ? /须经法制审核/ : /./);
  });

  it('follows the bureau’s own amount on both sides of it', () => {
    const strict = { ...policy, majorFineThresholdYuan: 10_000 };
    expect(classifyPenalty({ kind: 'fine', amountYuan: 10_000 }, strict).major).toBe(false);
    expect(classifyPenalty({ kind: 'fine', amountYuan: 10_000.01 }, strict).major).toBe(true);
    expect(classifyPenalty({ kind: 'fine', amountYuan: 30_000 }, strict).major).toBe(true);
    expect(classifyPenalty({ kind: 'fine', amountYuan: 30_000 }, policy).major).toBe(false);
  });

  it.each<[string, PenaltyThresholds['majorKinds'], PenaltyTerms, boolean]>([
    [
      'fines listed as major: a fine of 1 元',
      ['ordered_suspension', 'licence_action', 'fine'],
      { kind: 'fine', amountYuan: 1 },
      true,
    ],
    [
      'interviews listed as major',
      ['ordered_suspension', 'licence_action', 'interview'],
      { kind: 'interview', interviewee: '矿长', interviewDate: '2025-03-01' },
      true,
    ],
    ['warnings not listed', ['ordered_suspension', 'licence_action', 'interview'], { kind: 'warning' }, false],
    [
      'a suspension whatever else is listed',
      ['ordered_suspension', 'licence_action', 'fine'],
      { kind: 'ordered_suspension', scope: '全矿', from: '2025-03-01' },
      true,
    ],
  ])('the kinds the bureau lists as major: %s → major %s', (_, majorKinds, terms, major) => {
    const result = classifyPenalty(terms, { ...policy, majorKinds });
    expect(result.major).toBe(major);
    if (major) expect(result.reason).toMatch(/须经法制审核/);
  });
});

describe('state machine', () => {
  /** Each action × each stored state, taken by a caller who may take it: allowed exactly from the listed states. */
  const who: Record<PenaltyAction, Principal> = {
    submit_for_review: INSPECTOR,
    approve: REVIEWER,
    reject: REVIEWER,
    execute: INSPECTOR,
    cancel: ADMIN,
  };
  const allowed: Record<PenaltyAction, PenaltyStatus[]> = {
    submit_for_review: ['proposed'],
    approve: ['under_review'],
    reject: ['under_review'],
    execute: ['effective'],
    cancel: ['proposed', 'under_review'],
  };
  const cases = PENALTY_ACTIONS.flatMap((action) =>
    PENALTY_STATUSES.map((status) => [action, status, allowed[action].includes(status)] as const),
  );

  it.each(cases)('%s from %s → allowed %s', (action, status, ok) => {
    const refused = refusal(penalty(status), action, who[action]);
    if (ok) expect(refused).toBeUndefined();
    else {
      expect(refused).toBeInstanceOf(RuleError);
      expect(refused!.fields).toEqual([{ field: 'body.action', message: `not allowed from ${status}` }]);
    }
  });

  it('leads where the flow says', () => {
    expect(ACTION_TO).toEqual({
      submit_for_review: 'under_review',
      approve: 'effective',
      reject: 'rejected',
      execute: 'executed',
      cancel: 'cancelled',
    });
    expect(ACTION_FROM).toEqual(allowed);
  });

  it.each(['rejected', 'executed', 'cancelled'] as const)('%s is final: no action leads out of it', (status) => {
    for (const action of PENALTY_ACTIONS)
      expect(refusal(penalty(status), action, who[action]), action).toBeInstanceOf(RuleError);
  });

  it.each<[PenaltyAction, Principal]>([
    ['submit_for_review', REVIEWER],
    ['execute', REVIEWER],
    ['cancel', REVIEWER],
  ])('%s by a legal reviewer is not theirs to take (403)', (action, caller) => {
    expect(refusal(penalty(allowed[action][0]!), action, caller)).toBeInstanceOf(ForbiddenError);
  });
});

describe('four-eyes on the legal review', () => {
  const underReview = (extra: Partial<PenaltyItem> = {}) => penalty('under_review', extra);

  it.each(['approve', 'reject'] as const)(
    '%s by the proposer is refused (422), whatever the proposer’s role',
    (action) => {
      const refused = refusal(underReview(), action, INSPECTOR);
      expect(refused).toBeInstanceOf(RuleError);
      expect(refused!.message).toContain('提出人');
      const adminProposed = underReview({ proposedBy: { sub: ADMIN.sub, role: 'bureau_admin' } });
      expect(refusal(adminProposed, action, ADMIN)).toBeInstanceOf(RuleError);
    },
  );

  it.each(['approve', 'reject'] as const)('%s by whoever sent it to review is refused (422)', (action) => {
    const sent = underReview({ submittedBy: { sub: ADMIN.sub, role: 'bureau_admin' } });
    expect(refusal(sent, action, ADMIN)).toBeInstanceOf(RuleError);
  });

  it.each(['approve', 'reject'] as const)(
    '%s by another inspector or the admin, not a legal reviewer, is refused (422)',
    (action) => {
      for (const caller of [OTHER_INSPECTOR, ADMIN]) {
        const refused = refusal(underReview(), action, caller);
        expect(refused).toBeInstanceOf(RuleError);
        expect(refused!.message).toContain('法制审核');
      }
    },
  );

  it.each(['approve', 'reject'] as const)(
    '%s by a legal reviewer who neither proposed nor submitted it is allowed',
    (action) => {
      expect(
        refusal(underReview({ submittedBy: { sub: OTHER_INSPECTOR.sub, role: 'inspector' } }), action, REVIEWER),
      ).toBeUndefined();
    },
  );

  it('a legal reviewer who (somehow) proposed the penalty may not approve it', () => {
    expect(
      refusal(underReview({ proposedBy: { sub: REVIEWER.sub, role: 'legal_reviewer' } }), 'approve', REVIEWER),
    ).toBeInstanceOf(RuleError);
  });
});

describe('execution due date and overdue', () => {
  it.each<[string, PenaltyTerms, string, string]>([
    ['a fine: the policy’s days after it took effect', { kind: 'fine', amountYuan: 100 }, '2025-03-10', '2025-04-09'],
    ['a warning across a month end', { kind: 'warning' }, '2025-01-31', '2025-03-02'],
    [
      'a suspension with an end: its end',
      { kind: 'ordered_suspension', scope: '全矿', from: '2025-03-01', to: '2025-05-31' },
      '2025-03-10',
      '2025-05-31',
    ],
    [
      'a suspension that ended before it took effect: the day it took effect',
      { kind: 'ordered_suspension', scope: '全矿', from: '2025-01-01', to: '2025-02-01' },
      '2025-03-10',
      '2025-03-10',
    ],
    [
      'an open-ended suspension: the policy’s days',
      { kind: 'ordered_suspension', scope: '全矿', from: '2025-03-01' },
      '2025-03-10',
      '2025-04-09',
    ],
  ])('%s', (_, terms, effectiveOn, due) => {
    expect(executionDueFor(terms, effectiveOn, policy)).toBe(due);
  });

  const inForce = { status: 'effective' as const, effectiveOn: '2025-03-10', executionDue: '2025-04-09' };
  it.each<[string, Partial<PenaltyItem>, string, boolean]>([
    ['on its due date', inForce, '2025-04-09', false],
    ['the day after its due date', inForce, '2025-04-10', true],
    ['before it took effect', inForce, '2025-03-01', false],
    [
      'executed on time, asked later',
      { ...inForce, status: 'executed', executedOn: '2025-04-01' },
      '2025-06-01',
      false,
    ],
    [
      'executed late, asked before it was executed',
      { ...inForce, status: 'executed', executedOn: '2025-05-01' },
      '2025-04-20',
      true,
    ],
    [
      'executed late, asked after it was executed',
      { ...inForce, status: 'executed', executedOn: '2025-05-01' },
      '2025-05-02',
      false,
    ],
    ['proposed, never in force', { status: 'proposed' }, '2026-01-01', false],
    ['rejected', { status: 'rejected' }, '2026-01-01', false],
  ])('%s: overdue %s', (_, p, asOf, overdue) => {
    expect(isOverdueOn(p as PenaltyItem, asOf)).toBe(overdue);
  });

  it('reads as overdue only while in force, with the days it is late', () => {
    expect(viewStatus(inForce as PenaltyItem, '2025-04-09')).toBe('effective');
    expect(viewStatus(inForce as PenaltyItem, '2025-04-12')).toBe('overdue');
    expect(daysOverdue(inForce, '2025-04-12')).toBe(3);
    expect(viewStatus({ ...inForce, status: 'executed', executedOn: '2025-05-01' } as PenaltyItem, '2025-06-01')).toBe(
      'executed',
    );
  });
});
