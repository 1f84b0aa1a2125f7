/**
 * The quarter-hour chart's data for one day: the 96 quarter-hour kWh of every meter added up, and the review's
 * night (22:00–06:00: quarter-hours 0–23 and 88–95), the window NIGHT_PRODUCTION compares with the mine's stopped
 * days. A meter that sent only a daily total leaves the curve incomplete; the chart says so instead of guessing.
 */
import type { ReadingSeries } from './power-api.ts';

export const QUARTER_HOURS = 96;
/** Half-open quarter-hour ranges of the review's night. */
export const NIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0, 24],
  [88, 96],
];
export const isNightQuarter = (index: number): boolean =>
  NIGHT_RANGES.some(([from, to]) => index >= from && index < to);

export interface QuarterHourChartData {
  readonly day: string;
  readonly x: number[];
  /** kWh per quarter-hour over the meters that sent them; all null when none did. */
  readonly kwh: (number | null)[];
  readonly hasData: boolean;
  /** Meters with a reading that day but no quarter-hours. */
  readonly metersWithoutQuarterHours: readonly string[];
  readonly totalKwh: number | null;
  /** Night share of the quarter-hour total (what the night rule measures), null without data. */
  readonly nightShare: number | null;
  readonly verdict: string | null;
  readonly rules: readonly string[];
}

const cents = (v: number): number => Math.round(v * 100) / 100;

export function prepareQuarterHourChart(series: ReadingSeries, day: string): QuarterHourChartData {
  const entry = series.days.find((d) => d.date === day);
  const complete = (entry?.meters ?? []).filter((m) => m.quarterHours?.length === QUARTER_HOURS);
  const sums = new Array<number>(QUARTER_HOURS).fill(0);
  for (const m of complete) {
    for (const [i, v] of m.quarterHours!.entries()) sums[i] = sums[i]! + (Number.isFinite(v) ? v : 0);
  }
  const hasData = complete.length > 0;
  const total = sums.reduce((a, b) => a + b, 0);
  const night = sums.reduce((a, v, i) => (isNightQuarter(i) ? a + v : a), 0);
  return {
    day,
    x: sums.map((_, i) => i),
    kwh: sums.map((v) => (hasData ? cents(v) : null)),
    hasData,
    metersWithoutQuarterHours: (entry?.meters ?? []).filter((m) => !complete.includes(m)).map((m) => m.meterId),
    totalKwh: entry && typeof entry.kwh === 'number' ? entry.kwh : null,
    nightShare: hasData && total > 0 ? night / total : null,
    verdict: entry?.verdict ?? null,
    rules: entry?.rules ?? [],
  };
}
