import type { Actor } from '../store/audit.ts';
import { CREDIT_OPEN, creditIndex, pk } from '../store/keys.ts';
import type { LicenceType } from '../registry/vocabulary.ts';
import { penaltyDue, penaltyGsi1, penaltySk } from './penalty-keys.ts';

/**
 * An administrative penalty (行政处罚) against a mine. Flow:
 *
 *   general (一般):  created → effective → executed
 *   major (重大):    proposed → under_review → effective → executed
 *                                           ↘ rejected
 *                   proposed / under_review → cancelled (withdrawn by the bureau)
 *
 * An effective penalty not executed by its due date reads as `overdue` (never stored: it is a matter of today's
 * date, and the credit model asks for it as of any date).
 */
export const PENALTY_KINDS = ['warning', 'fine', 'ordered_suspension', 'interview', 'licence_action'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  fine: '罚款',
  ordered_suspension: '责令停产整顿',
  interview: '约谈',
  licence_action: '暂扣或吊销证照',
};

export const LICENCE_ACTIONS = ['suspend', 'revoke'] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];
export const LICENCE_ACTION_LABELS: Record<LicenceAction, string> = { suspend: '暂扣', revoke: '吊销' };

/** What is stored. */
export const PENALTY_STATUSES = ['proposed', 'under_review', 'effective', 'rejected', 'executed', 'cancelled'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
/** What a client reads: an effective penalty past its due date is `overdue`. */
export const PENALTY_VIEW_STATUSES = [...PENALTY_STATUSES, 'overdue'] as const;
export type PenaltyViewStatus = (typeof PENALTY_VIEW_STATUSES)[number];
export const PENALTY_STATUS_LABELS: Record<PenaltyViewStatus, string> = {
  proposed: '拟处罚（待提交法制审核）',
  under_review: '法制审核中',
  effective: '已生效（待执行）',
  rejected: '法制审核未通过',
  executed: '已执行',
  cancelled: '已撤回',
  overdue: '逾期未执行',
};

/** The terms of a penalty: what is imposed. Only the fields of its kind are present. */
export interface PenaltyTerms {
  readonly kind: PenaltyKind;
  /** fine: amount in 元. */
  readonly amountYuan?: number;
  /** ordered_suspension: what must stop (the whole mine, a working face, …), from, to (open-ended when absent). */
  readonly scope?: string;
  readonly from?: string;
  readonly to?: string;
  /** interview: who is interviewed, on which day. */
  readonly interviewee?: string;
  readonly interviewDate?: string;
  /** licence_action: which licence, suspended (暂扣) or revoked (吊销). */
  readonly licenceType?: LicenceType;
  readonly licenceAction?: LicenceAction;
}

export interface PenaltyStep {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

/** What an effective ordered suspension did to the mine's status (see suspension-status.ts). */
export interface SuspensionStatusChange {
  readonly effectiveDate: string;
  /** false: scheduled, applied by the nightly job mine-status-effective on its date. */
  readonly applied: boolean;
  readonly recordedAt?: string;
  /** Set when no change was needed: the mine was already (or already scheduled to be) rectifying. */
  readonly skipped?: 'already_rectifying';
}

export interface PenaltyItem extends PenaltyTerms {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  /** 决定书文号: optional while proposed, required once the penalty is in force. */
  readonly decisionNo?: string;
  /** The legal basis (法律依据). */
  readonly basis: string;
  readonly description: string;
  readonly violationIds: readonly string[];
  readonly major: boolean;
  /** Why it is major (or why not), in words. */
  readonly majorReason: string;
  /** The penalty policy it was classified under. */
  readonly policy: { readonly definedAt: string | null; readonly version: number };
  readonly status: PenaltyStatus;
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly submittedBy?: Actor;
  readonly reviewedBy?: Actor;
  /** Business date it took effect, and the date by which it must be executed. */
  readonly effectiveOn?: string;
  readonly executionDue?: string;
  readonly executedOn?: string;
  readonly executionEvidence?: readonly string[];
  readonly statusChange?: SuspensionStatusChange;
  readonly steps: readonly PenaltyStep[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Keys of a penalty: its mine's partition, the jurisdiction's list, and the due-date index while in force and not executed. */
export function penaltyKeys(p: Pick<PenaltyItem, 'penaltyId' | 'mineId' | 'jurisdiction' | 'status' | 'executionDue' | 'executedOn'>) {
  return {
    PK: pk.mine(p.mineId),
    SK: penaltySk.penalty(p.penaltyId),
    entity: 'penalty',
    GSI1PK: penaltyGsi1.penaltiesOfProvince(p.jurisdiction),
    GSI1SK: penaltyGsi1.penaltyInJurisdiction(p.jurisdiction, p.penaltyId),
    ...(p.status === 'effective' && p.executionDue ? penaltyDue(p.executionDue, p.mineId, p.penaltyId) : {}),
    // The credit model counts a penalty in force and not executed by its due date (and, once executed late, on from then).
    ...(p.status === 'effective' ? creditIndex(p.mineId, CREDIT_OPEN, 'PENALTY', p.penaltyId) : {}),
    ...(p.status === 'executed' && p.executedOn ? creditIndex(p.mineId, p.executedOn, 'PENALTY', p.penaltyId) : {}),
  };
}
