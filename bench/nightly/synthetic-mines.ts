/**
 * Synthetic mines for the nightly-job bench, as table items in the exact shape the product writes them (mine
 * profile as createMine stores it, the JURISDICTIONS entry, the meter and equipment register as approved versions with
 * the register's one-item copy, the readings of recordReadings with their quarter-hours packed), so the job reads what it would read in production. Deterministic (seeded from the
 * mine index, no Math.random) and lazy: items come out of generators one mine at a time, so seeding 5,000 mines
 * never holds their ~150,000 readings in memory at once.
 *
 * Most mines are normal: producing mines at 55-75 % of their production ceiling with a maintenance shift at night,
 * suspended mines at about 90 % of their maintenance load with a flat profile. About 3 % carry an anomaly on the
 * reviewed day: a stopped mine producing at night, a producing mine over capacity, a frozen meter, a missing day.
 * Each mine also has its approved headcount and the reviewed day's monitoring feeds (people underground, gas), the
 * three witnesses the review hears: the night production has its crew underground, and about 1.4 % of the otherwise
 * normal producing mines a shift over the headcount or a gas alarm without power cut-off.
 */
import { newFeedDayItem } from '#lib/monitoring/feeds.ts';
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import { encodeReading } from '#lib/power/reading-codec.ts';
import type { DailyReading } from '#lib/power/types.ts';
import { headcountRecord } from '#lib/registry/headcount.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { type RegisterFields, type RegisterItem, storedRegisterItem } from '#lib/registry/register.ts';
import { registerSetItem } from '#lib/registry/register-set.ts';
import type { Circuit, MineStatus, RegisterKind } from '#lib/registry/vocabulary.ts';
import { systemActor } from '#lib/store/audit.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { EQUIPMENT } from '#local/seed/demo-district.ts';

export type Item = Record<string, unknown>;
export type Anomaly = 'none' | 'night_production' | 'over_capacity' | 'flatline' | 'missing';
/** What a mine's monitoring feeds planted on the reviewed day (the night production's crew comes with its anomaly). */
export type FeedAnomaly = 'none' | 'over_headcount' | 'gas_uncut';

export interface SyntheticMine {
  readonly index: number;
  readonly mineId: string;
  readonly jurisdiction: string;
  readonly status: MineStatus;
  readonly capacity: number;
  readonly anomaly: Anomaly;
  readonly feedAnomaly: FeedAnomaly;
  /** Per-mine constants in [0, 1). */
  readonly phase: number;
  readonly level: number;
  readonly hoist: number;
  readonly mustRunKw: { ventilation: number; drainage: number; monitoring: number };
}

export const METER_ID = 'main';
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** mulberry32 seeded with an FNV-1a hash: the same mine and day always give the same values. */
const fnv1a = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** `bench/p01/d01` … : districts under a few bench provinces' cities (five districts per city). */
export const jurisdictionPath = (j: number): string =>
  `bench/p${String(Math.floor(j / 5) + 1).padStart(2, '0')}/d${String((j % 5) + 1).padStart(2, '0')}`;

export function syntheticMine(index: number, jurisdictions: number): SyntheticMine {
  const rnd = prng(fnv1a(`bench-mine|${index}`));
  const status: MineStatus = rnd() < 0.25 ? 'suspended' : 'producing';
  const capacity = 90_000 * (1 + Math.floor(rnd() * 10));
  const r = rnd();
  const anomaly: Anomaly =
    status === 'suspended'
      ? r < 0.04
        ? 'night_production'
        : r < 0.05
          ? 'missing'
          : 'none'
      : r < 0.012
        ? 'over_capacity'
        : r < 0.018
          ? 'flatline'
          : r < 0.024
            ? 'missing'
            : 'none';
  const scale = Math.max(0.6, capacity / 300_000);
  // From a generator of its own, so the electricity of every mine stays what it was before the feeds.
  const f = prng(fnv1a(`bench-feed|${index}`))();
  const feedAnomaly: FeedAnomaly =
    status !== 'producing' || anomaly !== 'none'
      ? 'none'
      : f < 0.008
        ? 'over_headcount'
        : f < 0.014
          ? 'gas_uncut'
          : 'none';
  return {
    index,
    mineId: `bench-m${String(index).padStart(5, '0')}`,
    jurisdiction: jurisdictionPath(index % jurisdictions),
    status,
    capacity,
    anomaly,
    feedAnomaly,
    phase: rnd(),
    level: rnd(),
    hoist: rnd(),
    mustRunKw: {
      ventilation: Math.round(250 * scale),
      drainage: Math.round(160 * scale),
      monitoring: Math.round(15 * scale),
    },
  };
}

