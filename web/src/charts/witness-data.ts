/**
 * The three witnesses of a mine's days on one axis: the daily chart's kWh (daily-data.ts) with the personnel location
 * feed's people underground and the safety monitoring feed's gas alarms and sensor outages, one slot per day of the
 * same window. A day a feed did not report is a gap (null), never a zero: a reported day without alarms is 0, a day
 * without the feed has no value at all. The flagged days' rules are named with the witness that spoke.
 */

import { RULE_WITNESS, type RuleId, WITNESS_LABELS, WITNESSES } from '#lib/findings/vocabulary.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import { SHIFT_LABELS, SHIFTS, type Shift } from '#lib/registry/vocabulary.ts';
import { ruleLabel } from '../labels.ts';
import type { AnomalyDay, DailyChartData } from './daily-data.ts';

/** A day of `GET /v1/mines/{id}/monitoring` as the chart reads it (the API's day has more). */
export interface MonitorDay {
  readonly date: string;
  readonly personnel?: PersonnelDay;
  readonly gas?: GasDay;
}

/** A version of the approved headcount (`GET /v1/mines/{id}/headcount-limits`), as the chart reads it. */
export interface HeadcountVersion {
  readonly from: string;
  readonly shifts: Readonly<Record<Shift, number>>;
}

export interface WitnessChartData {
  readonly daily: DailyChartData;
  /** The day's peak of people underground. */
  readonly peak: (number | null)[];
  readonly shifts: (Readonly<Record<Shift, number>> | null)[];
  /** The most the approved headcount allows on any one shift that day; null before the first version. */
  readonly approved: (number | null)[];
  /** Gas over-limit alarms of the day. */
  readonly alarms: (number | null)[];
  /** Of those, the ones where the system did not cut power. */
  readonly alarmsNoCut: (number | null)[];
  /** The longest any sensor was offline that day (what the review holds against its allowance), hours. */
  readonly offlineHours: (number | null)[];
  /** How many sensors were offline at all that day. */
  readonly offlineSensors: (number | null)[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The largest of a shift's approved headcounts in force on `date` (versions oldest first), null before the first. */
export function approvedOn(versions: readonly HeadcountVersion[], date: string): number | null {
  let inForce: HeadcountVersion | undefined;
  for (const v of versions) if (v.from <= date && (!inForce || v.from >= inForce.from)) inForce = v;
  return inForce ? Math.max(...SHIFTS.map((s) => inForce.shifts[s])) : null;
}

export function prepareWitnessChart(
  daily: DailyChartData,
  monitoring: readonly MonitorDay[],
  headcount: readonly HeadcountVersion[] = [],
): WitnessChartData {
  const byDate = new Map<string, MonitorDay>();
  for (const d of monitoring) if (!byDate.has(d.date)) byDate.set(d.date, d);
  const personnel = daily.dates.map((d) => {
    const p = byDate.get(d)?.personnel;
    return p && finite(p.peak) ? p : null;
  });
  const gas = daily.dates.map((d) => byDate.get(d)?.gas ?? null);
  return {
    daily,
    peak: personnel.map((p) => p?.peak ?? null),
    shifts: personnel.map((p) => p?.shifts ?? null),
    approved: daily.dates.map((d) => approvedOn(headcount, d)),
    alarms: gas.map((g) => (g ? g.events.length : null)),
    alarmsNoCut: gas.map((g) => (g ? g.events.filter((e) => !e.powerCut).length : null)),
    offlineHours: gas.map((g) => (g ? Math.max(0, ...g.outages.map((o) => o.hoursOffline).filter(finite)) : null)),
    offlineSensors: gas.map((g) =>
      g ? new Set(g.outages.filter((o) => o.hoursOffline > 0).map((o) => o.sensorId)).size : null,
    ),
  };
}

/** How many days of the window have a value: what each panel's container reports. */
export const daysWithValue = (values: readonly (number | null)[]): number => values.filter((v) => v !== null).length;

/** A flagged day's rules grouped by the witness that found them: `安全监控：瓦斯超限未断电`, electricity first. */
export function witnessRules(anomaly: Pick<AnomalyDay, 'rules'>): string[] {
  const byWitness = new Map<string, string[]>();
  for (const rule of anomaly.rules) {
    const witness = RULE_WITNESS[rule as RuleId] ?? 'electricity';
    const names = byWitness.get(witness) ?? [];
    names.push(ruleLabel(rule));
    byWitness.set(witness, names);
  }
  return WITNESSES.filter((w) => byWitness.has(w)).map((w) => `${WITNESS_LABELS[w]}：${byWitness.get(w)!.join('、')}`);
}

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const n = (v: number) => grouped.format(v);

/** What one day of the chart says, in words, for the line under the cursor (and the test of it). */
export interface DayReadout {
  readonly date: string;
  readonly kwh: string;
  readonly people: string;
  readonly gas: string;
  /** The rules that flagged the day, by witness; empty on a day without findings. */
  readonly anomaly: readonly string[];
}

export function dayReadout(data: WitnessChartData, index: number): DayReadout | null {
  const date = data.daily.dates[index];
  if (date === undefined) return null;
  const kwh = data.daily.kwh[index] ?? null;
  const peak = data.peak[index] ?? null;
  const shifts = data.shifts[index] ?? null;
  const approved = data.approved[index] ?? null;
  const alarms = data.alarms[index] ?? null;
  const noCut = data.alarmsNoCut[index] ?? 0;
  const hours = data.offlineHours[index] ?? null;
  const sensors = data.offlineSensors[index] ?? 0;
  const people =
    peak === null
      ? '无数据'
      : `峰值 ${n(peak)} 人${
          shifts ? `（${SHIFTS.map((s) => `${SHIFT_LABELS[s]} ${n(shifts[s])}`).join(' / ')}）` : ''
        }${approved === null ? '' : `，核定单班最多 ${n(approved)} 人`}`;
  const gas =
    alarms === null
      ? '无数据'
      : `超限报警 ${n(alarms)} 次${noCut > 0 ? `（未断电 ${n(noCut)} 次）` : ''}；${
          hours === null || sensors === 0 ? '传感器无断线' : `传感器断线 ${n(sensors)} 个，最长 ${n(hours)} 小时`
        }`;
  const anomaly = data.daily.anomalyAt[index];
  return {
    date,
    kwh: kwh === null ? '无读数' : `${n(kwh)} kWh`,
    people,
    gas,
    anomaly: anomaly ? witnessRules(anomaly) : [],
  };
}
