import type { ComponentChildren } from 'preact';
import type { Charts } from './use-charts.ts';

/** Where a lazily loaded chart goes: the chart once its module is here, a note meanwhile or if it failed. */
export function ChartSlot({
  charts,
  children,
}: {
  charts: Charts | 'loading' | 'failed';
  children: (charts: Charts) => ComponentChildren;
}) {
  if (charts === 'loading') return <p class="chart-note">图表加载中…</p>;
  if (charts === 'failed') return <p class="chart-note tone-bad">图表加载失败，请刷新页面重试。</p>;
  return <>{children(charts)}</>;
}
