import { TIERS } from '#lib/credit/tiers.ts';
import { MINE_STATUS_LABELS, MINE_STATUSES } from '#lib/registry/vocabulary.ts';

/**
 * The figures of a jurisdiction's overview (辖区总览), each one number a bureau officer reads on the page. A mine's
 * row holds the same figures for that mine alone (mines = 1), so every figure of a jurisdiction is the sum of its
 * children's: a district's of its mines, a city's of its districts, a province's of its cities.
 */
export const FIGURE_KEYS = [
  'mines',
  ...MINE_STATUSES.map((s) => `status_${s}` as const),
  ...TIERS.map((t) => `tier_${t}` as const),
  'reviewed',
  'anomalies',
  'noData',
  'flagged',
  'casesOpen',
  'casesOverdue',
  'hazardsOpen',
  'hazardsOverdue',
  'majorHazardsOpen',
  'majorHazardsOverdue',
  'penaltiesMonth',
  'penaltiesYear',
  'finesMonthYuan',
  'finesYearYuan',
  'deadlines30',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export const FIGURE_LABELS: Record<FigureKey, string> = {
  mines: '煤矿',
  ...(Object.fromEntries(MINE_STATUSES.map((s) => [`status_${s}`, MINE_STATUS_LABELS[s]])) as Record<
    `status_${(typeof MINE_STATUSES)[number]}`,
    string
  >),
  ...(Object.fromEntries(TIERS.map((t) => [`tier_${t}`, `${t} 级`])) as Record<
    `tier_${(typeof TIERS)[number]}`,
    string
  >),
  reviewed: '昨夜审查煤矿',
  anomalies: '审查异常',
  noData: '未报电量',
  flagged: '有发现的煤矿',
  casesOpen: '待办案件',
  casesOverdue: '逾期案件',
  hazardsOpen: '未销号隐患',
  hazardsOverdue: '逾期隐患',
  majorHazardsOpen: '重大隐患',
  majorHazardsOverdue: '逾期重大隐患',
  penaltiesMonth: '本月处罚',
  penaltiesYear: '本年处罚',
  finesMonthYuan: '本月罚款（元）',
  finesYearYuan: '本年罚款（元）',
  deadlines30: '今后 30 日到期',
};

/** How many days of figures the series keeps (the sparklines' width). */
export const SERIES_DAYS = 90;
/** The figures the series keeps, one value per day. */
export const SERIES_KEYS = ['reviewed', 'anomalies', 'casesOpen'] as const;
/** The window of the deadlines' figure: today and the 29 days after it. */
export const DEADLINE_DAYS = 30;
