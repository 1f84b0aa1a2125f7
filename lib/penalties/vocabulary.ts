import type { WorkflowDeclaration } from '#lib/workflow/declaration.ts';

/**
 * A penalty's (行政处罚) kinds, licence actions, statuses and flow with the Chinese a bureau officer reads: plain
 * data, so the schemas that name them (and the dashboard's types read from those schemas) do not pull in the store.
 * The flow is drawn in ./penalty-item.ts and declared here (PENALTY_WORKFLOW).
 */
/**
 * Every kind a stored penalty may have. `interview` (约谈) is retired: an interview is not an administrative penalty
 * but a record of its own (lib/interviews/, `/v1/mines/{mineId}/interviews`). Penalties of that kind stored before
 * stay readable and keep their flow; no new one is accepted (NEW_PENALTY_KINDS).
 */
export const PENALTY_KINDS = ['warning', 'fine', 'ordered_suspension', 'interview', 'licence_action'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
/** Kinds kept for the penalties stored with them, refused on a new penalty. */
export const RETIRED_PENALTY_KINDS = ['interview'] as const satisfies readonly PenaltyKind[];
/** The kinds a new penalty may have. */
export const NEW_PENALTY_KINDS = PENALTY_KINDS.filter(
  (k): k is Exclude<PenaltyKind, (typeof RETIRED_PENALTY_KINDS)[number]> =>
    !(RETIRED_PENALTY_KINDS as readonly string[]).includes(k),
);
/** What a request for a penalty of the retired kind `interview` is told. */
export const INTERVIEW_NOT_A_PENALTY =
  '约谈不是行政处罚，不再作为处罚登记：请以 POST /v1/mines/{mineId}/interviews 登记约谈记录（已登记的约谈类处罚仍可查阅）';
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  fine: '罚款',
  ordered_suspension: '责令停产整顿',
  interview: '约谈（旧记录）',
  licence_action: '暂扣或吊销证照',
};

export const LICENCE_ACTIONS = ['suspend', 'revoke'] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];
export const LICENCE_ACTION_LABELS: Record<LicenceAction, string> = { suspend: '暂扣', revoke: '吊销' };

/** What is stored. */
export const PENALTY_STATUSES = ['proposed', 'under_review', 'effective', 'rejected', 'executed', 'cancelled'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
/** What a client reads: an effective penalty past its due date is `overdue`. */
export const PENALTY_VIEW_STATUSES = [...PENALTY_STATUSES, 'overdue'] as const;
export type PenaltyViewStatus = (typeof PENALTY_VIEW_STATUSES)[number];
export const PENALTY_STATUS_LABELS: Record<PenaltyViewStatus, string> = {
  proposed: '拟处罚（待提交法制审核）',
  under_review: '法制审核中',
  effective: '已生效（待执行）',
  rejected: '法制审核未通过',
  executed: '已执行',
  cancelled: '已撤回',
  overdue: '逾期未执行',
};

export const PENALTY_ACTIONS = ['submit_for_review', 'approve', 'reject', 'execute', 'cancel'] as const;
export type PenaltyAction = (typeof PENALTY_ACTIONS)[number];

/** The legal review (重大执法决定法制审核): a legal reviewer who neither proposed the penalty nor sent it to review. */
const LEGAL_REVIEW = {
  from: ['under_review'],
  by: ['legal_reviewer'],
  // Every bureau role reaches the action; one that is not the legal reviewer is refused as a rule of the review.
  roleRefusal: 'rule',
  fourEyes: [
    { notBy: 'propose', party: 'proposer', partyLabel: '提出人' },
    { notBy: 'submit_for_review', party: 'submitter', partyLabel: '提交人' },
  ],
} as const;

/**
 * The flow of a major penalty, declared once (lib/workflow/): proposed → under_review → effective (approved) or
 * rejected; effective → executed; withdrawn (cancelled) before it is decided. A general penalty is created in force
 * (the `decide` step) and only executed. The bureau's squad and leaders take every action but the review, the legal
 * reviewer only the review; a role that never takes an action is refused with 403.
 */
export const PENALTY_WORKFLOW: WorkflowDeclaration<PenaltyStatus, PenaltyAction> = {
  subject: '处罚',
  states: PENALTY_STATUSES,
  stateLabels: PENALTY_STATUS_LABELS,
  creation: { propose: '提出处罚', decide: '作出处罚决定' },
  roleRefusal: 'forbidden',
  actions: {
    submit_for_review: {
      label: '提交法制审核',
      from: ['proposed'],
      to: 'under_review',
      by: ['bureau_admin', 'inspector'],
    },
    approve: { label: '审核通过', to: 'effective', ...LEGAL_REVIEW },
    reject: { label: '审核不通过', to: 'rejected', ...LEGAL_REVIEW },
    execute: { label: '执行', from: ['effective'], to: 'executed', by: ['bureau_admin', 'inspector'] },
    cancel: { label: '撤回', from: ['proposed', 'under_review'], to: 'cancelled', by: ['bureau_admin', 'inspector'] },
  },
};
