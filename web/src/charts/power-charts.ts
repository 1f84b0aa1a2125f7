/** The charts, loaded on demand (`import('./power-charts.ts')`) so uPlot stays out of the first page load. */
export { DailyChart } from './daily-chart.tsx';
export { QuarterHourChart } from './quarter-hour-chart.tsx';
