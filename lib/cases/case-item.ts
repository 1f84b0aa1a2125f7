import type { Actor } from '../store/audit.ts';
import { gsi1, gsi2, pk, sk } from '../store/keys.ts';
import type { Finding, RuleId, Severity } from '../power/types.ts';
import type { ViolationCategory } from '../violations/categories.ts';

/**
 * An investigation case (调查核实) opened by a high or critical finding of the electricity review. Flow:
 * open → investigating → confirmed (creates a violation) or dismissed (reason required) → closed.
 */
export const CASE_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { open: '待核实', investigating: '核实中', confirmed: '已认定', dismissed: '已排除', closed: '已结案' };
/** Statuses in which a case still waits for the bureau, and so can be overdue. */
export const PENDING_STATUSES: readonly CaseStatus[] = ['open', 'investigating'];

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
};

export const RULE_LABELS: Record<RuleId, string> = {
  SUSPENDED_OVER_MAINTENANCE: '停产矿井用电超维持性负荷',
  CLOSED_CONSUMPTION: '关闭矿井仍有用电',
  OVER_CAPACITY: '超核定能力用电',
  NIGHT_PRODUCTION: '停产矿井夜间用电异常',
  HOIST_SHARE: '提升机用电占比异常升高',
  SPIKE: '用电量突增',
  FLATLINE_OR_DROP: '电量恒定或骤降',
  MISSING: '未按时报送电量',
  REVISED_AFTER_REVIEW: '审查后修改电量数据',
};

export const opensCase = (severity: Severity): boolean => severity === 'high' || severity === 'critical';

export interface CaseStep {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

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
    ...(PENDING_STATUSES.includes(c.status) ? { GSI2PK: gsi2.due(c.deadline), GSI2SK: gsi2.dueItem('CASE', c.mineId, c.caseId) } : {}),
  };
}
