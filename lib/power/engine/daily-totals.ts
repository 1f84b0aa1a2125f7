/**
 * Per-day aggregates of a mine's readings over the review window, computed once per review so no rule re-walks the
 * 96 quarter-hours: the day's total across meters, its night share (22:00–06:00, quarter-hours 88–95 and 0–23, of
 * the day's quarter-hour total, only when every meter of the day sent 96 values) and its hoist share (hoist kWh of
 * the circuit split over the split's total, where a split was sent). One reading per meter and day counts: when
 * the same meter and day appear twice, the later one in the list wins.
 * The shares are only worked out on the days a caller asks for (the stopped days: no rule or baseline reads a
 * producing day's profile), which spares most mines the walk through their quarter-hours.
 */
import type { DailyReading } from '../types.ts';
import type { ReviewCalendar } from './calendar.ts';

export interface DailyAggregates {
  /** Sum over meters; NaN on a day without any reading. */
  readonly total: readonly number[];
  /** Night share of the day's quarter-hour total; NaN without complete quarter-hour data (or a zero total), or
   * on a day not asked for. */
  readonly nightShare: readonly number[];
  /** Hoist share of the day's circuit split; NaN without circuit data (or a zero split total), or on a day not
   * asked for. */
  readonly hoistShare: readonly number[];
  /** 1 when some meter's split names the hoist circuit that day. */
  readonly hasHoist: readonly number[];
  /** Per meter, the position + 1 in `readings` of its reading for each day (0 = none). */
  readonly meterDays: ReadonlyMap<string, readonly number[]>;
}

const QUARTER_HOURS = 96;
const NIGHT_MORNING_END = 24; // 00:00–06:00 is quarter-hours 0–23
const NIGHT_EVENING_START = 88; // 22:00–24:00 is quarter-hours 88–95

// Plain arrays, not typed arrays: a small typed array costs about a microsecond to allocate, a plain one far less.
const filled = (n: number, value: number): number[] => new Array<number>(n).fill(value);

/** `profileDays[i]` = 1 asks for the night and hoist shares of day i; without it they are worked out for every day. */
export const dailyAggregates = (
  readings: readonly DailyReading[],
  cal: ReviewCalendar,
  profileDays?: readonly number[],
): DailyAggregates => {
  const n = cal.dates.length;
  const meterDays = new Map<string, number[]>();
  for (let k = 0; k < readings.length; k++) {
    const r = readings[k]!;
    const i = cal.indexOf.get(r.date);
    if (i === undefined) continue;
    let slots = meterDays.get(r.meterId);
    if (slots === undefined) {
      slots = filled(n, 0);
      meterDays.set(r.meterId, slots);
    }
    slots[i] = k + 1;
  }

  const total = filled(n, Number.NaN);
  const qhAll = filled(n, 0);
  const qhNight = filled(n, 0);
  const qhIncomplete = filled(n, 0);
  const circAll = filled(n, 0);
  const circHoist = filled(n, 0);
  const hasHoist = filled(n, 0);

  for (const slots of meterDays.values()) {
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      if (slot === 0) continue;
      const r = readings[slot - 1]!;
      const t = total[i]!;
      total[i] = Number.isNaN(t) ? r.kwh : t + r.kwh;
      if (profileDays !== undefined && profileDays[i] !== 1) continue;

      const q = r.quarterHours;
      if (q !== undefined && q.length === QUARTER_HOURS) {
        let night = 0;
        let day = 0;
        for (let j = 0; j < NIGHT_MORNING_END; j++) night += q[j]!;
        for (let j = NIGHT_MORNING_END; j < NIGHT_EVENING_START; j++) day += q[j]!;
        for (let j = NIGHT_EVENING_START; j < QUARTER_HOURS; j++) night += q[j]!;
        qhNight[i] = qhNight[i]! + night;
        qhAll[i] = qhAll[i]! + night + day;
      } else {
        qhIncomplete[i] = 1;
      }

      const c = r.circuits;
      if (c !== undefined) {
        const hoist = c.hoist;
        if (hoist !== undefined) hasHoist[i] = 1;
        circHoist[i] = circHoist[i]! + (hoist ?? 0);
        circAll[i] =
          circAll[i]! + (hoist ?? 0) + (c.ventilation ?? 0) + (c.drainage ?? 0) + (c.monitoring ?? 0) + (c.other ?? 0);
      }
    }
  }

  const nightShare = filled(n, Number.NaN);
  const hoistShare = filled(n, Number.NaN);
  for (let i = 0; i < n; i++) {
    if (profileDays !== undefined && profileDays[i] !== 1) continue;
    if (qhIncomplete[i] === 0 && qhAll[i]! > 0) nightShare[i] = qhNight[i]! / qhAll[i]!;
    if (circAll[i]! > 0) hoistShare[i] = circHoist[i]! / circAll[i]!;
  }
  return { total, nightShare, hoistShare, hasHoist, meterDays };
};
