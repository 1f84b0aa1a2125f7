import type { Finding, RuleId, Severity } from '#lib/findings/vocabulary.ts';
import { statusOn } from '#lib/registry/status-on.ts';
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';
import type { Actor } from '#lib/store/audit.ts';
import { creditIndex, gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';
import { type CaseStatus, PENDING_STATUSES } from './vocabulary.ts';

/**
 * The violation a confirmed case records, by the rule that opened it; null where the act is not a violation of the
 * plan's list of its own.
 *
 * - MISSING and FLATLINE_OR_DROP are a meter or its report failing: not item (7) 监控系统 (that is the mine's safety
 *   monitoring system, 安全监控系统, not its electricity meter). The days without a reading already cost the mine
 *   its missed-reading points (`missed_reading`, from the no-data reviews); confirming the case records no violation
 *   and no points of its own, so one act costs once. The confirmed case stays the record of what was found
 *   (`outcome` on the case). Tampering proven on site is then recorded as the violation it is, on its own facts.
 * - REVISED_AFTER_REVIEW and DECLARATION_MISMATCH are the mine falsifying the electricity data it reports (changing
 *   it after review, declaring less than the meter drew). The plan has no item for false reporting of that data:
 *   item (7)'s 篡改数据 is the monitoring system's, (5)'s falsehood is drawings and seals, (12)'s is hazard
 *   rectification; truthful reporting to the supervisor is the mine's own duty, so it is item (3) 安全生产主体责任不落实.
 * - A production rule on a mine that was closed on the finding's day is 死灰复燃 (item 19): see caseViolation.
 * - The monitoring feeds' rules: people underground on a stopped day is item (15); over the approved headcount is
 *   item (4) 超定员; a gas alarm without power cut-off and a sensor offline are item (7). Electricity and people that
 *   disagree on a stopped day are the stopped mine producing (item 15, one act with PEOPLE_WHEN_STOPPED); on a
 *   producing day the personnel feed hides the crew, the monitoring data falsified (item 7): see caseViolation.
 */
export const RULE_VIOLATION: Readonly<Record<RuleId, ViolationCategory | null>> = {
  SUSPENDED_OVER_MAINTENANCE: 'stopped_mine_producing',
  NIGHT_PRODUCTION: 'stopped_mine_producing',
  HOIST_SHARE: 'stopped_mine_producing',
  CLOSED_CONSUMPTION: 'closed_mine_revived',
  OVER_CAPACITY: 'over_capacity',
  MISSING: null,
  FLATLINE_OR_DROP: null,
  SPIKE: 'over_capacity',
  REVISED_AFTER_REVIEW: 'responsibility_not_fulfilled',
  DECLARATION_MISMATCH: 'responsibility_not_fulfilled',
  LICENCE_INVALID: 'licences_incomplete',
  UNACCEPTED_PRODUCTION: 'stopped_mine_producing',
  PEOPLE_WHEN_STOPPED: 'stopped_mine_producing',
  OVER_HEADCOUNT: 'over_capacity',
  GAS_NO_POWER_CUT: 'monitoring_failure',
  SENSOR_OFFLINE: 'monitoring_failure',
  POWER_PEOPLE_DISAGREE: 'stopped_mine_producing',
  // Monitoring data changed after the review is the monitoring system's data altered (item 7).
  PERSONNEL_REVISED_AFTER_REVIEW: 'monitoring_failure',
  GAS_REVISED_AFTER_REVIEW: 'monitoring_failure',
};

/**
 * The major hazard (重大事故隐患) a confirmed case's act is, by its rule, as a category code of the major-hazard standard
 * (lib/hazards/standards.ts; the codes are stable across its 2015 and 2020 versions): people underground above the
 * approved headcount is 第三条第（一）项 超能力、超强度或者超定员组织生产; a methane alarm at the limit without power
 * cut-off is 第三条第（二）项 瓦斯超限作业 (a crew left working in gas over the limit). The confirmed case records it
 * (`outcome.majorHazard`) and is then on the credit index, so the credit model counts the act, its violation and any
 * hazard recorded from the case, once, as what it is (lib/credit/case-acts.ts). The other rules'
 * acts are not judged a major hazard by the case alone: an inspector who finds one records it from the case.
 */
export const RULE_MAJOR_HAZARD: Readonly<Partial<Record<RuleId, string>>> = {
  OVER_HEADCOUNT: 'OVER_CAPACITY',
  GAS_NO_POWER_CUT: 'GAS_OVERLIMIT',
};

/** Rules whose finding is production: on a mine closed that day, production is 死灰复燃, not 明停暗开 or 超能力. */
const PRODUCTION_RULES: readonly RuleId[] = [
  'SUSPENDED_OVER_MAINTENANCE',
  'NIGHT_PRODUCTION',
  'HOIST_SHARE',
  'OVER_CAPACITY',
  'SPIKE',
  'CLOSED_CONSUMPTION',
  'UNACCEPTED_PRODUCTION',
  'PEOPLE_WHEN_STOPPED',
  'POWER_PEOPLE_DISAGREE',
];

/** The violation a case of `rule` confirms to, given the mine's status on the finding's day; null for none. */
export function caseViolation(rule: RuleId, statusOnDay: MineStatus): ViolationCategory | null {
  if (statusOnDay === 'closed' && PRODUCTION_RULES.includes(rule)) return 'closed_mine_revived';
  if (rule === 'POWER_PEOPLE_DISAGREE' && statusOnDay === 'producing') return 'monitoring_failure';
  return RULE_VIOLATION[rule];
}

/** A mine's status on `day` from its status timeline (`fallback` for a mine with none recorded). */
export const statusOnDay = (timeline: readonly StatusSpan[], day: string, fallback: MineStatus): MineStatus =>
  timeline.length ? statusOn(timeline, day) : fallback;

/** What a confirmed case came to: the violation it recorded, or none (a reporting fault, priced by its days). */
export interface CaseOutcome {
  readonly statusOnDay: MineStatus;
  readonly category: ViolationCategory | null;
  /** The major-hazard category the act is (RULE_MAJOR_HAZARD), where it is one. */
  readonly majorHazard?: string;
  readonly label: string;
}

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
  /** Set when confirmed. */
  readonly outcome?: CaseOutcome;
  readonly version: number;
  readonly updatedAt: string;
}

/** The kind of a pending case's item on the due-date index: `DUE#<path>` / `<deadline>#CASE#<mineId>#<caseId>`. */
export const CASE_DUE_KIND = 'CASE';

/**
 * Keys of a case: its mine's partition, the jurisdiction's case list by status, the due-date index while pending, and
 * the credit index once confirmed as a major hazard.
 */
export function caseKeys(
  c: Pick<CaseItem, 'caseId' | 'mineId' | 'jurisdiction' | 'status' | 'deadline' | 'openedOn' | 'outcome'>,
) {
  return {
    PK: pk.mine(c.mineId),
    SK: sk.case(c.caseId),
    entity: 'case',
    GSI1PK: gsi1.casesOfProvince(c.jurisdiction),
    GSI1SK: gsi1.caseInJurisdiction(c.jurisdiction, c.status, c.caseId),
    ...(PENDING_STATUSES.includes(c.status)
      ? { GSI2PK: gsi2.due(c.jurisdiction), GSI2SK: gsi2.dueItem(c.deadline, CASE_DUE_KIND, c.mineId, c.caseId) }
      : {}),
    // Confirmed as a major hazard: on the credit index, dated as its violation, so the credit model knows the act.
    ...(c.outcome?.majorHazard ? creditIndex(c.mineId, c.openedOn, 'CASE', c.caseId) : {}),
  };
}
