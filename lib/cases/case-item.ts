import type { Finding, RuleId, Severity } from '#lib/findings/vocabulary.ts';
import type { Actor } from '#lib/store/audit.ts';
import { gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';
import { type CaseStatus, PENDING_STATUSES } from './vocabulary.ts';

/** The violation a confirmed case records, by the rule that opened it. */
export const RULE_VIOLATION: Partial<Record<RuleId, ViolationCategory>> = {
  SUSPENDED_OVER_MAINTENANCE: 'stopped_mine_producing',
  NIGHT_PRODUCTION: 'stopped_mine_producing',
  HOIST_SHARE: 'stopped_mine_producing',
  CLOSED_CONSUMPTION: 'closed_mine_revived',
  OVER_CAPACITY: 'over_capacity',
  MISSING: 'monitoring_failure',
  FLATLINE_OR_DROP: 'monitoring_failure',
  SPIKE: 'over_capacity',
  REVISED_AFTER_REVIEW: 'monitoring_failure',
  // Declaring less than the meter drew is falsifying the data the bureau supervises with (篡改数据).
  DECLARATION_MISMATCH: 'monitoring_failure',
  LICENCE_INVALID: 'licences_incomplete',
};

export interface CaseStep {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

/** An investigation case (调查核实) as stored; its statuses, rule names and actions are in ./vocabulary.ts. */
export interface CaseItem {
  readonly caseId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly rule: RuleId;
  readonly ruleLabel: string;
  readonly severity: Severity;
  readonly status: CaseStatus;
  /** Business date of the finding that opened it. */
  readonly openedOn: string;
  readonly openedAt: string;
  /** Business date by which the bureau must have handled it. */
  readonly deadline: string;
  readonly firstFinding: Finding;
  readonly assignee?: { readonly userId: string; readonly name: string };
  readonly steps: readonly CaseStep[];
  readonly violationId?: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** Keys of a case: its mine's partition, the jurisdiction's case list by status, and the due-date index while pending. */
export function caseKeys(c: Pick<CaseItem, 'caseId' | 'mineId' | 'jurisdiction' | 'status' | 'deadline'>) {
  return {
    PK: pk.mine(c.mineId),
    SK: sk.case(c.caseId),
    entity: 'case',
    GSI1PK: gsi1.casesOfProvince(c.jurisdiction),
    GSI1SK: gsi1.caseInJurisdiction(c.jurisdiction, c.status, c.caseId),
    ...(PENDING_STATUSES.includes(c.status)
      ? { GSI2PK: gsi2.due(c.deadline), GSI2SK: gsi2.dueItem('CASE', c.mineId, c.caseId) }
      : {}),
  };
}
