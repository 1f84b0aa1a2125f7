import type { NamedPerson } from '#lib/registry/responsible-persons.ts';
import type { LicenceStateEntry, LicenceType } from '#lib/registry/vocabulary.ts';
import type { Actor } from '#lib/store/audit.ts';
import { CREDIT_OPEN, creditIndex, pk } from '#lib/store/keys.ts';
import { penaltyDue, penaltyGsi1, penaltySk } from './penalty-keys.ts';
import type { LicenceAction, PenaltyKind, PenaltyStatus } from './vocabulary.ts';

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
export {
  LICENCE_ACTION_LABELS,
  LICENCE_ACTIONS,
  type LicenceAction,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
  PENALTY_STATUS_LABELS,
  PENALTY_STATUSES,
  PENALTY_VIEW_STATUSES,
  type PenaltyKind,
  type PenaltyStatus,
  type PenaltyViewStatus,
} from './vocabulary.ts';

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
  /**
   * 行政处罚决定书's number, allocated by the bureau (lib/documents) in the transaction that puts the penalty in
   * force: on creation of a general one, on approval of a major one. Never on a proposal.
   */
  readonly documentNo?: string;
  /** The legal basis (法律依据). */
  readonly basis: string;
  readonly description: string;
  readonly violationIds: readonly string[];
  /** The responsible key persons named (copied from the mine's file when named). */
  readonly responsiblePersons?: readonly NamedPerson[];
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
  /** What an effective licence action put on the licence's state history (lib/registry/licences.ts). */
  readonly licenceChange?: LicenceStateEntry;
  readonly steps: readonly PenaltyStep[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Keys of a penalty: its mine's partition, the jurisdiction's list, and the due-date index while in force and not executed. */
export function penaltyKeys(
  p: Pick<PenaltyItem, 'penaltyId' | 'mineId' | 'jurisdiction' | 'status' | 'executionDue' | 'executedOn'>,
) {
  return {
    PK: pk.mine(p.mineId),
    SK: penaltySk.penalty(p.penaltyId),
    entity: 'penalty',
    GSI1PK: penaltyGsi1.penaltiesOfProvince(p.jurisdiction),
    GSI1SK: penaltyGsi1.penaltyInJurisdiction(p.jurisdiction, p.penaltyId),
    ...(p.status === 'effective' && p.executionDue
      ? penaltyDue(p.jurisdiction, p.executionDue, p.mineId, p.penaltyId)
      : {}),
    // The credit model counts a penalty in force and not executed by its due date (and, once executed late, on from then).
    ...(p.status === 'effective' ? creditIndex(p.mineId, CREDIT_OPEN, 'PENALTY', p.penaltyId) : {}),
    ...(p.status === 'executed' && p.executedOn ? creditIndex(p.mineId, p.executedOn, 'PENALTY', p.penaltyId) : {}),
  };
}
