/**
 * Review-engine throughput (`npm run bench`): the nightly job reviews every mine of a province, so the pure engine
 * must not be what makes it slow. This generates 5,000 synthetic mines deterministically (seeded PRNG), each with 28
 * days of history plus the reviewed day from two meters with 96 quarter-hours and a circuit split, then times
 * `reviewMineDay` over all of them after a warm-up. Generation is not timed. Goal: ≥ 20,000 mine-days per second.
 */

import { reviewMineDay } from '#lib/power/engine/review.ts';
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import type { DailyReading, EquipmentLoad, MineReviewInput } from '#lib/power/types.ts';
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { mulberry32 } from '#local/seed/prng.ts';

const GOAL_PER_SECOND = 20_000;
const DATE = '2026-11-28';
const HISTORY_DAYS = 28;
const TIMED_PASSES = 5;

export interface ReviewEngineBenchResult {
  readonly mines: number;
  readonly generateMs: number;
  readonly passMs: readonly number[];
  readonly mineDaysPerSecond: number;
  readonly goalPerSecond: number;
  readonly pass: boolean;
  readonly verdicts: Readonly<Record<string, number>>;
}

/** Seeded, so every run reviews the same mines. */
const prng = mulberry32;

const STATUSES: Array<[MineStatus, number]> = [
  ['producing', 0.7],
  ['suspended', 0.18],
  ['rectifying', 0.07],
  ['closed', 0.05],
];

const pickStatus = (r: number): MineStatus => {
  let acc = 0;
  for (const [status, share] of STATUSES) {
    acc += share;
    if (r < acc) return status;
  }
  return 'producing';
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One meter-day: 96 quarter-hours shaped by `nightWeight` (1 = flat), their sum as the total, and a circuit split. */
const meterDay = (
  rand: () => number,
  meterId: string,
  date: string,
  kwh: number,
  nightWeight: number,
  hoistShare: number,
): DailyReading => {
  const quarterHours = new Array<number>(96);
  let weights = 0;
  for (let q = 0; q < 96; q++) weights += q < 24 || q >= 88 ? nightWeight : 1;
  let total = 0;
  for (let q = 0; q < 96; q++) {
    const w = q < 24 || q >= 88 ? nightWeight : 1;
    const v = round1(((kwh * w) / weights) * (0.9 + 0.2 * rand()));
    quarterHours[q] = v;
    total += v;
  }
  total = round1(total);
  const hoist = round1(total * hoistShare);
  const ventilation = round1(total * 0.45);
  const drainage = round1(total * 0.2);
  const monitoring = round1(total * 0.02);
  return {
    meterId,
    date,
    kwh: total,
    quarterHours,
    circuits: {
      hoist,
      ventilation,
      drainage,
      monitoring,
      other: round1(total - hoist - ventilation - drainage - monitoring),
    },
  };
};

const generateMine = (rand: () => number, index: number, days: readonly string[]): MineReviewInput => {
  const status = pickStatus(rand());
  const capacity = 90_000 + Math.floor(rand() * 12) * 90_000;
  const equipment: EquipmentLoad[] = [
    { ratedKw: 200 + Math.floor(rand() * 400), circuit: 'ventilation', mustRunWhenStopped: true },
    { ratedKw: 100 + Math.floor(rand() * 300), circuit: 'drainage', mustRunWhenStopped: true },
    { ratedKw: 20, circuit: 'monitoring', mustRunWhenStopped: true },
    { ratedKw: 500 + Math.floor(rand() * 1000), circuit: 'hoist', mustRunWhenStopped: false },
    { ratedKw: 300, circuit: 'other', mustRunWhenStopped: false },
  ];
  const ceiling = (capacity / 330) * 1.1 * 25;
  const maintenance = (equipment[0]!.ratedKw + equipment[1]!.ratedKw + 20) * 24 * 0.6;
  const stopped = status !== 'producing';
  const level = status === 'closed' ? 30 : stopped ? maintenance * 0.9 : ceiling * (0.5 + 0.3 * rand());
  // A few mines misbehave on the reviewed day, so rules fire as they would on a real night.
  const odd = rand() < 0.05;
  const statusTimeline: StatusSpan[] = [{ status, from: '2025-01-01' }];
  const readings: DailyReading[] = [];
  for (let d = 0; d < days.length; d++) {
    const today = d === days.length - 1;
    const kwh = level * (0.85 + 0.3 * rand()) * (today && odd ? 3 : 1);
    const nightWeight = stopped ? (today && odd ? 4 : 1) : 0.8;
    const hoistShare = stopped ? (today && odd ? 0.2 : 0.08) : 0.3;
    const split = 0.55 + 0.2 * rand();
    readings.push(meterDay(rand, `M${index}-1`, days[d]!, kwh * split, nightWeight, hoistShare));
    readings.push(meterDay(rand, `M${index}-2`, days[d]!, kwh * (1 - split), nightWeight, hoistShare));
  }
  return {
    mineId: `bench-mine-${index}`,
    date: DATE,
    approvedCapacityTonnesPerYear: capacity,
    statusTimeline,
    equipment,
    readings,
    revisionsAfterReview: [],
    policy: DEFAULT_POWER_POLICY,
  };
};

export const generateMines = (count: number, seed = 20261128): MineReviewInput[] => {
  const rand = prng(seed);
  const days = Array.from({ length: HISTORY_DAYS + 1 }, (_, i) => addDays(DATE, i - HISTORY_DAYS));
  return Array.from({ length: count }, (_, i) => generateMine(rand, i, days));
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const runReviewEngineBench = (mines = 5_000): ReviewEngineBenchResult => {
  const t0 = performance.now();
  const inputs = generateMines(mines);
  const generateMs = performance.now() - t0;

  const verdicts: Record<string, number> = {};
  for (const input of inputs) {
    const v = reviewMineDay(input).verdict; // warm-up pass, also the verdict mix
    verdicts[v] = (verdicts[v] ?? 0) + 1;
  }
  const passMs: number[] = [];
  let sink = 0;
  for (let p = 0; p < TIMED_PASSES; p++) {
    const start = performance.now();
    for (let i = 0; i < inputs.length; i++) sink += reviewMineDay(inputs[i]!).findings.length;
    passMs.push(performance.now() - start);
  }
  if (sink < 0) console.log(sink); // keeps the results observable
  const mineDaysPerSecond = inputs.length / (median(passMs) / 1000);
  return {
    mines,
    generateMs,
    passMs,
    mineDaysPerSecond,
    goalPerSecond: GOAL_PER_SECOND,
    pass: mineDaysPerSecond >= GOAL_PER_SECOND,
    verdicts,
  };
};

const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const printReviewEngineBench = (mines = 5_000): ReviewEngineBenchResult => {
  const r = runReviewEngineBench(mines);
  console.log(
    `review engine: ${grouped(r.mines)} synthetic mines x (${HISTORY_DAYS} days of history + the reviewed day), ` +
      '2 meters, 96 quarter-hours, circuit split',
  );
  console.log(
    `  generated in ${r.generateMs.toFixed(0)} ms (not timed); 1 warm-up pass, ${TIMED_PASSES} timed passes: ` +
      `${r.passMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  );
  console.log(
    `  verdicts: ${Object.entries(r.verdicts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([v, n]) => `${v} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `  mine-days/s: ${grouped(r.mineDaysPerSecond)} (median pass), goal >= ${grouped(r.goalPerSecond)}/s  ${r.pass ? 'PASS' : 'FAIL'}`,
  );
  return r;
};