const creditCode = (i: number): string => {
  const first17 = `91990000${String(100_000_000 + i * 7919).slice(-9)}`;
  return first17 + creditCodeCheckChar(first17);
};

/** One entry per jurisdiction in the JURISDICTIONS partition, as jurisdictionWrite stores it. */
export function* jurisdictionItems(jurisdictions: number): Generator<Item> {
  for (let j = 0; j < jurisdictions; j++) {
    const path = jurisdictionPath(j);
    yield { PK: pk.jurisdictions, SK: path, entity: 'jurisdiction', path };
  }
}

/** Profile, meter and equipment register of one mine. */
export function* registryItems(m: SyntheticMine, date: string, at: string): Generator<Item> {
  const since = m.status === 'suspended' ? addDays(date, -90 - (m.index % 60)) : addDays(date, -400);
  const profile: MineItem = {
    mineId: m.mineId,
    name: `基准测试${m.index + 1}号煤矿`,
    enterpriseName: `基准测试${m.index + 1}号矿业有限公司`,
    creditCode: creditCode(m.index),
    creditCodeCheckValid: true,
    jurisdiction: m.jurisdiction,
    address: `基准测试地址 ${m.index + 1}`,
    approvedCapacityTonnesPerYear: m.capacity,
    gasGrade: m.index % 7 === 0 ? 'high' : 'low',
    hydrogeology: m.index % 3 === 0 ? 'medium' : 'simple',
    standardisationGrade: 'grade3',
    status: m.status,
    statusSince: since,
    statusTimeline: [{ status: m.status, from: since }],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  yield {
    PK: pk.mine(m.mineId),
    SK: sk.profile,
    GSI1PK: gsi1.minesOfProvince(m.jurisdiction),
    GSI1SK: gsi1.mineInJurisdiction(m.jurisdiction, m.mineId),
    entity: 'mine',
    ...profile,
  };
  // The register as applyRegisterChange stores it: one approved version each, in force since the mine's status.
  const approved = { effectiveFrom: addDays(date, -400), recordedBy: systemActor('bench'), recordedAt: at };
  const records: RegisterItem[] = [];
  const record = <K extends RegisterKind>(kind: K, itemId: string, fields: RegisterFields[K]) => {
    const item: RegisterItem<K> = {
      kind,
      mineId: m.mineId,
      itemId,
      versions: [{ ...approved, fields }],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    records.push(item);
    return storedRegisterItem(item);
  };
  yield record('meter', METER_ID, { name: '总进线电表', serialNo: `BM-${m.index + 1}-001`, multiplier: 1 });
  const scale = m.capacity / 300_000;
  for (const e of EQUIPMENT) {
    yield record('equipment', e.id, {
      name: e.name,
      ratedKw: Math.round(e.kw * (e.mustRun ? Math.max(0.6, scale) : scale)),
      circuit: e.circuit,
      mustRunWhenStopped: e.mustRun,
      meterId: METER_ID,
    });
  }
  // The register on one item, as the first review after the records were written leaves it: a night in steady state.
  yield registerSetItem(m.mineId, records);
}

// ---- readings ----

const policy = DEFAULT_POWER_POLICY;
const maintenanceKwh = (m: SyntheticMine): number =>
  (m.mustRunKw.ventilation + m.mustRunKw.drainage + m.mustRunKw.monitoring) * 24 * policy.maintenanceLoadFactor;
const ceilingKwh = (m: SyntheticMine): number =>
  (m.capacity / policy.productionDaysPerYear) * policy.productionMargin * policy.defaultKwhPerTonne;

const weights = new Float64Array(96);
const isNight = (q: number): boolean => q < 24 || q >= 88;

/** 96 quarter-hours in proportion to `weights`, in cents, the last one taking the remainder so they add up exactly. */
const quarterHours = (totalCents: number): number[] => {
  let sum = 0;
  for (let q = 0; q < 96; q++) sum += weights[q]!;
  const out = new Array<number>(96);
  let used = 0;
  for (let q = 0; q < 95; q++) {
    const c = Math.round((weights[q]! / sum) * totalCents);
    out[q] = c / 100;
    used += c;
  }
  out[95] = (totalCents - used) / 100;
  return out;
};

const circuits = (
  m: SyntheticMine,
  totalCents: number,
  hoistCents: number,
  maintCents: number,
): Record<Circuit, number> => {
  const { ventilation, drainage, monitoring } = m.mustRunKw;
  const kw = ventilation + drainage + monitoring;
  const v = Math.round((maintCents * ventilation) / kw);
  const d = Math.round((maintCents * drainage) / kw);
  return {
    hoist: hoistCents / 100,
    ventilation: v / 100,
    drainage: d / 100,
    monitoring: (maintCents - v - d) / 100,
    other: (totalCents - hoistCents - maintCents) / 100,
  };
};

/**
 * Day-to-day noise in [-1, 1] from a golden-ratio sequence over the day number: any 28 days in a row are spread
 * evenly, so the median absolute deviation never collapses and a normal day never looks like a spike.
 */
const dayNoise = (m: SyntheticMine, day: number, rnd: () => number): number =>
  2 * (0.9 * ((day * GOLDEN + m.phase) % 1) + 0.1 * rnd()) - 1;

const suspendedDay = (m: SyntheticMine, date: string, day: number, rnd: () => number): DailyReading => {
  const total = Math.round(maintenanceKwh(m) * (0.88 + 0.05 * m.level) * (1 + 0.03 * dayNoise(m, day, rnd)) * 100);
  for (let q = 0; q < 96; q++) weights[q] = (q >= 32 && q < 72 ? 1.03 : 1) * (1 + 0.03 * (2 * rnd() - 1));
  const hoist = Math.round(total * (0.025 + 0.01 * m.hoist));
  const other = Math.round(total * (0.05 + 0.02 * rnd()));
  return {
    meterId: METER_ID,
    date,
    kwh: total / 100,
    quarterHours: quarterHours(total),
    circuits: circuits(m, total, hoist, total - hoist - other),
  };
};

/** Stopped by day, producing from 22:00 to 06:00: about 1.7 × the maintenance load, most of it at night, the hoist busy. */
const nightProductionDay = (m: SyntheticMine, date: string, rnd: () => number): DailyReading => {
  const total = Math.round(maintenanceKwh(m) * (1.65 + 0.15 * rnd()) * 100);
  const base = (total * 0.38) / 64;
  const extra = (total * 0.62 - base * 32) / 32;
  for (let q = 0; q < 96; q++) weights[q] = (isNight(q) ? base + extra : base) * (1 + 0.03 * (2 * rnd() - 1));
  const hoist = Math.round(total * (0.135 + 0.01 * rnd()));
  const maint = Math.round(base * 96 * 0.91);
  return {
    meterId: METER_ID,
    date,
    kwh: total / 100,
    quarterHours: quarterHours(total),
    circuits: circuits(m, total, hoist, maint),
  };
};

const producingDay = (
  m: SyntheticMine,
  date: string,
  day: number,
  rnd: () => number,
  overCapacity: boolean,
): DailyReading => {
  const level = overCapacity
    ? 1.3 + 0.03 * (2 * rnd() - 1)
    : (0.6 + 0.1 * m.level) * (1 + 0.05 * dayNoise(m, day, rnd));
  const total = Math.round(ceilingKwh(m) * level * 100);
  const night = overCapacity ? 0.95 : 0.6; // the 00:00-08:00 maintenance shift runs lighter unless the mine overproduces
  for (let q = 0; q < 96; q++)
    weights[q] = (q < 32 ? night : 1) * (q === 0 || q === 32 || q === 64 ? 0.85 : 1) * (1 + 0.04 * (2 * rnd() - 1));
  const hoist = Math.round(total * (0.13 + 0.03 * m.hoist));
  const maint = Math.min(Math.round(maintenanceKwh(m) * (0.95 + 0.1 * rnd()) * 100), Math.round((total - hoist) * 0.7));
  return {
    meterId: METER_ID,
    date,
    kwh: total / 100,
    quarterHours: quarterHours(total),
    circuits: circuits(m, total, hoist, maint),
  };
};

/** The mine's readings for `days` + 1 days ending on `date`, as recordReadings stores them (grid import, revision 1). */
export function* readingItems(m: SyntheticMine, date: string, days: number, at: string): Generator<Item> {
  const actor = systemActor('bench-seed');
  const first = addDays(date, -days);
  const firstDay = Math.round(Date.parse(`${first}T00:00:00Z`) / 86_400_000);
  let frozen: DailyReading | undefined;
  for (let k = 0; k <= days; k++) {
    const d = addDays(first, k);
    const back = days - k; // 0 = the reviewed day
    const rnd = prng(fnv1a(`${m.mineId}|${d}`));
    let reading: DailyReading;
    if (m.anomaly === 'missing' && back === 0) continue;
    if (m.anomaly === 'night_production' && back <= 1) reading = nightProductionDay(m, d, rnd);
    else if (m.anomaly === 'over_capacity' && back <= 2) reading = producingDay(m, d, firstDay + k, rnd, true);
    else if (m.anomaly === 'flatline' && back <= 3) {
      frozen ??= producingDay(m, d, firstDay + k, rnd, false);
      reading = { ...frozen, date: d };
    } else if (m.status === 'suspended') reading = suspendedDay(m, d, firstDay + k, rnd);
    else reading = producingDay(m, d, firstDay + k, rnd, false);
    yield {
      PK: pk.mine(m.mineId),
      SK: sk.reading(d, reading.meterId),
      entity: 'reading',
      ...encodeReading({
        ...reading,
        mineId: m.mineId,
        source: 'grid',
        revision: 1,
        recordedAt: at,
        recordedBy: actor,
        importId: 'bench-seed',
        version: 1,
      }),
    };
  }
}

/**
 * The mine's review flags as the nightly reviews before the reviewed day left them (lib/power/review-flags.ts): the
 * item exists from a mine's first review on, so a night in steady state reads it with the profiles. It knows every
 * flag since long before the readings began, and holds the days earlier nights flagged: the day before the reviewed
 * one of a mine producing at night, the two days before it of one over capacity.
 */
export function flagsItem(m: SyntheticMine, date: string): Item {
  const flagged: Record<string, string[]> = {};
  if (m.anomaly === 'night_production')
    flagged[`day:${addDays(date, -1)}`] = ['HOIST_SHARE', 'NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'];
  if (m.anomaly === 'over_capacity')
    for (const back of [1, 2]) flagged[`day:${addDays(date, -back)}`] = ['OVER_CAPACITY'];
  return {
    PK: pk.mine(m.mineId),
    SK: sk.powerFlags,
    entity: 'powerFlags',
    flagsFrom: addDays(date, -400),
    ...flagged,
  };
}

/** A day-shift headcount of about one person per 3,000 t/a, fewer at night; a duty crew of 6 / 8 / 8. */
const approvedShifts = (m: SyntheticMine) => {
  const day = Math.max(30, Math.round(m.capacity / 3000));
  return { night: Math.round(day * 0.6), morning: day, afternoon: day };
};
const DUTY_CREW = { night: 6, morning: 8, afternoon: 8 };

/** The mine's approved headcount, set a year before the reviewed day. */
export function headcountItem(m: SyntheticMine, date: string, at: string): Item {
  return headcountRecord({
    mineId: m.mineId,
    versions: [
      {
        from: addDays(date, -365),
        shifts: approvedShifts(m),
        dutyCrew: DUTY_CREW,
        reason: '核定下井人数',
        recordedBy: systemActor('bench-seed'),
        recordedAt: at,
      },
    ],
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * The reviewed day's monitoring feeds, as the platform's file records them: shifts under the approved headcount (a
 * duty crew when stopped), no gas alarm; the night production's crew, a shift over its limit, or an alarm that did
 * not cut power where planted.
 */
export function feedDayItem(m: SyntheticMine, date: string, at: string): Item {
  const limits = approvedShifts(m);
  const rnd = prng(fnv1a(`bench-feed-day|${m.index}|${date}`));
  const share = (limit: number) => Math.max(1, Math.floor(limit * (0.6 + rnd() * 0.3)));
  let shifts =
    m.status === 'producing'
      ? { night: share(limits.night), morning: share(limits.morning), afternoon: share(limits.afternoon) }
      : { night: 2 + Math.floor(rnd() * 5), morning: 3 + Math.floor(rnd() * 6), afternoon: 3 + Math.floor(rnd() * 6) };
  if (m.anomaly === 'night_production') shifts = { ...shifts, night: 24 + Math.floor(rnd() * 8) };
  if (m.feedAnomaly === 'over_headcount') shifts = { ...shifts, morning: limits.morning + 5 + Math.floor(rnd() * 20) };
  const events =
    m.feedAnomaly === 'gas_uncut'
      ? [{ sensorId: 'T01', location: '回风巷', peakPercent: 1.3, startedAt: '03:10', minutes: 12, powerCut: false }]
      : [];
  return newFeedDayItem(
    m.mineId,
    { source: 'platform', byId: 'bench-seed', by: '监管联网平台', at },
    {
      date,
      personnel: { shifts, peak: Math.max(shifts.night, shifts.morning, shifts.afternoon) },
      gas: { events, outages: [] },
    },
  );
}

/** Every item of the bench data set, mine after mine, generated as it is consumed. */
export function* allItems(options: {
  mines: number;
  jurisdictions: number;
  days: number;
  date: string;
  at: string;
}): Generator<Item> {
  yield* jurisdictionItems(options.jurisdictions);
  for (let i = 0; i < options.mines; i++) {
    const m = syntheticMine(i, options.jurisdictions);
    yield* registryItems(m, options.date, options.at);
    yield flagsItem(m, options.date);
    yield headcountItem(m, options.date, options.at);
    yield feedDayItem(m, options.date, options.at);
    yield* readingItems(m, options.date, options.days, options.at);
  }
}

/** What the seed planted, for the bench's summary. */
export function plantedSummary(
  mines: number,
  jurisdictions: number,
): { statuses: Record<string, number>; anomalies: Record<string, number> } {
  const statuses: Record<string, number> = {};
  const anomalies: Record<string, number> = {};
  for (let i = 0; i < mines; i++) {
    const m = syntheticMine(i, jurisdictions);
    statuses[m.status] = (statuses[m.status] ?? 0) + 1;
    if (m.anomaly !== 'none') anomalies[m.anomaly] = (anomalies[m.anomaly] ?? 0) + 1;
    if (m.feedAnomaly !== 'none') anomalies[m.feedAnomaly] = (anomalies[m.feedAnomaly] ?? 0) + 1;
  }
  return { statuses, anomalies };
}
