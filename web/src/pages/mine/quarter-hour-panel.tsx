import { useEffect, useMemo, useRef } from 'preact/hooks';
import { api } from '../../api.ts';
import { formatKwh, formatShare } from '../../charts/format.ts';
import type { ReadingSeries } from '../../charts/power-api.ts';
import { prepareQuarterHourChart } from '../../charts/quarter-hour-data.ts';
import { ruleLabel } from '../../labels.ts';
import { ChartSlot } from './chart-slot.tsx';
import { PartError } from './section.tsx';
import type { Charts } from './use-charts.ts';
import { useLoad } from './use-load.ts';

const VERDICTS: Record<string, string> = { normal: '正常', anomaly: '异常', no_data: '无数据' };

/** One day's 96 quarter-hours with the review's night shaded, for the day chosen on the chart or in the address. */
export function QuarterHourPanel({
  mineId,
  day,
  charts,
}: {
  mineId: string;
  day: string;
  charts: Charts | 'loading' | 'failed';
}) {
  const loaded = useLoad(
    () =>
      api.get<ReadingSeries>(`/v1/mines/${encodeURIComponent(mineId)}/power-readings`, {
        from: day,
        to: day,
        quarterHours: 'true',
      }),
    [mineId, day],
  );
  const data = useMemo(
    () => (loaded.state === 'ok' ? prepareQuarterHourChart(loaded.value, day) : null),
    [loaded, day],
  );
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }), [day]);
  return (
    <div
      ref={ref}
      class="quarter-hour"
      data-testid="quarter-hour-chart"
      data-day={day}
      data-ready={loaded.state === 'loading' ? 'false' : 'true'}
    >
      <h3>{day} 15 分钟用电曲线</h3>
      {loaded.state === 'loading' && <p class="chart-note">正在加载…</p>}
      {loaded.state === 'error' && <PartError title={loaded.title} />}
      {data && (
        <>
          <p class="mine-muted">
            日用电量 {formatKwh(data.totalKwh)}；夜间（22:00–06:00）用电占比 {formatShare(data.nightShare)}；审查结论：
            {data.verdict ? (VERDICTS[data.verdict] ?? data.verdict) : '未审查'}
            {data.rules.length > 0 && `（${data.rules.map(ruleLabel).join('、')}）`}
          </p>
          {data.hasData ? (
            <div class="chart-box">
              <ChartSlot charts={charts}>{(c) => <c.QuarterHourChart data={data} />}</ChartSlot>
            </div>
          ) : (
            <p class="mine-empty">
              该日没有 15 分钟刻度数据{data.totalKwh === null ? '，也没有日用电量读数' : '（只报送了日用电量）'}。
            </p>
          )}
          {data.hasData && data.metersWithoutQuarterHours.length > 0 && (
            <p class="tone-warn">电表 {data.metersWithoutQuarterHours.join('、')} 只报送了日用电量，曲线不含其用电。</p>
          )}
        </>
      )}
    </div>
  );
}
