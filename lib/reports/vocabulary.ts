/** The states of a district's monthly report and their names on the page; no store here, so the web app imports it. */
export const REPORT_STATES = ['due', 'submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState | 'not_submitted', string> = {
  not_submitted: '未报送',
  due: '待报送',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已受理',
};
