/**
 * 一日 96 个刻度: the day's kWh per quarter-hour, with the review's night (22:00–06:00) shaded, the window the
 * night-production rule compares with the mine's stopped days. The x axis is the time of day in quarter-hours
 * (0 = 00:00, 96 = 24:00); each value sits in the middle of its quarter-hour, so the shading's edges fall exactly
 * on 06:00 and 22:00.
 */
import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { axisStyle, CHART_HEIGHT, COLORS, kwhRange } from './chart-style.ts';
import { quarterLabel, quarterSpan } from './dates.ts';
import { formatAxisKwh, formatKwh } from './format.ts';
import { isNightQuarter, NIGHT_RANGES, QUARTER_HOURS, type QuarterHourChartData } from './quarter-hour-data.ts';
import { UplotChart } from './uplot-chart.tsx';

/** The night as full-height shaded blocks. */
const nightPaths: uPlot.Series.PathBuilder = (u) => {
  const fill = new Path2D();
  const top = u.bbox.top;
  for (const [from, to] of NIGHT_RANGES) {
    const x0 = u.valToPos(from, 'x', true);
    const x1 = u.valToPos(to, 'x', true);
    fill.rect(x0, top, x1 - x0, u.bbox.height);
  }
  return { fill, stroke: null, flags: 0 };
};

const quarterOptions = (width: number): uPlot.Options => ({
  width,
  height: CHART_HEIGHT,
  cursor: { drag: { x: false, y: false } },
  scales: { x: { time: false, range: () => [0, QUARTER_HOURS] }, y: { range: kwhRange } },
  axes: [
    {
      ...axisStyle('时刻'),
      space: 48,
      incrs: [4, 8, 12, 16, 24],
      values: (_u, splits) => splits.map((i) => quarterLabel(i)),
    },
    {
      ...axisStyle('15分钟用电量 kWh'),
      size: 56,
      values: (_u, splits) => splits.map(formatAxisKwh),
    },
  ],
  series: [
    { label: '时段', value: (_u, _v, _s, i) => (i == null ? '—' : quarterSpan(i)) },
    {
      label: '夜间时段（22:00–06:00）',
      stroke: COLORS.night,
      fill: COLORS.nightFill,
      auto: false,
      paths: nightPaths,
      points: { show: false },
      value: (_u, _v, _s, i) => (i == null ? '—' : isNightQuarter(i) ? '夜间' : '昼间'),
    },
    {
      label: '用电量 kWh',
      stroke: COLORS.kwh,
      fill: COLORS.kwhFill,
      width: 2,
      points: { show: false },
      value: (_u, v, _s, i) => (i == null || v == null ? '—' : formatKwh(v)),
    },
  ],
});

export function QuarterHourChart({ data }: { data: QuarterHourChartData }) {
  const aligned = useMemo<uPlot.AlignedData>(
    () => [data.x.map((i) => i + 0.5), data.x.map(() => null), data.kwh],
    [data],
  );
  return <UplotChart options={quarterOptions} data={aligned} />;
}
