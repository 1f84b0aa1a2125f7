// Small builders for review-engine inputs: a producing mine on 2026-11-28 with a default equipment register, plus
// helpers for readings, quarter-hour profiles, circuit splits and runs of history days.
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import type { DailyReading, EquipmentLoad, MineReviewInput, PowerReviewPolicy } from '#lib/power/types.ts';
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';

export const DATE = '2026-11-28';

/** Ventilation 100 kW and drainage 50 kW must run; the hoist (200 kW) need not: maintenance 150 × 24 × 0.6. */
export const EQUIPMENT: readonly EquipmentLoad[] = [
  { ratedKw: 100, circuit: 'ventilation', mustRunWhenStopped: true },
  { ratedKw: 50, circuit: 'drainage', mustRunWhenStopped: true },
  { ratedKw: 200, circuit: 'hoist', mustRunWhenStopped: false },
];

/** 330,000 t/year at 25 kWh/t: a daily ceiling of 330,000 / 330 × 1.1 × 25 ≈ 27,500 kWh. */
export const CAPACITY = 330_000;
export const CEILING = (CAPACITY / 330) * 1.1 * 25;

export const policy = (overrides: Partial<PowerReviewPolicy> = {}): PowerReviewPolicy => ({
  ...DEFAULT_POWER_POLICY,
  ...overrides,
});

export const since = (status: MineStatus, from = '2020-01-01'): StatusSpan[] => [{ status, from }];

export const mine = (overrides: Partial<MineReviewInput> = {}): MineReviewInput => ({
  mineId: 'mine-1',
  date: DATE,
  approvedCapacityTonnesPerYear: CAPACITY,
  statusTimeline: since('producing'),
  equipment: EQUIPMENT,
  readings: [],
  revisionsAfterReview: [],
  policy: DEFAULT_POWER_POLICY,
  ...overrides,
});

export const reading = (
  date: string,
  kwh: number,
  extra: Partial<Omit<DailyReading, 'date' | 'kwh'>> = {},
): DailyReading => ({ meterId: 'M1', date, kwh, ...extra });

/**
 * 96 quarter-hours whose night (22:00–06:00, 32 quarter-hours) carries `nightPerQuarter` and whose day (64
 * quarter-hours) carries `dayPerQuarter`.
 */
export const quarterHours = (nightPerQuarter: number, dayPerQuarter: number): number[] =>
  Array.from({ length: 96 }, (_, q) => (q < 24 || q >= 88 ? nightPerQuarter : dayPerQuarter));

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A reading whose kWh is the sum of its quarter-hours. */
export const qhReading = (
  date: string,
  nightPerQuarter: number,
  dayPerQuarter: number,
  meterId = 'M1',
): DailyReading => {
  const q = quarterHours(nightPerQuarter, dayPerQuarter);
  return { meterId, date, kwh: sum(q), quarterHours: q };
};

/** A reading split between the hoist and the rest (ventilation). */
export const circuitReading = (date: string, hoist: number, rest: number, meterId = 'M1'): DailyReading => ({
  meterId,
  date,
  kwh: hoist + rest,
  circuits: { hoist, ventilation: rest },
});

/** The `count` days before `date`, oldest first. */
export const daysBefore = (date: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => addDays(date, i - count));

/** One reading per day on the `count` days before `date`, made by `make(day, k)` (k = 0 for the oldest). */
export const history = (
  date: string,
  count: number,
  make: (day: string, k: number) => DailyReading | readonly DailyReading[],
): DailyReading[] => daysBefore(date, count).flatMap((d, k) => make(d, k));

/** The finding of `rule` in a review, if any. */
export const findingOf = <R extends { findings: readonly { rule: string }[] }>(review: R, rule: string) =>
  review.findings.find((f) => f.rule === rule) as R['findings'][number] | undefined;
