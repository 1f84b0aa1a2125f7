import { actionLabels, type WorkflowDeclaration } from '#lib/workflow/declaration.ts';

/**
 * 复工复产验收: the words and the flow of a mine's acceptance before it resumes production, plain data the API and
 * the dashboard share. A suspended, rectifying or construction mine applies with its rectification report; the bureau
 * links the on-site check (an inspection record) and records what the check found; a bureau_admin who neither led
 * the check nor recorded it approves (the mine is producing from the approved date) or the bureau returns it to the
 * mine with a reason, and the mine applies again.
 */
export const ACCEPTANCE_STATUSES = ['applied', 'checking', 'checked', 'approved', 'returned'] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];
export const ACCEPTANCE_STATUS_LABELS: Record<AcceptanceStatus, string> = {
  applied: '待安排现场检查',
  checking: '现场检查中',
  checked: '待审批',
  approved: '验收通过',
  returned: '已退回',
};
/** Still under way: one at a time per mine. */
export const OPEN_ACCEPTANCE_STATUSES: readonly AcceptanceStatus[] = ['applied', 'checking', 'checked', 'returned'];

export const ACCEPTANCE_ACTIONS = ['assign_check', 'record_check', 'approve', 'return', 'reapply'] as const;
export type AcceptanceAction = (typeof ACCEPTANCE_ACTIONS)[number];

/**
 * The flow, declared once (lib/workflow/). The approval is the second signature: not by whoever recorded the check
 * and not by the leader (带队负责人) of the inspection that made it; a bureau_admin is not exempt. A role that may not
 * take an action is refused with 403.
 */
export const ACCEPTANCE_WORKFLOW: WorkflowDeclaration<AcceptanceStatus, AcceptanceAction> = {
  subject: '复工复产验收',
  states: ACCEPTANCE_STATUSES,
  stateLabels: ACCEPTANCE_STATUS_LABELS,
  // Leading the on-site check is a step of the inspection record, not of this flow; it is named here so the approval's
  // four-eyes pair can refer to it (the history of an acceptance carries the inspection's leader as that step).
  creation: { apply: '提出申请', lead_check: '带队现场检查' },
  roleRefusal: 'forbidden',
  actions: {
    assign_check: {
      label: '安排现场检查',
      from: ['applied'],
      to: 'checking',
      by: ['bureau_admin', 'inspector'],
    },
    record_check: {
      label: '记录现场检查结论',
      from: ['checking'],
      to: 'checked',
      by: ['bureau_admin', 'inspector'],
    },
    approve: {
      label: '审批同意复产',
      from: ['checked'],
      to: 'approved',
      by: ['bureau_admin'],
      fourEyes: [
        { notBy: 'record_check', party: 'check recorder', partyLabel: '现场检查结论记录人' },
        { notBy: 'lead_check', party: 'check leader', partyLabel: '现场检查带队负责人' },
      ],
    },
    return: {
      label: '退回煤矿',
      from: ['applied', 'checking', 'checked'],
      to: 'returned',
      by: ['bureau_admin', 'inspector'],
    },
    reapply: { label: '重新提出申请', from: ['returned'], to: 'applied', by: ['mine_user'] },
  },
};
export const ACCEPTANCE_ACTION_LABELS: Record<AcceptanceAction, string> = actionLabels(ACCEPTANCE_WORKFLOW);
