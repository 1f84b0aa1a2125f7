/**
 * 三方数据对照: the mine's days on one axis of dates, as stacked panels that share it (one uPlot chart each, the
 * cursor synced, the y axes of one width so the days line up): daily kWh against the band the review accepts, people
 * underground (the day's peak and the approved headcount), gas over-limit alarms (those without a power cut in red)
 * and the longest sensor outage. A flagged day is shaded across every panel; a day a feed did not report is grey, with
 * no line or bar. Hovering (or tapping) a day names its values and the rules that flagged it above the panels;
 * clicking a day opens its quarter-hour chart.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { axisStyle, COLORS, kwhRange } from './chart-style.ts';
import type { DailyChartData } from './daily-data.ts';
import { formatAxisKwh } from './format.ts';
import { UplotChart } from './uplot-chart.tsx';
import { type DayReadout, dayReadout, type WitnessChartData } from './witness-data.ts';

/** The y axes' width: the same on every panel, so a day is at the same x in each; narrower on a phone. */
const yAxisSize = (width: number) => (width < 480 ? 54 : 64);
/** Room above each panel, so its top tick label does not run into the panel above's bottom one. */
const PADDING: uPlot.Padding = [12, 24, 0, 0];
/** A flagged day's shading is at least this many CSS pixels wide: a day of 90 on a phone is narrower. */
const MIN_SHADE = 5;

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

/** Before the series: grey under the days this panel's feed did not report, red under the flagged days. */
const shadeDays = (data: WitnessChartData, values: readonly (number | null)[]) => (u: uPlot) => {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const fill = (i: number, colour: string, min: number) => {
    const x0 = u.valToPos(i - 0.5, 'x', true);
    const x1 = u.valToPos(i + 0.5, 'x', true);
    const w = Math.max(x1 - x0, min);
    ctx.fillStyle = colour;
    ctx.fillRect((x0 + x1 - w) / 2, top, w, height);
  };
  ctx.save();
  values.forEach((v, i) => {
    if (v === null) fill(i, COLORS.noData, 0);
  });
  const ratio = globalThis.devicePixelRatio || 1;
  for (const a of data.daily.anomalies) fill(a.index, COLORS.anomalyShade, MIN_SHADE * ratio);
  ctx.restore();
};

interface PanelSpec {
  readonly height: number;
  /** Only the bottom panel writes the dates. */
  readonly dates: boolean;
  readonly yLabel: string;
  readonly yValues: (v: number) => string;
  readonly range: uPlot.Scale.Range;
  /** The values whose missing days are grey. */
  readonly gaps: readonly (number | null)[];
  readonly series: uPlot.Series[];
  /** Series without a hover point (the band, the flagged day's own point). */
  readonly noHoverPoint?: readonly number[];
}

const xAxis = (data: WitnessChartData, labelled: boolean): uPlot.Axis => {
  const style = axisStyle('日期');
  return {
    ...style,
    ...(labelled ? {} : { label: undefined, size: 6, ticks: { show: false } }),
    space: 44,
    incrs: [1, 2, 7, 14, 28, 56],
    // MM-DD: the year is in the line above the panels and in the readout.
    values: (_u, splits) => splits.map((i) => (labelled ? (data.daily.dates[i]?.slice(5) ?? '') : '')),
  };
};

const panelOptions =
  (data: WitnessChartData, spec: PanelSpec, syncKey: string, onDay: (index: number | null) => void) =>
  (width: number): uPlot.Options => ({
    width,
    height: spec.height,
    padding: PADDING,
    legend: { show: false },
    cursor: {
      sync: { key: syncKey },
      drag: { x: false, y: false },
      y: false,
      points: { size: (_u, i) => (spec.noHoverPoint?.includes(i) ? 0 : 7) },
    },
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(data.daily.x.length, 1) - 0.5] },
      y: { range: spec.range },
    },
    axes: [
      xAxis(data, spec.dates),
      {
        ...axisStyle(spec.yLabel),
        size: yAxisSize(width),
        space: 24,
        values: (_u, splits) => splits.map(spec.yValues),
      },
    ],
    series: [{}, ...spec.series],
    hooks: {
      drawClear: [shadeDays(data, spec.gaps)],
      setCursor: [
        (u) => {
          if (u.cursor.idx != null) onDay(u.cursor.idx);
        },
      ],
    },
  });

/** 0 to a little above the highest value, at least `floor` (a panel of zeros keeps a readable axis). */
const countRange =
  (floor: number): uPlot.Scale.Range =>
  (_u, _min, max) => [0, Math.max(floor, (max ?? 0) * 1.15)];

const whole = (v: number) => (Number.isInteger(v) ? String(v) : '');
const bars = uPlot.paths.bars?.({ size: [0.7, 16] });
const steps = uPlot.paths.stepped?.({ align: 1 });

