import {
  type ActorRole,
  actionLabels,
  actionsBy,
  actionsFrom,
  stepLabels,
  type WorkflowDeclaration,
} from '#lib/workflow/declaration.ts';

/**
 * The words of the serious-dishonesty list (严重失信主体名单), plain data with the Chinese a bureau officer reads, so
 * the API and the dashboard name an entry's status, subject and scopes the same way (the dashboard bundles this
 * module: it imports nothing of the server but the plain workflow declaration's helpers). The flow is drawn in
 * ./entry.ts and declared here.
 */
export const BLACKLIST_STATUSES = [
  'proposed',
  'notice_served',
  'under_review',
  'published',
  'rejected',
  'withdrawn',
  'expired',
  'removed',
] as const;
export type BlacklistStatus = (typeof BLACKLIST_STATUSES)[number];
export const BLACKLIST_STATUS_LABELS: Record<BlacklistStatus, string> = {
  proposed: '拟列入（待告知）',
  notice_served: '已事先告知（陈述申辩期）',
  under_review: '法制审核中',
  published: '已列入并公示',
  rejected: '法制审核未通过',
  withdrawn: '已撤回',
  expired: '期满移出',
  removed: '提前移出（信用修复）',
};
/** Statuses in which the subject has an open entry: a second proposal for it is refused. */
export const OPEN_STATUSES: readonly BlacklistStatus[] = ['proposed', 'notice_served', 'under_review', 'published'];

export const SUBJECT_TYPES = ['enterprise', 'person'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a listing restricts (联合惩戒): other departments refuse these to a listed subject. */
export const SCOPES = ['project_approval', 'design_approval', 'safety_licence', 'qualification'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  project_approval: '项目核准',
  design_approval: '设计审批',
  safety_licence: '安全许可',
  qualification: '从业资格准入',
};

/** The legal reviewer who decides on a listing is not the one who proposed it. */
const PROPOSER = { notBy: 'propose', party: 'proposer', partyLabel: '提议人' } as const;
/** The legal reviewer who decides on an early removal is not the one who asked for it. */
const REQUESTER = { notBy: 'request_removal', party: 'requester', partyLabel: '申请人' } as const;
/** The legal reviewer who decides on revoking a removal is not the one who proposed revoking it. */
const REVOKER = { notBy: 'revoke_removal', party: 'revocation proposer', partyLabel: '撤销提请人' } as const;
const SQUAD = ['bureau_admin', 'inspector'] as const;

/**
 * The flow (应急管理部令第11号), declared once (lib/workflow/): from which statuses each action may be taken, where it
 * leads, who takes it and the four-eyes pairs of the legal review and of early removal. The lifecycle refuses
 * anything else with 422, a role that may not take an action included (lib/blacklist/lifecycle.ts, which checks
 * each action's dates and material besides); the dashboard offers only these. Revoking a removal takes two
 * signatures like the removal itself: a leader or a legal reviewer proposes it with the evidence of forgery
 * (`revoke_removal`, which changes nothing yet), and a legal reviewer who did not propose it approves it, which
 * puts the entry back on the list (or expired when its end date has come meanwhile), or rejects it.
 */
export const BLACKLIST_WORKFLOW = {
  subject: '名单记录',
  states: BLACKLIST_STATUSES,
  stateLabels: BLACKLIST_STATUS_LABELS,
  creation: { propose: '拟列入' },
  roleRefusal: 'rule',
  actions: {
    serve_notice: { label: '送达事先告知书', from: ['proposed'], to: 'notice_served', by: SQUAD },
    // The mine states its own objection too (through its own route, within the window); the bureau records one on paper.
    record_objection: { label: '登记陈述申辩', from: ['notice_served'], by: [...SQUAD, 'mine_user'] },
    answer_objection: { label: '答复陈述申辩', from: ['notice_served'], by: SQUAD },
    submit_review: { label: '提交法制审核', from: ['notice_served'], to: 'under_review', by: SQUAD },
    approve: {
      label: '审核通过并列入',
      from: ['under_review'],
      to: 'published',
      by: ['legal_reviewer'],
      fourEyes: [PROPOSER],
    },
    reject: {
      label: '审核不通过',
      from: ['under_review'],
      to: 'rejected',
      by: ['legal_reviewer'],
      fourEyes: [PROPOSER],
    },
    withdraw: { label: '撤回', from: ['proposed', 'notice_served', 'under_review'], to: 'withdrawn', by: SQUAD },
    request_removal: { label: '申请提前移出', from: ['published'], by: SQUAD },
    approve_removal: {
      label: '同意提前移出',
      from: ['published'],
      to: 'removed',
      by: ['legal_reviewer'],
      fourEyes: [REQUESTER],
    },
    reject_removal: { label: '不同意提前移出', from: ['published'], by: ['legal_reviewer'], fourEyes: [REQUESTER] },
    revoke_removal: { label: '提请撤销提前移出', from: ['removed'], by: ['bureau_admin', 'legal_reviewer'] },
    approve_revocation: {
      label: '同意撤销提前移出',
      from: ['removed'],
      to: ['published', 'expired'],
      by: ['legal_reviewer'],
      fourEyes: [REVOKER],
    },
    reject_revocation: {
      label: '不同意撤销提前移出',
      from: ['removed'],
      by: ['legal_reviewer'],
      fourEyes: [REVOKER],
    },
    expire: { label: '期满移出', from: ['published'], to: 'expired', by: ['system'] },
  },
} as const satisfies WorkflowDeclaration<BlacklistStatus>;
export type BlacklistActionName = keyof typeof BLACKLIST_WORKFLOW.actions;

/** From which statuses each action may be taken, and who takes it: read by the dashboard to offer the actions. */
export const BLACKLIST_ACTION_FROM: Record<BlacklistActionName, readonly BlacklistStatus[]> =
  actionsFrom(BLACKLIST_WORKFLOW);
export const BLACKLIST_ACTION_BY: Record<BlacklistActionName, readonly ActorRole[]> = actionsBy(BLACKLIST_WORKFLOW);
export const BLACKLIST_ACTION_LABELS: Record<BlacklistActionName, string> = actionLabels(BLACKLIST_WORKFLOW);
/** The Chinese name of every step an entry's history holds. */
export const BLACKLIST_STEP_LABELS: Record<string, string> = stepLabels(BLACKLIST_WORKFLOW);
