/** Where a decision in force stands with its publication, as the bureau sees it: plain data. */
export const DISCLOSURE_STATES = ['due', 'overdue', 'published', 'withdrawn'] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];
export const DISCLOSURE_STATE_LABELS: Record<DisclosureState, string> = {
  due: '待公示',
  overdue: '逾期未公示',
  published: '已公示',
  withdrawn: '已撤下',
};
