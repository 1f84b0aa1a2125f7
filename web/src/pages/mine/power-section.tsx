import { useMemo } from 'preact/hooks';
import { anomalyDaysAttr, prepareDailyChart } from '../../charts/daily-data.ts';
import { formatKwh } from '../../charts/format.ts';
import type { MineReviewDay, ReadingSeries } from '../../charts/power-api.ts';
import { ChartSlot } from './chart-slot.tsx';
import type { Part } from './mine-file.ts';
import { QuarterHourPanel } from './quarter-hour-panel.tsx';
import { Section, WithPart } from './section.tsx';
import { type Charts, useCharts } from './use-charts.ts';

interface PowerData {
  readonly series: ReadingSeries;
  readonly reviews: readonly MineReviewDay[];
}

/**
 * 用电量审查: the daily kWh of the last 90 days against the band the review accepts, the days it flagged (marked on
 * the chart and listed under it with the rules and the review's own sentences), and a chosen day's quarter-hours.
 */
export function PowerSection(props: {
  mineId: string;
  power: Part<PowerData>;
  day: string | null;
  onPickDay: (date: string) => void;
}) {
  const charts = useCharts();
  return (
    <Section id="power" title="用电量审查">
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
  const newestFirst = [...data.anomalies].reverse();
  return (
    <>
      <p class="mine-muted">
        {power.series.from} 至 {power.series.to}{' '}
        每日用电量。基线区间为当日审查认可的日用电量范围（未经审查的日期没有基线）；红点与红色虚线为审查发现异常的日期。点击图中某日可查看当日
        15 分钟用电曲线。
      </p>
      <div
        class="chart-box"
        data-testid="daily-chart"
        data-anomaly-days={anomalyDaysAttr(data)}
        data-from={power.series.from}
        data-to={power.series.to}
      >
        <ChartSlot charts={charts}>{(c) => <c.DailyChart data={data} onPickDay={onPickDay} />}</ChartSlot>
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
              <span class="anomaly-rules">{a.label}</span>
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
