import { useMemo } from 'preact/hooks';
import { anomalyDaysAttr, prepareDailyChart } from '../../charts/daily-data.ts';
import { formatKwh } from '../../charts/format.ts';
import { daysWithValue, prepareWitnessChart, witnessRules } from '../../charts/witness-data.ts';
import { ChartSlot } from './chart-slot.tsx';
import type { Part, PowerData } from './mine-file.ts';
import { QuarterHourPanel } from './quarter-hour-panel.tsx';
import { Section, WithPart } from './section.tsx';
import { type Charts, useCharts } from './use-charts.ts';

/**
 * 三方数据与审查: the last 90 days of the three witnesses on one axis — daily kWh against the band the review accepts,
 * people underground, gas alarms and sensor outages — the days the review flagged (shaded on the chart and listed
 * under it with the rules by witness and the review's own sentences), and a chosen day's quarter-hours.
 */
export function PowerSection(props: {
  mineId: string;
  power: Part<PowerData>;
  day: string | null;
  onPickDay: (date: string) => void;
}) {
  const charts = useCharts();
  return (
    <Section id="power" title="用电量、人员与安全监控">
      <WithPart part={props.power}>{(power) => <PowerCharts {...props} power={power} charts={charts} />}</WithPart>
    </Section>
  );
}

function PowerCharts({
  mineId,
  power,
  day,
  onPickDay,
  charts,
}: {
  mineId: string;
  power: PowerData;
  day: string | null;
  onPickDay: (date: string) => void;
  charts: Charts | 'loading' | 'failed';
}) {
  const data = useMemo(() => prepareDailyChart(power.series, power.reviews), [power]);
  const witnesses = useMemo(
    () => prepareWitnessChart(data, power.monitoring ?? [], power.headcount),
    [data, power.monitoring, power.headcount],
  );
  const newestFirst = [...data.anomalies].reverse();
  const peopleDays = daysWithValue(witnesses.peak);
  const gasDays = daysWithValue(witnesses.alarms);
  return (
    <>
      <p class="mine-muted">
        {power.series.from} 至 {power.series.to}{' '}
        每日用电量、井下人数（人员位置监测）与瓦斯超限报警、传感器断线（安全监控），共用一条日期轴。基线区间为当日审查认可的日用电量范围（未经审查的日期没有基线）。点击图中某日可查看当日
        15 分钟用电曲线。
      </p>
      <ChartLegend approved={daysWithValue(witnesses.approved) > 0} />
      {power.monitoring === null ? (
        <p class="tone-warn" data-testid="monitoring-error">
          人员位置与安全监控数据加载失败，图中只有用电量。
        </p>
      ) : (
        <p class="mine-muted" data-testid="monitoring-coverage">
          近 {data.dates.length} 天：人员位置监测报送 {peopleDays} 天，安全监控报送 {gasDays} 天。
        </p>
      )}
      <div
        class="chart-box"
        data-testid="daily-chart"
        data-anomaly-days={anomalyDaysAttr(data)}
        data-from={power.series.from}
        data-to={power.series.to}
        data-kwh-days={daysWithValue(data.kwh)}
        data-people-days={peopleDays}
        data-gas-days={gasDays}
      >
        <ChartSlot charts={charts}>{(c) => <c.DailyChart data={witnesses} onPickDay={onPickDay} />}</ChartSlot>
      </div>
      <h3>异常日（{data.anomalies.length}）</h3>
      {newestFirst.length === 0 ? (
        <p class="mine-empty">近 {data.dates.length} 天审查未发现异常。</p>
      ) : (
        <ul class="anomaly-list" data-testid="anomaly-list">
          {newestFirst.map((a) => (
            <li key={a.date} class={a.date === day ? 'is-chosen' : ''}>
              <button
                type="button"
                class="link-button"
                data-testid="anomaly-day"
                data-day={a.date}
                onClick={() => onPickDay(a.date)}
              >
                {a.date}
              </button>
              <span class="anomaly-rules">{witnessRules(a).join('；')}</span>
              <span class="mine-muted">{a.kwh === null ? '无读数' : formatKwh(a.kwh)}</span>
              {a.findings.some((f) => f.message) && (
                <ul class="anomaly-findings">
                  {a.findings
                    .filter((f) => f.message)
                    .map((f) => (
                      <li key={f.rule}>
                        {f.label}：{f.message}
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {day ? (
        <QuarterHourPanel mineId={mineId} day={day} charts={charts} />
      ) : (
        <p class="mine-muted" data-testid="quarter-hour-hint">
          选择一个日期（点击图中某日或上方异常日）查看当日 96 个 15
          分钟刻度的用电曲线，夜间时段（22:00–06:00）以阴影标出。
        </p>
      )}
    </>
  );
}

const LEGEND: readonly { key: string; text: string; swatch: string; optional?: 'approved' }[] = [
  { key: 'kwh', text: '日用电量 kWh', swatch: 'line kwh' },
  { key: 'band', text: '基线区间', swatch: 'box band' },
  { key: 'people', text: '井下人数峰值 人', swatch: 'line people' },
  { key: 'approved', text: '核定单班最多人数', swatch: 'dash approved', optional: 'approved' },
  { key: 'alarms', text: '瓦斯超限报警 次', swatch: 'box alarms' },
  { key: 'no-cut', text: '其中未断电', swatch: 'box no-cut' },
  { key: 'offline', text: '传感器最长断线 小时', swatch: 'box offline' },
  { key: 'anomaly', text: '审查异常日', swatch: 'box anomaly' },
  { key: 'no-data', text: '当日无数据', swatch: 'box no-data' },
];

/** What each colour of the panels is (uPlot's own legends are off: one legend for the stack). */
function ChartLegend({ approved }: { approved: boolean }) {
  return (
    <ul class="chart-legend" data-testid="chart-legend">
      {LEGEND.filter((l) => !l.optional || approved).map((l) => (
        <li key={l.key} data-series={l.key}>
          <span class={`swatch ${l.swatch}`} aria-hidden="true" />
          {l.text}
        </li>
      ))}
    </ul>
  );
}
