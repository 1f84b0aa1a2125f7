import type { Principal } from '#lib/auth/principal.ts';
import type { DomainError } from '#lib/errors.ts';
import { addDays, daysBetween } from '#lib/validators/business-date.ts';
import { actionsFrom, actionTargets } from '#lib/workflow/declaration.ts';
import { type Decision, decide, type HistoryStep } from '#lib/workflow/engine.ts';
import {
  PENALTY_KIND_LABELS,
  type PenaltyItem,
  type PenaltyStatus,
  type PenaltyTerms,
  type PenaltyViewStatus,
} from './penalty-item.ts';
import type { PenaltyThresholds } from './penalty-policy.ts';
import { PENALTY_WORKFLOW, type PenaltyAction } from './vocabulary.ts';

/** The pure rules of penalties: which are major, what may happen in which state and by whom, when they are due. */

/**
 * 重大执法决定: a kind the policy names as major (an ordered suspension, a licence suspended or revoked, and any the
 * bureau's catalogue adds), or a fine above the policy's amount. A fine of exactly the amount is not above it.
 */
export function classifyPenalty(terms: PenaltyTerms, policy: PenaltyThresholds): { major: boolean; reason: string } {
  if (policy.majorKinds.includes(terms.kind)) {
    switch (terms.kind) {
      case 'ordered_suspension':
        return { major: true, reason: '责令停产整顿属重大执法决定，须经法制审核' };
      case 'licence_action':
        return { major: true, reason: '暂扣或吊销证照属重大执法决定，须经法制审核' };
      default:
        return {
          major: true,
          reason: `${PENALTY_KIND_LABELS[terms.kind]}属本辖区处罚策略列明的重大执法决定，须经法制审核`,
        };
    }
  }
  if (terms.kind === 'fine') {
    const amount = terms.amountYuan ?? 0;
    return amount > policy.majorFineThresholdYuan
      ? {
          major: true,
          reason: `罚款 ${amount} 元超过重大执法决定标准 ${policy.majorFineThresholdYuan} 元，须经法制审核`,
        }
      : { major: false, reason: `罚款 ${amount} 元未超过重大执法决定标准 ${policy.majorFineThresholdYuan} 元` };
  }
  return { major: false, reason: `${PENALTY_KIND_LABELS[terms.kind]}属一般处罚，作出即生效` };
}

export { PENALTY_ACTIONS, type PenaltyAction } from './vocabulary.ts';

/** The states each action is allowed from, and where it leads (from the declaration, PENALTY_WORKFLOW). */
export const ACTION_FROM = actionsFrom(PENALTY_WORKFLOW);
export const ACTION_TO = actionTargets(PENALTY_WORKFLOW) as Record<PenaltyAction, PenaltyStatus>;

/** Who took the steps the review's four-eyes rule looks at: the proposer, and whoever sent it to review. */
const historyOf = (p: Pick<PenaltyItem, 'proposedBy' | 'submittedBy'>): HistoryStep[] => [
  { action: 'propose', by: p.proposedBy },
  ...(p.submittedBy ? [{ action: 'submit_for_review', by: p.submittedBy }] : []),
];

/**
 * Whether this caller may take this action on this penalty now, and the state it leads to, as PENALTY_WORKFLOW
 * decides: a role that never takes the action (403), the wrong state (422), then for the review
 * (重大执法决定法制审核) the four-eyes rule, never the person who proposed the penalty or sent it to review, and only
 * a legal reviewer (422).
 */
export const decidePenaltyAction = (
  p: Pick<PenaltyItem, 'status' | 'proposedBy' | 'submittedBy'>,
  action: PenaltyAction,
  caller: Principal,
): Decision<PenaltyStatus> =>
  decide(PENALTY_WORKFLOW, { state: p.status, action, actor: caller, history: historyOf(p) });

/** Why this caller may not take this action on this penalty now, or undefined when they may. */
export function refusal(
  p: Pick<PenaltyItem, 'status' | 'proposedBy' | 'submittedBy'>,
  action: PenaltyAction,
  caller: Principal,
): DomainError | undefined {
  const decision = decidePenaltyAction(p, action, caller);
  return decision.allowed ? undefined : decision.error;
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
