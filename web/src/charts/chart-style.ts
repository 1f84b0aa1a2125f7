import type uPlot from 'uplot';

/** Colours and sizes shared by the charts. */
export const COLORS = {
  kwh: '#2563eb',
  kwhFill: 'rgba(37, 99, 235, 0.08)',
  band: 'rgba(22, 163, 74, 0.7)',
  bandFill: 'rgba(22, 163, 74, 0.16)',
  anomaly: '#dc2626',
  /** A flagged day, shaded across every panel of the mine's days. */
  anomalyShade: 'rgba(220, 38, 38, 0.16)',
  /** A day a feed did not report. */
  noData: 'rgba(148, 163, 184, 0.16)',
  people: '#7c3aed',
  approved: 'rgba(124, 58, 237, 0.55)',
  alarms: '#f59e0b',
  offline: '#0891b2',
  night: 'rgba(71, 85, 105, 0.6)',
  nightFill: 'rgba(71, 85, 105, 0.14)',
  axis: '#334155',
  grid: 'rgba(148, 163, 184, 0.35)',
} as const;

export const CHART_HEIGHT = 300;
const AXIS_FONT = '12px system-ui, "Noto Sans CJK SC", sans-serif';
const LABEL_FONT = 'bold 12px system-ui, "Noto Sans CJK SC", sans-serif';

/** An axis in the charts' look (title, fonts, colour, grid lines); each chart adds its spacing and tick labels. */
export const axisStyle = (label: string): uPlot.Axis => ({
  label,
  font: AXIS_FONT,
  labelFont: LABEL_FONT,
  stroke: COLORS.axis,
  grid: { stroke: COLORS.grid },
});

/** A y range from 0 to a little above the highest value, so bars of kWh are never cut and never exaggerated. */
export const kwhRange = (_u: unknown, _min: number | null, max: number | null): [number, number] => [
  0,
  max !== null && max > 0 ? max * 1.12 : 1,
];
