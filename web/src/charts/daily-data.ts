/**
 * The daily chart's data: the API's day series and the mine's reviews turned into uPlot's aligned arrays, one slot
 * per calendar day of the window. A day without a reading is a gap (null), not a zero; a day without a reviewed
 * baseline has no band; a day the review flagged is marked, and its rules are named for the legend and the list.
 */

import { ruleLabel } from '../labels.ts';
import { datesBetween } from './dates.ts';
import type { MineReviewDay, ReadingDay, ReadingSeries } from './power-api.ts';

export interface AnomalyFinding {
  readonly rule: string;
  readonly label: string;
  readonly severity: string;
  readonly message: string;
}

export interface AnomalyDay {
  readonly date: string;
  /** Position in the window. */
  readonly index: number;
  readonly kwh: number | null;
  readonly rules: readonly string[];
  /** The rules' names, joined for a legend line. */
  readonly label: string;
  readonly findings: readonly AnomalyFinding[];
}

export interface DailyChartData {
  readonly dates: readonly string[];
  /** uPlot's x values: the day's position in the window. */
  readonly x: number[];
  readonly kwh: (number | null)[];
  readonly bandLow: (number | null)[];
  readonly bandHigh: (number | null)[];
  /** The day's total on a flagged day, null elsewhere (where the red point goes). */
  readonly anomalyKwh: (number | null)[];
  /** Flagged days in the window, oldest first. */
  readonly anomalies: readonly AnomalyDay[];
  /** The flagged day at each position, for the legend. */
  readonly anomalyAt: readonly (AnomalyDay | null)[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const bandOf = (day: ReadingDay | undefined): [number, number] | null => {
  const low = day?.band?.lowKwh;
  const high = day?.band?.highKwh;
  return finite(low) && finite(high) && low <= high ? [low, high] : null;
};

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

export function prepareDailyChart(series: ReadingSeries, reviews: readonly MineReviewDay[]): DailyChartData {
  const dates = datesBetween(series.from, series.to);
  const indexOf = new Map(dates.map((d, i) => [d, i]));
  const dayAt = new Map<string, ReadingDay>();
  for (const day of series.days) if (indexOf.has(day.date) && !dayAt.has(day.date)) dayAt.set(day.date, day);

  const kwh = dates.map((d) => {
    const v = dayAt.get(d)?.kwh;
    return finite(v) ? v : null;
  });
  const bands = dates.map((d) => bandOf(dayAt.get(d)));

  // What the review found on each flagged day: from the reviews, else from the day series' own verdict.
  const flagged = new Map<string, AnomalyFinding[]>();
  for (const review of reviews) {
    if (!indexOf.has(review.date) || flagged.has(review.date) || review.findings.length === 0) continue;
    flagged.set(
      review.date,
      review.findings.map((f) => ({
        rule: f.rule,
        label: ruleLabel(f.rule),
        severity: f.severity,
        message: f.message,
      })),
    );
  }
  const reviewed = new Set(reviews.map((r) => r.date));
  for (const [date, day] of dayAt) {
    if (reviewed.has(date) || flagged.has(date) || !day.rules?.length) continue;
    flagged.set(
      date,
      day.rules.map((rule) => ({ rule, label: ruleLabel(rule), severity: '', message: '' })),
    );
  }

  const anomalies: AnomalyDay[] = [...flagged]
    .map(([date, findings]) => {
      const index = indexOf.get(date)!;
      const rules = unique(findings.map((f) => f.rule));
      return { date, index, kwh: kwh[index] ?? null, rules, label: rules.map(ruleLabel).join('、'), findings };
    })
    .sort((a, b) => a.index - b.index);
  const anomalyAt: (AnomalyDay | null)[] = dates.map(() => null);
  for (const a of anomalies) anomalyAt[a.index] = a;

  return {
    dates,
    x: dates.map((_, i) => i),
    kwh,
    bandLow: bands.map((b) => (b ? b[0] : null)),
    bandHigh: bands.map((b) => (b ? b[1] : null)),
    anomalyKwh: anomalyAt.map((a) => (a ? a.kwh : null)),
    anomalies,
    anomalyAt,
  };
}

/** The flagged days as the chart container lists them: `YYYY-MM-DD,YYYY-MM-DD`. */
export const anomalyDaysAttr = (data: Pick<DailyChartData, 'anomalies'>): string =>
  data.anomalies.map((a) => a.date).join(',');
