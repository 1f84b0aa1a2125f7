/**
 * One demo mine's reading of one day, by the kind of day: an ordinary day of a producing or a suspended mine, a
 * producing day over capacity, or a stopped mine's night of production. Pure and deterministic: an ordinary day's
 * values depend only on the mine and the date (seeded generators, no clock, no Math.random).
 */
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import type { DailyReading } from '#lib/power/types.ts';
import type { Circuit } from '#lib/registry/vocabulary.ts';
import type { DemoMine } from './demo-mines.ts';
import { fnv1a, mulberry32 } from './prng.ts';

/** The demo readings are all on the mine's main incoming meter (总进线电表), with the split by circuit. */
export const DEMO_READING_METER = 'main';

// ---- baselines from the equipment register and the default policy ----

/** Must-run kW per circuit, as the demo district registers them (scaled by max(0.6, capacity / 300,000)). */
const mustRunKw = (mine: DemoMine): { ventilation: number; drainage: number; monitoring: number } => {
  const scale = Math.max(0.6, mine.capacity / 300_000);
  return {
    ventilation: Math.round(250 * scale),
    drainage: Math.round(160 * scale),
    monitoring: Math.round(15 * scale),
  };
};

/** Maintenance load: must-run kW × 24 h × the policy's load factor. */
export const demoMaintenanceKwh = (mine: DemoMine): number => {
  const kw = mustRunKw(mine);
  return (kw.ventilation + kw.drainage + kw.monitoring) * 24 * DEFAULT_POWER_POLICY.maintenanceLoadFactor;
};

/** Production ceiling: capacity / production days × margin × kWh per tonne. */
export const demoProductionCeilingKwh = (mine: DemoMine): number => {
  const p = DEFAULT_POWER_POLICY;
  return (mine.capacity / p.productionDaysPerYear) * p.productionMargin * p.defaultKwhPerTonne;
};

// ---- deterministic randomness ----

/** The day's own generator: a normal day's values depend only on the mine and the date. */
const rngFor = (p: Profile, date: string, what: string): (() => number) =>
  mulberry32(fnv1a(`${p.mine.id}|${date}|${what}`));

/** Uniform in [−1, 1]. */
const pm = (rnd: () => number): number => 2 * rnd() - 1;

/** Day numbers count from here, so a day's noise depends on its date alone. */
export const EPOCH = '2000-01-01';
const GOLDEN = (Math.sqrt(5) - 1) / 2;
const SILVER = Math.SQRT2 - 1;

/** What a mine's readings are made of, worked out once per mine. */
export interface Profile {
  readonly mine: DemoMine;
  readonly kw: { ventilation: number; drainage: number; monitoring: number };
  readonly maintenanceKwh: number;
  readonly ceilingKwh: number;
  /** Per-mine constants in [0, 1), from the mine id. */
  readonly phase: number;
  readonly phase2: number;
  readonly level: number;
  readonly hoist: number;
}

const profiles = new Map<string, Profile>();
export const profileOf = (mine: DemoMine): Profile => {
  let p = profiles.get(mine.id);
  if (p === undefined) {
    const rnd = mulberry32(fnv1a(mine.id));
    p = {
      mine,
      kw: mustRunKw(mine),
      maintenanceKwh: demoMaintenanceKwh(mine),
      ceilingKwh: demoProductionCeilingKwh(mine),
      phase: rnd(),
      phase2: rnd(),
      level: rnd(),
      hoist: rnd(),
    };
    profiles.set(mine.id, p);
  }
  return p;
};

/**
 * Day-to-day noise in [−1, 1]. Mostly two golden-ratio-like sequences over the day number, so that any 28 days in a
 * row are spread evenly over the range and the median absolute deviation never collapses (with plain random noise, a
 * quiet month followed by an ordinary day can look like a spike), with a little of the day's own randomness on top.
 * Over tens of thousands of days, no day is more than about 2.7 MADs from its 28-day median.
 */
const dayNoise = (p: Profile, day: number, rnd: () => number): number => {
  const g1 = (day * GOLDEN + p.phase) % 1;
  const g2 = (day * SILVER + p.phase2) % 1;
  return 2 * (0.82 * g1 + 0.15 * g2 + 0.03 * rnd()) - 1;
};

// ---- shapes ----

/** Quarter-hour index of hh:00 (00:00–00:15 is 0). */
const q = (hour: number): number => hour * 4;
/** 22:00–06:00, the review's night. */
const isNight = (i: number): boolean => i < q(6) || i >= q(22);

const cents = (kwh: number): number => Math.round(kwh * 100);

/** Scratch weights for one day's 96 quarter-hours (the generator is synchronous, so one buffer serves all). */
const weights = new Float64Array(96);

/**
 * The quarter-hour kWh in proportion to `weights`, rounded to cents; the last value takes the remainder so that the
 * 96 values add up to the total exactly.
 */
const quarterHours = (totalCents: number): number[] => {
  let sum = 0;
  for (let i = 0; i < 96; i++) sum += weights[i] ?? 0;
  const out = new Array<number>(96);
  let used = 0;
  for (let i = 0; i < 95; i++) {
    const c = Math.round(((weights[i] ?? 0) / sum) * totalCents);
    out[i] = c / 100;
    used += c;
  }
  out[95] = (totalCents - used) / 100;
  return out;
};

/**
 * The split by circuit: `maintCents` over ventilation, drainage and monitoring in proportion to their must-run kW,
 * the hoist as given, and the rest under `other`.
 */
