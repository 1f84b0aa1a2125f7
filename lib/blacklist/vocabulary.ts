/**
 * The words of the serious-dishonesty list (严重失信主体名单), plain data with the Chinese a bureau officer reads, so
 * the API and the dashboard name an entry's status, subject and scopes the same way (the dashboard bundles this
 * module: it imports nothing of the server). The flow is in ./entry.ts.
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

/**
 * What people do with an entry: from which statuses each action may be taken and who takes it. The lifecycle
 * refuses anything else with 422 (lib/blacklist/lifecycle.ts); the dashboard offers only these.
 */
export const BLACKLIST_ACTION_FROM = {
  serve_notice: ['proposed'],
  record_objection: ['notice_served'],
  answer_objection: ['notice_served'],
  submit_review: ['notice_served'],
  approve: ['under_review'],
  reject: ['under_review'],
  withdraw: ['proposed', 'notice_served', 'under_review'],
  request_removal: ['published'],
  approve_removal: ['published'],
  reject_removal: ['published'],
  revoke_removal: ['removed'],
  expire: ['published'],
} as const satisfies Record<string, readonly BlacklistStatus[]>;
export type BlacklistActionName = keyof typeof BLACKLIST_ACTION_FROM;

/** Who may take each action (the route lets every bureau role in; the wrong person is refused with 422). */
export const BLACKLIST_ACTION_BY: Record<
  BlacklistActionName,
  readonly ('bureau_admin' | 'inspector' | 'legal_reviewer' | 'system')[]
> = {
  serve_notice: ['bureau_admin', 'inspector'],
  record_objection: ['bureau_admin', 'inspector'],
  answer_objection: ['bureau_admin', 'inspector'],
  submit_review: ['bureau_admin', 'inspector'],
  approve: ['legal_reviewer'],
  reject: ['legal_reviewer'],
  withdraw: ['bureau_admin', 'inspector'],
  request_removal: ['bureau_admin', 'inspector'],
  approve_removal: ['legal_reviewer'],
  reject_removal: ['legal_reviewer'],
  revoke_removal: ['bureau_admin', 'legal_reviewer'],
  expire: ['system'],
};
