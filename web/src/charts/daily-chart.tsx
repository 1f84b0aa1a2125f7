/**
 * 日用电量: the mine's daily kWh over the window, the baseline band (the totals the review accepts, drawn per day
 * where the day was reviewed), and the days the review flagged as red points with a dashed red line (a flagged day
 * without a reading has only the line). Hovering names the day's rules in the legend; clicking a day opens its
 * quarter-hour chart.
 */
import { useCallback, useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { axisStyle, CHART_HEIGHT, COLORS, kwhRange } from './chart-style.ts';
import type { DailyChartData } from './daily-data.ts';
import { formatAxisKwh, formatKwh } from './format.ts';
import { UplotChart } from './uplot-chart.tsx';

/** The band as one rectangle per reviewed day, from its low to its high total. */
const bandPaths =
  (data: DailyChartData): uPlot.Series.PathBuilder =>
  (u) => {
    const fill = new Path2D();
    const stroke = new Path2D();
    data.x.forEach((i) => {
      const low = data.bandLow[i];
      const high = data.bandHigh[i];
      if (low == null || high == null) return;
      const x0 = u.valToPos(i - 0.5, 'x', true);
      const x1 = u.valToPos(i + 0.5, 'x', true);
      const top = u.valToPos(high, 'y', true);
      const bottom = u.valToPos(low, 'y', true);
      fill.rect(x0, top, x1 - x0, bottom - top);
      stroke.moveTo(x0, top);
      stroke.lineTo(x1, top);
    });
    return { fill, stroke, flags: 0 };
  };

/** A vertical line over the whole plot on each flagged day. */
const markerPaths =
  (data: DailyChartData): uPlot.Series.PathBuilder =>
  (u) => {
    const stroke = new Path2D();
    const top = u.bbox.top;
    const bottom = u.bbox.top + u.bbox.height;
    for (const a of data.anomalies) {
      const x = u.valToPos(a.index, 'x', true);
      stroke.moveTo(x, top);
      stroke.lineTo(x, bottom);
    }
    return { stroke, fill: null, flags: 0 };
  };

const dailyOptions =
  (data: DailyChartData) =>
  (width: number): uPlot.Options => ({
    width,
    height: CHART_HEIGHT,
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: () => [-0.5, Math.max(data.x.length, 1) - 0.5] }, y: { range: kwhRange } },
    axes: [
      {
        ...axisStyle('日期'),
        space: 96,
        incrs: [1, 2, 7, 14, 28, 56],
        values: (_u, splits) => splits.map((i) => data.dates[i] ?? ''),
      },
      {
        ...axisStyle('日用电量 kWh'),
        size: 64,
        values: (_u, splits) => splits.map(formatAxisKwh),
      },
    ],
    series: [
      { label: '日期', value: (_u, _v, _s, i) => (i == null ? '—' : (data.dates[i] ?? '—')) },
      {
        label: '基线区间',
        stroke: COLORS.band,
        fill: COLORS.bandFill,
        width: 1,
        paths: bandPaths(data),
        points: { show: false },
        value: (_u, _v, _s, i) => {
          if (i == null) return '—';
          const low = data.bandLow[i];
          const high = data.bandHigh[i];
          return low == null || high == null ? '未审查' : `${formatAxisKwh(low)}–${formatKwh(high)}`;
        },
      },
      {
        label: '日用电量 kWh',
        stroke: COLORS.kwh,
        width: 2,
        points: { show: true, size: 4, fill: COLORS.kwh },
        value: (_u, v, _s, i) => (i == null ? '—' : v == null ? '无读数' : formatKwh(v)),
      },
      {
        label: '异常日',
        stroke: COLORS.anomaly,
        width: 1,
        dash: [4, 4],
        paths: markerPaths(data),
        points: { show: true, size: 10, width: 2, fill: COLORS.anomaly, stroke: '#fff' },
        value: (_u, _v, _s, i) => (i == null ? '—' : (data.anomalyAt[i]?.label ?? '—')),
      },
    ],
  });

export function DailyChart({ data, onPickDay }: { data: DailyChartData; onPickDay: (date: string) => void }) {
  const options = useMemo(() => dailyOptions(data), [data]);
  const aligned = useMemo<uPlot.AlignedData>(() => [data.x, data.bandHigh, data.kwh, data.anomalyKwh], [data]);
  const onReady = useCallback(
    (chart: uPlot) => {
      chart.over.addEventListener('click', (event) => {
        const left = event.clientX - chart.over.getBoundingClientRect().left;
        const date = data.dates[Math.round(chart.posToVal(left, 'x'))];
        if (date) onPickDay(date);
      });
      chart.over.style.cursor = 'pointer';
    },
    [data, onPickDay],
  );
  return <UplotChart options={options} data={aligned} onReady={onReady} />;
}
