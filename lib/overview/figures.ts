import { TIERS } from '#lib/credit/tiers.ts';
import { MINE_STATUSES } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { FIGURE_KEYS, type Figures, SERIES_DAYS, SERIES_KEYS } from './vocabulary.ts';

/**
 * The figure rules, as pure functions of the records a district's lists hold: one mine's figures from its own
 * records, and a jurisdiction's as the sum of its children's. The refresh (./refresh.ts) reads the lists and stores
 * what these compute; nothing here reads the table.
 */
export const zeroFigures = (): Figures => Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;

/** The sum of several children's figures (a jurisdiction's own). */
export function sumFigures(children: readonly Figures[]): Figures {
  const total = zeroFigures();
  for (const f of children) for (const k of FIGURE_KEYS) total[k] += f[k] ?? 0;
  return total;
}

/** Overdue: still pending after its deadline. On the deadline day itself it is not overdue yet; the day after it is. */
export const isOverdue = (deadline: string, today: string): boolean => deadline < today;

/** Whether a business date falls in the month (`YYYY-MM`) or the year (`YYYY`) of `today`. */
export const inMonthOf = (date: string | undefined, today: string): boolean =>
  !!date && date.slice(0, 7) === today.slice(0, 7);
export const inYearOf = (date: string | undefined, today: string): boolean =>
  !!date && date.slice(0, 4) === today.slice(0, 4);

export interface MineRecords {
  readonly status: string;
  readonly tier?: string;
  /** Cases still to be handled (open, investigating). */
  readonly pendingCases: readonly { readonly deadline: string }[];
  /** Hazards not yet verified closed (reported, rectifying, submitted). */
  readonly openHazards: readonly { readonly level: string; readonly deadline: string }[];
  readonly penalties: readonly {
    readonly status: string;
    readonly kind: string;
    readonly effectiveOn?: string;
    readonly amountYuan?: number;
  }[];
  /** Last night's review of the mine, from the district's daily report; undefined when there is no report. */
  readonly review?: { readonly noData: boolean; readonly flagged: boolean };
  /** Dated things of the mine falling due in the deadlines' window. */
  readonly deadlines: number;
}

/** A penalty counts from the day it takes effect (effective, or executed since). */
const inForce = (p: MineRecords['penalties'][number]) => p.status === 'effective' || p.status === 'executed';

/** One mine's figures on `today` (Asia/Shanghai business date). */
export function mineFigures(r: MineRecords, today: string): Figures {
  const f = zeroFigures();
  f.mines = 1;
  if ((MINE_STATUSES as readonly string[]).includes(r.status))
    f[`status_${r.status as (typeof MINE_STATUSES)[number]}`] = 1;
  if (r.tier && (TIERS as readonly string[]).includes(r.tier)) f[`tier_${r.tier as (typeof TIERS)[number]}`] = 1;
  if (r.review) {
    f.reviewed = 1;
    f.noData = r.review.noData ? 1 : 0;
    f.anomalies = r.review.flagged && !r.review.noData ? 1 : 0;
    f.flagged = r.review.flagged ? 1 : 0;
  }
  f.casesOpen = r.pendingCases.length;
  f.casesOverdue = r.pendingCases.filter((c) => isOverdue(c.deadline, today)).length;
  f.hazardsOpen = r.openHazards.length;
  f.hazardsOverdue = r.openHazards.filter((h) => isOverdue(h.deadline, today)).length;
  const major = r.openHazards.filter((h) => h.level === 'major');
  f.majorHazardsOpen = major.length;
  f.majorHazardsOverdue = major.filter((h) => isOverdue(h.deadline, today)).length;
  const month = r.penalties.filter((p) => inForce(p) && inMonthOf(p.effectiveOn, today));
  const year = r.penalties.filter((p) => inForce(p) && inYearOf(p.effectiveOn, today));
  f.penaltiesMonth = month.length;
  f.penaltiesYear = year.length;
  const fines = (ps: typeof year) =>
    ps.filter((p) => p.kind === 'fine').reduce((sum, p) => sum + (p.amountYuan ?? 0), 0);
  f.finesMonthYuan = fines(month);
  f.finesYearYuan = fines(year);
  f.deadlines30 = r.deadlines;
  return f;
}

/**
 * The last SERIES_DAYS days of a few figures, one value per day (parallel arrays: compact enough that a district's
 * few hundred mine rows stay within one query page).
 */
export interface Series {
  readonly dates: string[];
  readonly reviewed: number[];
  readonly anomalies: number[];
  /** null on the days before the first refresh (a series begun from the stored daily reports has no case counts). */
  readonly casesOpen: (number | null)[];
}

export const emptySeries = (): Series => ({ dates: [], reviewed: [], anomalies: [], casesOpen: [] });

/**
 * Today's point of the series: appended on the first refresh of a day, replaced by the later ones of the same day
 * (so a day's value is its last refresh's), and days older than the window dropped.
 */
export function withToday(series: Series | undefined, today: string, figures: Figures): Series {
  const s = series ?? emptySeries();
  const from = addDays(today, -(SERIES_DAYS - 1));
  const keep = s.dates.map((d, i) => [d, i] as const).filter(([d]) => d >= from && d < today);
  const out: Series = {
    dates: keep.map(([d]) => d),
    reviewed: keep.map(([, i]) => s.reviewed[i] ?? 0),
    anomalies: keep.map(([, i]) => s.anomalies[i] ?? 0),
    casesOpen: keep.map(([, i]) => s.casesOpen[i] ?? null),
  };
  out.dates.push(today);
  for (const k of SERIES_KEYS) out[k].push(figures[k]);
  return out;
}

/** The series of a jurisdiction seen for the first time: its children's summed day by day (null where all are). */
export function sumSeries(children: readonly Series[]): Series {
  const dates = [...new Set(children.flatMap((c) => c.dates))].sort();
  const at = (c: Series, key: (typeof SERIES_KEYS)[number], d: string) => {
    const i = c.dates.indexOf(d);
    return i < 0 ? null : (c[key][i] ?? null);
  };
  const sum = (key: (typeof SERIES_KEYS)[number], d: string) => {
    const values = children.map((c) => at(c, key, d)).filter((v): v is number => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  };
  return {
    dates,
    reviewed: dates.map((d) => sum('reviewed', d) ?? 0),
    anomalies: dates.map((d) => sum('anomalies', d) ?? 0),
    casesOpen: dates.map((d) => sum('casesOpen', d)),
  };
}
