/**
 * A uPlot chart in a preact component: built when its options or data change, sized to its container's width and
 * resized with it, destroyed with the component. uPlot's own style sheet comes with this (lazily loaded) module.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css' with { type: 'text' };
import { injectStyle } from './inject-style.ts';

injectStyle('uplot-css', uplotCss);

/** Narrow enough for a phone's 390 px less the page's margins: a wider chart would hide its latest days. */
const MIN_WIDTH = 240;

export interface UplotChartProps {
  /** The chart's options for a given width. */
  readonly options: (width: number) => uPlot.Options;
  readonly data: uPlot.AlignedData;
  /** Called with the chart once it is drawn (to wire clicks). */
  readonly onReady?: (chart: uPlot) => void;
}

export function UplotChart({ options, data, onReady }: UplotChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const widthOf = () => Math.max(MIN_WIDTH, Math.floor(el.clientWidth));
    const opts = options(widthOf());
    const chart = new uPlot(opts, data, el);
    onReady?.(chart);
    let width = chart.width;
    const observer = new ResizeObserver(() => {
      const next = widthOf();
      if (next === width) return;
      width = next;
      chart.setSize({ width, height: opts.height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, onReady]);
  return <div ref={ref} class="uplot-host" />;
}
