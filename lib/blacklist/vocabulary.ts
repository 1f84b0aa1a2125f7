/**
 * The words of the serious-dishonesty list (严重失信主体名单), plain data with the Chinese a bureau officer reads, so
 * the API and the dashboard name an entry's status, subject and scopes the same way (the dashboard bundles this
 * module: it imports nothing of the server). The flow is in ./entry.ts.
 */
export const BLACKLIST_STATUSES = ['proposed', 'notice_served', 'under_review', 'published', 'rejected', 'withdrawn', 'expired', 'removed'] as const;
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
