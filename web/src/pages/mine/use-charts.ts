import { useEffect, useState } from 'preact/hooks';

/** The chart module, fetched the first time a chart is shown: uPlot is not part of the first page load. */
export type Charts = typeof import('../../charts/power-charts.ts');

let pending: Promise<Charts> | undefined;
const loadCharts = (): Promise<Charts> => {
  pending ??= import('../../charts/power-charts.ts').catch((error: unknown) => {
    pending = undefined; // let a later visit try again
    throw error;
  });
  return pending;
};

export function useCharts(): Charts | 'loading' | 'failed' {
  const [charts, setCharts] = useState<Charts | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let current = true;
    loadCharts().then(
      (m) => current && setCharts(m),
      () => current && setCharts('failed'),
    );
    return () => {
      current = false;
    };
  }, []);
  return charts;
}
