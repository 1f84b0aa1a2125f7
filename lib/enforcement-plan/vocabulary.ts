/**
 * The enforcement plan's words (执法计划), plain data so the API and the dashboard name them the same way (the
 * dashboard bundles this module: it imports nothing of the server).
 */
export const PLAN_STATUSES = ['draft', 'approved', 'revising'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草拟中（待审批）',
  approved: '已审批',
  revising: '修订待审批',
};

/** A planned inspection's state on a day: done, still due (its month not yet over), overdue (its month is over). */
export const PLAN_ITEM_STATES = ['done', 'due', 'overdue'] as const;
export type PlanItemState = (typeof PLAN_ITEM_STATES)[number];
export const PLAN_ITEM_STATE_LABELS: Record<PlanItemState, string> = {
  done: '已完成',
  due: '待检查',
  overdue: '逾期未检',
};

/** The credit tiers a plan reads (the credit model's, A best). */
export const PLAN_TIERS = ['A', 'B', 'C', 'D'] as const;
export type PlanTier = (typeof PLAN_TIERS)[number];
