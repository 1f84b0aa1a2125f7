/**
 * A penalty's (行政处罚) kinds, licence actions and statuses with the Chinese a bureau officer reads: plain data, so
 * the schemas that name them (and the dashboard's types read from those schemas) do not pull in the store. The flow
 * is in ./penalty-item.ts.
 */
export const PENALTY_KINDS = ['warning', 'fine', 'ordered_suspension', 'interview', 'licence_action'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  fine: '罚款',
  ordered_suspension: '责令停产整顿',
  interview: '约谈',
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
