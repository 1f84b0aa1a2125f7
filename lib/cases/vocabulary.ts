import type { Role } from '#lib/auth/roles.ts';
import {
  actionLabels,
  actionsFrom,
  actionTargets,
  stepLabels,
  type WorkflowDeclaration,
} from '#lib/workflow/declaration.ts';

/**
 * The words of an investigation case (调查核实), plain data with the Chinese a bureau officer reads, so the API and
 * the dashboard name statuses, rules and the allowed actions the same way (the dashboard bundles this module: it
 * imports nothing of the server but types and the plain workflow declaration's helpers). Flow:
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

/** Who handles cases: the supervision squad and the bureau's leaders. Mine users and reviewers only read. */
export const CASE_HANDLERS = ['bureau_admin', 'inspector'] as const satisfies readonly Role[];

/**
 * The flow, declared once (lib/workflow/): from which statuses each action may be taken (any other is refused with
 * 422, and the page does not offer it) and where it leads; assigning keeps the status. Only the handlers act (403).
 */
export const CASE_WORKFLOW: WorkflowDeclaration<CaseStatus, CaseAction> = {
  subject: '案件',
  states: CASE_STATUSES,
  stateLabels: CASE_STATUS_LABELS,
  creation: { open: '立案' },
  roleRefusal: 'forbidden',
  actions: {
    assign: { label: '指派承办人', from: ['open', 'investigating'], by: CASE_HANDLERS },
    start: { label: '开始核实', from: ['open'], to: 'investigating', by: CASE_HANDLERS },
    confirm: { label: '认定违法', from: ['investigating'], to: 'confirmed', by: CASE_HANDLERS },
    dismiss: { label: '排除', from: ['open', 'investigating'], to: 'dismissed', by: CASE_HANDLERS },
    close: { label: '结案', from: ['confirmed', 'dismissed'], to: 'closed', by: CASE_HANDLERS },
  },
};

/** From which statuses each action may be taken; the page offers only these. */
export const CASE_ACTION_FROM: Record<CaseAction, readonly CaseStatus[]> = actionsFrom(CASE_WORKFLOW);
/** The status an action leaves the case in; assigning keeps it. */
export const CASE_ACTION_TO: Partial<Record<CaseAction, CaseStatus>> = actionTargets(CASE_WORKFLOW);
export const CASE_ACTION_LABELS: Record<CaseAction, string> = actionLabels(CASE_WORKFLOW);
/** The Chinese name of every step a case's history holds. */
export const CASE_STEP_LABELS: Record<string, string> = stepLabels(CASE_WORKFLOW);
