import type { Actor } from '#lib/store/audit.ts';
import { type DatedKind, datedKeys } from '#lib/store/dated-records.ts';
import { gsi2 } from '#lib/store/keys.ts';
import { addDays } from '#lib/validators/business-date.ts';
import type { AcceptanceTerms } from './acceptance-policy.ts';
import { ACCEPTANCE_STATUS_LABELS, type AcceptanceStatus } from './vocabulary.ts';

/**
 * A mine's acceptance before it resumes production (复工复产验收), stored like the enforcement records
 * (lib/store/dated-records.ts) under the day it was applied for: PK MINE#<mineId>, SK ACCEPTANCE#<appliedOn>#<id>;
 * GSI1 ACCEPTANCES#<province> / <path>/#<appliedOn>#<id> (the jurisdiction's list); pointer ACCEPTANCEID#<id> /
 * ACCEPTANCE. While it waits for the bureau (the on-site check, or the approval) it is on the due-date index
 * (GSI2 DUE#<path> / <due>#ACCEPTANCE#<mineId>#<id>) for reminders.
 */
export const ACCEPTANCE_KIND: DatedKind = {
  entity: 'acceptance',
  prefix: 'ACCEPTANCE',
  idField: 'acceptanceId',
  label: '复工复产验收',
};
export const acceptanceKeys = datedKeys(ACCEPTANCE_KIND);
export const ACCEPTANCE_DUE_KIND = 'ACCEPTANCE';

/** One application (the first, or one made again after a return): the rectification report and its evidence. */
export interface AcceptanceApplication {
  /** 整改报告: what was rectified, as the mine writes it. */
  readonly report: string;
  /** References of the evidence files (lib/evidence) or documents the report relies on. */
  readonly evidence: readonly string[];
  readonly appliedBy: Actor;
  readonly appliedAt: string;
}

/** The on-site check: the inspection record that made it, its leader, and what it found. */
export interface AcceptanceCheck {
  readonly inspectionId: string;
  /** 带队负责人 of the inspection, as the inspection names it (absent when it names none). */
  readonly leader?: { readonly userId: string; readonly name: string };
  readonly assignedBy: Actor;
  readonly assignedAt: string;
  /** 现场检查结论, once recorded. */
  readonly findings?: string;
  readonly checkedOn?: string;
  readonly recordedBy?: Actor;
  readonly recordedAt?: string;
}

export interface AcceptanceStep {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
}

export interface AcceptanceRecord {
  readonly acceptanceId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  /** The business day of the first application: the record is filed under it. */
  readonly date: string;
  /** The mine's status when it applied: what it resumes from. */
  readonly fromStatus: string;
  readonly status: AcceptanceStatus;
  readonly application: AcceptanceApplication;
  readonly check?: AcceptanceCheck;
  /** The day the bureau's next step is due (the check, or the approval); absent once it waits for no one there. */
  readonly dueOn?: string;
  readonly approvedBy?: Actor;
  readonly approvedAt?: string;
  /** The business day of the approval: the mine is producing from it. */
  readonly approvedOn?: string;
  readonly returnReason?: string;
  readonly steps: readonly AcceptanceStep[];
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * When the bureau's next step is due, by the terms in force (./acceptance-policy.ts): the check from the
 * application, the approval from the check's conclusion.
 */
export function dueOnFor(status: AcceptanceStatus, since: string, terms: AcceptanceTerms): string | undefined {
  if (status === 'applied' || status === 'checking') return addDays(since, terms.checkDays);
  if (status === 'checked') return addDays(since, terms.approvalDays);
  return undefined;
}

/** Index attributes beyond the shared layout: the due-date entry while the bureau owes a step. */
export const acceptanceDueKeys = (
  r: Pick<AcceptanceRecord, 'dueOn' | 'mineId' | 'acceptanceId' | 'jurisdiction'>,
): Record<string, string> =>
  r.dueOn
    ? { GSI2PK: gsi2.due(r.jurisdiction), GSI2SK: gsi2.dueItem(r.dueOn, ACCEPTANCE_DUE_KIND, r.mineId, r.acceptanceId) }
    : {};

export const acceptanceView = (r: AcceptanceRecord) => ({ ...r, statusLabel: ACCEPTANCE_STATUS_LABELS[r.status] });
export type AcceptanceView = ReturnType<typeof acceptanceView>;
