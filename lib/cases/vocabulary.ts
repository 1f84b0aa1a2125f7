import type { Role } from '#lib/auth/roles.ts';
import type { RuleId } from '#lib/power/types.ts';

/**
 * The words of an investigation case (调查核实), plain data with the Chinese a bureau officer reads, so the API and
 * the dashboard name statuses, rules and the allowed actions the same way (the dashboard bundles this module: it
 * imports nothing of the server but types). Flow:
 * open → investigating → confirmed (creates a violation) or dismissed (reason required) → closed.
 */
export const CASE_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: '待核实',
  investigating: '核实中',
  confirmed: '已认定',
  dismissed: '已排除',
  closed: '已结案',
};
/** Statuses in which a case still waits for the bureau, and so can be overdue. */
export const PENDING_STATUSES: readonly CaseStatus[] = ['open', 'investigating'];

/** The review's rules as a bureau officer names them; a case carries its rule's name. */
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

/** What people do with a case: assign, start, confirm (records a violation against the mine), dismiss, close. */
export const CASE_ACTIONS = ['assign', 'start', 'confirm', 'dismiss', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** From which statuses each action may be taken; any other is refused (422), and the page does not offer it. */
export const CASE_ACTION_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  assign: ['open', 'investigating'],
  start: ['open'],
  confirm: ['investigating'],
  dismiss: ['open', 'investigating'],
  close: ['confirmed', 'dismissed'],
};
/** The status an action leaves the case in; assigning keeps it. */
export const CASE_ACTION_TO: Partial<Record<CaseAction, CaseStatus>> = {
  start: 'investigating',
  confirm: 'confirmed',
  dismiss: 'dismissed',
  close: 'closed',
};

/** Who handles cases: the supervision squad and the bureau's leaders. Mine users and reviewers only read. */
export const CASE_HANDLERS = ['bureau_admin', 'inspector'] as const satisfies readonly Role[];
