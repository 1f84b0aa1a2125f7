import type { Principal } from '#lib/auth/principal.ts';
import type { Role } from '#lib/auth/roles.ts';
import { type DomainError, ForbiddenError, RuleError } from '#lib/errors.ts';
import { addDays, daysBetween } from '#lib/validators/business-date.ts';
import {
  PENALTY_KIND_LABELS,
  PENALTY_STATUS_LABELS,
  type PenaltyItem,
  type PenaltyStatus,
  type PenaltyTerms,
  type PenaltyViewStatus,
} from './penalty-item.ts';
import type { PenaltyThresholds } from './penalty-policy.ts';

/** The pure rules of penalties: which are major, what may happen in which state and by whom, when they are due. */

/**
 * 重大执法决定: an ordered suspension, a licence suspended or revoked, or a fine above the policy's amount. A fine
 * of exactly the amount is not above it.
 */
export function classifyPenalty(terms: PenaltyTerms, policy: PenaltyThresholds): { major: boolean; reason: string } {
  switch (terms.kind) {
    case 'ordered_suspension':
      return { major: true, reason: '责令停产整顿属重大执法决定，须经法制审核' };
    case 'licence_action':
      return { major: true, reason: '暂扣或吊销证照属重大执法决定，须经法制审核' };
    case 'fine': {
      const amount = terms.amountYuan ?? 0;
      return amount > policy.majorFineThresholdYuan
        ? {
            major: true,
            reason: `罚款 ${amount} 元超过重大执法决定标准 ${policy.majorFineThresholdYuan} 元，须经法制审核`,
          }
        : { major: false, reason: `罚款 ${amount} 元未超过重大执法决定标准 ${policy.majorFineThresholdYuan} 元` };
    }
    default:
      return { major: false, reason: `${PENALTY_KIND_LABELS[terms.kind]}属一般处罚，作出即生效` };
  }
}

export const PENALTY_ACTIONS = ['submit_for_review', 'approve', 'reject', 'execute', 'cancel'] as const;
export type PenaltyAction = (typeof PENALTY_ACTIONS)[number];

/** The states each action is allowed from, and where it leads. */
export const ACTION_FROM: Record<PenaltyAction, readonly PenaltyStatus[]> = {
  submit_for_review: ['proposed'],
  approve: ['under_review'],
  reject: ['under_review'],
  execute: ['effective'],
  cancel: ['proposed', 'under_review'],
};
export const ACTION_TO: Record<PenaltyAction, PenaltyStatus> = {
  submit_for_review: 'under_review',
  approve: 'effective',
  reject: 'rejected',
  execute: 'executed',
  cancel: 'cancelled',
};

/** Who may take each action. The review actions are the legal reviewer's alone. */
export const ACTION_ROLES: Record<PenaltyAction, readonly Role[]> = {
  submit_for_review: ['bureau_admin', 'inspector'],
  approve: ['legal_reviewer'],
  reject: ['legal_reviewer'],
  execute: ['bureau_admin', 'inspector'],
  cancel: ['bureau_admin', 'inspector'],
};
const REVIEW_ACTIONS: readonly PenaltyAction[] = ['approve', 'reject'];

/**
 * Why this caller may not take this action on this penalty now, or undefined when they may. In order: a role that
 * never takes the action (403), the wrong state (422), then for the review (重大执法决定法制审核) the four-eyes rule:
 * only a legal reviewer, and never the person who proposed the penalty or sent it to review (422).
 */
export function refusal(
  p: Pick<PenaltyItem, 'status' | 'proposedBy' | 'submittedBy'>,
  action: PenaltyAction,
  caller: Principal,
): DomainError | undefined {
  const review = REVIEW_ACTIONS.includes(action);
  if (!review && !ACTION_ROLES[action].includes(caller.role)) {
    return new ForbiddenError(`角色 ${caller.role} 不能对处罚执行 ${action}`);
  }
  if (!ACTION_FROM[action].includes(p.status)) {
    return new RuleError(`处罚当前状态为“${PENALTY_STATUS_LABELS[p.status]}”，不能执行 ${action}`, [
      { field: 'body.action', message: `not allowed from ${p.status}` },
    ]);
  }
  if (review) {
    if (caller.sub === p.proposedBy.sub || caller.sub === p.submittedBy?.sub) {
      return new RuleError('重大执法决定须由提出人以外的法制审核人员审核，提出人或提交人不能审核本人提出的处罚', [
        { field: 'body.action', message: 'the proposer or submitter may not review their own penalty' },
      ]);
    }
    if (!ACTION_ROLES[action].includes(caller.role)) {
      return new RuleError('重大执法决定须经法制审核人员审核', [
        { field: 'body.action', message: 'only a legal_reviewer may approve or reject' },
      ]);
    }
  }
  return undefined;
}

/**
 * The date by which an effective penalty must be executed: the end of an ordered suspension when it has one (never
 * before the day it took effect), else the policy's days after it took effect.
 */
export function executionDueFor(terms: PenaltyTerms, effectiveOn: string, policy: PenaltyThresholds): string {
  if (terms.kind === 'ordered_suspension' && terms.to) return terms.to > effectiveOn ? terms.to : effectiveOn;
  return addDays(effectiveOn, policy.executionDueDays);
}

/** Overdue as of a day: in force on that day, due before it, and not executed by then. */
export function isOverdueOn(
  p: Pick<PenaltyItem, 'status' | 'executionDue' | 'executedOn' | 'effectiveOn'>,
  asOf: string,
): boolean {
  if (!p.effectiveOn || !p.executionDue || p.effectiveOn > asOf) return false;
  if (p.status !== 'effective' && p.status !== 'executed') return false;
  if (p.executedOn && p.executedOn <= asOf) return false;
  return p.executionDue < asOf;
}

export function viewStatus(
  p: Pick<PenaltyItem, 'status' | 'executionDue' | 'executedOn' | 'effectiveOn'>,
  today: string,
): PenaltyViewStatus {
  return p.status === 'effective' && isOverdueOn(p, today) ? 'overdue' : p.status;
}

export const daysOverdue = (p: Pick<PenaltyItem, 'executionDue'>, asOf: string): number =>
  p.executionDue && p.executionDue < asOf ? daysBetween(p.executionDue, asOf) : 0;