const panels = (data: WitnessChartData): Record<'kwh' | 'people' | 'alarms' | 'offline', PanelSpec> => ({
  kwh: {
    height: 170,
    dates: false,
    yLabel: '用电量 kWh',
    yValues: formatAxisKwh,
    range: kwhRange,
    gaps: data.daily.kwh,
    noHoverPoint: [1, 3],
    series: [
      {
        label: '基线区间',
        stroke: COLORS.band,
        fill: COLORS.bandFill,
        width: 1,
        paths: bandPaths(data.daily),
        points: { show: false },
      },
      { label: '日用电量', stroke: COLORS.kwh, width: 2, points: { show: true, size: 4, fill: COLORS.kwh } },
      {
        label: '异常日',
        stroke: COLORS.anomaly,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, width: 2, fill: COLORS.anomaly, stroke: '#fff' },
      },
    ],
  },
  people: {
    height: 110,
    dates: false,
    yLabel: '井下 人',
    yValues: whole,
    range: countRange(10),
    gaps: data.peak,
    series: [
      {
        label: '核定单班最多人数',
        stroke: COLORS.approved,
        width: 1.5,
        dash: [6, 4],
        paths: steps,
        points: { show: false },
      },
      { label: '井下人数峰值', stroke: COLORS.people, width: 2, points: { show: true, size: 4, fill: COLORS.people } },
    ],
  },
  alarms: {
    height: 100,
    dates: false,
    yLabel: '瓦斯报警 次',
    yValues: whole,
    range: countRange(3),
    gaps: data.alarms,
    series: [
      {
        label: '瓦斯超限报警',
        stroke: COLORS.alarms,
        fill: COLORS.alarms,
        width: 0,
        paths: bars,
        points: { show: false },
      },
      {
        label: '其中未断电',
        stroke: COLORS.anomaly,
        fill: COLORS.anomaly,
        width: 0,
        paths: bars,
        points: { show: false },
      },
    ],
  },
  offline: {
    height: 140,
    dates: true,
    yLabel: '断线 小时',
    yValues: (v) => String(v),
    range: countRange(4),
    gaps: data.offlineHours,
    series: [
      {
        label: '传感器最长断线',
        stroke: COLORS.offline,
        fill: COLORS.offline,
        width: 0,
        paths: bars,
        points: { show: false },
      },
    ],
  },
});

export const PANELS = ['kwh', 'people', 'alarms', 'offline'] as const;
export type PanelKey = (typeof PANELS)[number];

const alignedOf = (data: WitnessChartData): Record<PanelKey, uPlot.AlignedData> => ({
  kwh: [data.daily.x, data.daily.bandHigh, data.daily.kwh, data.daily.anomalyKwh],
  people: [data.daily.x, data.approved, data.peak],
  alarms: [data.daily.x, data.alarms, data.alarmsNoCut.map((v) => (v ? v : null))],
  offline: [data.daily.x, data.offlineHours],
});

let syncs = 0;

export function DailyChart({ data, onPickDay }: { data: WitnessChartData; onPickDay: (date: string) => void }) {
  const [index, setIndex] = useState<number | null>(null);
  const syncKey = useMemo(() => `mine-days-${++syncs}`, []);
  const options = useMemo(() => {
    const specs = panels(data);
    return Object.fromEntries(PANELS.map((k) => [k, panelOptions(data, specs[k], syncKey, setIndex)])) as Record<
      PanelKey,
      (width: number) => uPlot.Options
    >;
  }, [data, syncKey]);
  const aligned = useMemo(() => alignedOf(data), [data]);
  const onReady = useCallback(
    (chart: uPlot) => {
      chart.over.addEventListener('click', (event) => {
        const left = event.clientX - chart.over.getBoundingClientRect().left;
        const i = Math.round(chart.posToVal(left, 'x'));
        const date = data.daily.dates[i];
        if (!date) return;
        setIndex(i);
        onPickDay(date);
      });
      chart.over.style.cursor = 'pointer';
    },
    [data, onPickDay],
  );
  const readout = index === null ? null : dayReadout(data, index);
  return (
    <div class="witness-chart">
      <Readout readout={readout} />
      {PANELS.map((k) => (
        <div key={k} class={`witness-panel witness-panel-${k}`} data-testid={`chart-panel-${k}`}>
          <UplotChart options={options[k]} data={aligned[k]} onReady={onReady} />
        </div>
      ))}
    </div>
  );
}

/** The hovered (or tapped) day's values and why it was flagged: what a tooltip would say, kept in one place. */
function Readout({ readout }: { readout: DayReadout | null }) {
  if (!readout)
    return (
      <p class="witness-readout mine-muted" data-testid="chart-readout">
        将鼠标移到图上（手机上点按某日）查看当日三方数据；红色底纹为审查发现异常的日期，灰色底纹为该项当日无数据。
      </p>
    );
  return (
    <div
      class={`witness-readout${readout.anomaly.length ? ' is-anomaly' : ''}`}
      data-testid="chart-readout"
      data-day={readout.date}
    >
      <strong>{readout.date}</strong>
      <span>用电量 {readout.kwh}</span>
      <span>人员 {readout.people}</span>
      <span>安全监控 {readout.gas}</span>
      {readout.anomaly.length > 0 && (
        <span class="witness-readout-rules" data-testid="chart-readout-rules">
          异常：{readout.anomaly.join('；')}
        </span>
      )}
    </div>
  );
}