const circuits = (p: Profile, totalCents: number, hoistCents: number, maintCents: number): Record<Circuit, number> => {
  const { ventilation, drainage, monitoring } = p.kw;
  const kw = ventilation + drainage + monitoring;
  const v = Math.round((maintCents * ventilation) / kw);
  const d = Math.round((maintCents * drainage) / kw);
  const m = maintCents - v - d;
  return {
    hoist: hoistCents / 100,
    ventilation: v / 100,
    drainage: d / 100,
    monitoring: m / 100,
    other: (totalCents - hoistCents - maintCents) / 100,
  };
};

const reading = (date: string, totalCents: number, qh: number[], split: Record<Circuit, number>): DailyReading => ({
  meterId: DEMO_READING_METER,
  date,
  kwh: totalCents / 100,
  quarterHours: qh,
  circuits: split,
});

export const normalReading = (p: Profile, date: string, day: number): DailyReading =>
  p.mine.status === 'suspended' ? suspendedReading(p, date, day) : producingReading(p, date, day, false);

/**
 * A stopped mine: ventilation, drainage and monitoring around the clock at 85–100 % of the maintenance load, a flat
 * profile with a little more during office hours (lighting), the hoist idle (2–4 %, lighting and checks only).
 */
const suspendedReading = (p: Profile, date: string, day: number): DailyReading => {
  const rnd = rngFor(p, date, 'suspended');
  const total = cents(p.maintenanceKwh * (0.89 + 0.05 * p.level) * (1 + 0.03 * dayNoise(p, day, rnd)));
  for (let i = 0; i < 96; i++) weights[i] = (i >= q(8) && i < q(18) ? 1.03 : 1) * (1 + 0.03 * pm(rnd));
  const hoist = Math.round(total * (0.025 + 0.01 * p.hoist + 0.004 * pm(rnd)));
  const other = Math.round(total * (0.05 + 0.02 * rnd()));
  return reading(date, total, quarterHours(total), circuits(p, total, hoist, total - hoist - other));
};

/**
 * A producing mine: 55–75 % of its production ceiling, three shifts with the 00:00–08:00 shift a maintenance shift
 * (检修班) at roughly 55–70 % of the production shifts' load, which puts 25–30 % of the day in the 22:00–06:00 night;
 * brief dips at the shift changes; the hoist 12–18 %. Over capacity (超能力), the mine runs at 127–133 % of the
 * ceiling and produces on the maintenance shift as well.
 */
export const producingReading = (p: Profile, date: string, day: number, overCapacity: boolean): DailyReading => {
  const rnd = rngFor(p, date, overCapacity ? 'over-capacity' : 'producing');
  const level = overCapacity
    ? 1.3 + 0.03 * pm(rnd)
    : (0.65 + 0.05 * (2 * p.level - 1)) * (1 + 0.05 * dayNoise(p, day, rnd));
  const total = cents(p.ceilingKwh * level);
  // Night share s of a day whose 00:00–08:00 rate is k × the 08:00–24:00 rate: s = (24k + 8) / (32k + 64).
  const nightShare = 0.265 + 0.02 * rnd();
  const k = overCapacity ? 0.9 + 0.1 * rnd() : (64 * nightShare - 8) / (24 - 32 * nightShare);
  for (let i = 0; i < 96; i++) {
    const shift = i < q(8) ? k : 1;
    const handover = i === q(0) || i === q(8) || i === q(16) ? 0.85 : 1;
    weights[i] = shift * handover * (1 + 0.04 * pm(rnd));
  }
  const hoist = Math.round(total * (0.13 + 0.03 * p.hoist + 0.01 * pm(rnd)));
  // Must-run equipment runs at about its maintenance draw, but never more than 70 % of what is left after the hoist
  // (small mines' fans and pumps are large next to their production).
  const maint = Math.min(cents(p.maintenanceKwh * (0.95 + 0.1 * rnd())), Math.round((total - hoist) * 0.7));
  return reading(date, total, quarterHours(total), circuits(p, total, hoist, maint));
};

/**
 * 明停暗开 at night: by day the stopped mine draws its maintenance load; from 22:00 to 06:00 it adds a production
 * load (hoist, shearer), ramping up after 22:00 and down before 06:00. Total 1.65–1.8 × maintenance, night share
 * 0.62–0.645 (high enough to stay over 1.5 × a night-share baseline averaged over a window that already holds the
 * week's earlier nights), hoist 13.5–14.5 %.
 */
export const nightProductionReading = (p: Profile, date: string): DailyReading => {
  const rnd = rngFor(p, date, 'night-production');
  const total = cents(p.maintenanceKwh * (1.65 + 0.15 * rnd()));
  const nightCents = Math.round(total * (0.62 + 0.025 * rnd()));
  const dayCents = total - nightCents;
  // The maintenance draw per quarter-hour, the same by day and by night; production comes on top at night.
  const maintRate = dayCents / 64;
  let production = 0;
  for (let i = 0; i < 96; i++) {
    if (!isNight(i)) continue;
    const sinceStart = i >= q(22) ? i - q(22) : i + 8; // quarter-hours since 22:00, 0–31
    const ramp = Math.min(1, (sinceStart + 1) / 3, (32 - sinceStart) / 3);
    weights[i] = ramp * (1 + 0.08 * pm(rnd));
    production += weights[i] ?? 0;
  }
  const productionCents = nightCents - maintRate * 32;
  for (let i = 0; i < 96; i++) {
    const base = maintRate * (1 + 0.03 * pm(rnd));
    weights[i] = isNight(i) ? base + (productionCents * (weights[i] ?? 0)) / production : base;
  }
  const hoist = Math.round(total * (0.135 + 0.01 * rnd()));
  const maint = Math.round(maintRate * 96 * 0.91);
  return reading(date, total, quarterHours(total), circuits(p, total, hoist, maint));
};
