import { actionLabels, type WorkflowDeclaration } from '#lib/workflow/declaration.ts';

/**
 * A hazard's (隐患) statuses, levels, sources and actions, plain data with the Chinese a bureau officer reads, so the
 * API and the dashboard name them the same way (the dashboard bundles this module: it imports nothing of the server
 * but the plain workflow declaration's helpers). Flow: reported → rectifying (start) → submitted (the mine's
 * evidence) → verified (销号, closes it) or rejected (back to rectifying).
 */
export const HAZARD_STATUSES = ['reported', 'rectifying', 'submitted', 'verified'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  reported: '已登记',
  rectifying: '整改中',
  submitted: '待验收',
  verified: '已销号',
};
/** Every status but `verified`: the hazard is open, has a live deadline and can be overdue. */
export const OPEN_STATUSES: readonly HazardStatus[] = ['reported', 'rectifying', 'submitted'];
export const isOpen = (status: HazardStatus): boolean => status !== 'verified';

export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];
export const HAZARD_LEVEL_LABELS: Record<HazardLevel, string> = { general: '一般事故隐患', major: '重大事故隐患' };

/** Where the record came from: an inspection, the mine's own report, an investigation case. */
export const HAZARD_SOURCES = ['inspection', 'self_report', 'case'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** What people do with a hazard; the states each applies to and who may take it are in HAZARD_WORKFLOW. */
export const HAZARD_ACTIONS = ['start', 'submit', 'verify', 'reject'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/**
 * The flow, declared once (lib/workflow/): the mine rectifies and submits; the bureau starts, verifies and rejects.
 * 销号 is four-eyes: the verifier is not the one who submitted the rectification and, for a major hazard, not the one
 * who recorded it. Rejecting keeps the hazard open, so it is not under this rule. A role that may not take an action
 * is refused with 403.
 */
export const HAZARD_WORKFLOW: WorkflowDeclaration<HazardStatus, HazardAction> = {
  subject: '隐患',
  states: HAZARD_STATUSES,
  stateLabels: HAZARD_STATUS_LABELS,
  creation: { record: '登记' },
  roleRefusal: 'forbidden',
  actions: {
    start: { label: '开始整改', from: ['reported'], to: 'rectifying', by: ['bureau_admin', 'inspector', 'mine_user'] },
    submit: { label: '提交整改', from: ['rectifying'], to: 'submitted', by: ['mine_user'] },
    verify: {
      label: '验收销号',
      from: ['submitted'],
      to: 'verified',
      by: ['bureau_admin', 'inspector'],
      fourEyes: [
        { notBy: 'submit', party: 'submitter', partyLabel: '整改提交人' },
        { notBy: 'record', party: 'recorder', partyLabel: '登记人', when: { level: 'major' } },
      ],
    },
    reject: { label: '验收不通过', from: ['submitted'], to: 'rectifying', by: ['bureau_admin', 'inspector'] },
  },
};
export const HAZARD_ACTION_LABELS: Record<HazardAction, string> = actionLabels(HAZARD_WORKFLOW);
