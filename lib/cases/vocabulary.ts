import type { Role } from '#lib/auth/roles.ts';

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
