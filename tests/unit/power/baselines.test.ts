// Baselines learned from the mine's own history once it has minHistoryDays usable days, else from its equipment
// register (maintenance load, night share) or nothing (hoist share); the ceiling always from approved capacity.
import { describe, expect, it } from 'vitest';
import { type ExclusionSpan, excludedDaysFor } from '#lib/power/engine/exclusions.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import { addDays } from '#lib/validators/business-date.ts';
import {
  CAPACITY,
  circuitReading,
  DATE,
  daysBefore,
  findingOf,
  history,
  mine,
  qhReading,
  reading,
  since,
} from './builders.ts';

/** Stopped days below the register's must-run load (150 kW × 24 h × 0.6 = 2,160 kWh): median 1,800. */
const SUSPENDED_TOTALS = [1500, 2100, 1600, 2000, 1700, 1900, 1800];

describe('maintenance load', () => {
  it('from the equipment register with minHistoryDays − 1 stopped days: must-run kW × 24 h × load factor', () => {
    const b = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [...history(DATE, 6, (d, k) => reading(d, SUSPENDED_TOTALS[k]!)), reading(DATE, 1000)],
      }),
    ).baselines;
    expect(b.maintenanceKwh).toEqual({ value: 150 * 24 * 0.6, source: 'equipment' });
  });

  it('from history with minHistoryDays stopped days: their median', () => {
    const b = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [...history(DATE, 7, (d, k) => reading(d, SUSPENDED_TOTALS[k]!)), reading(DATE, 1000)],
      }),
    ).baselines;
    expect(b.maintenanceKwh).toEqual({ value: 1800, source: 'history' });
  });

  it('rectifying days count as stopped; producing days in the window do not', () => {
    const b = reviewMineDay(
      mine({
        statusTimeline: [
          { status: 'producing', from: '2020-01-01' },
          { status: 'rectifying', from: '2026-11-21' },
        ],
        readings: [
          ...history(DATE, 14, (d, k) => reading(d, k < 7 ? 20_000 : SUSPENDED_TOTALS[k - 7]!)),
          reading(DATE, 1000),
        ],
      }),
    ).baselines;
    expect(b.maintenanceKwh).toEqual({ value: 1800, source: 'history' });
  });

  it('0 (default) without history or must-run equipment', () => {
    const b = reviewMineDay(mine({ statusTimeline: since('suspended'), equipment: [] })).baselines;
    expect(b.maintenanceKwh).toEqual({ value: 0, source: 'default' });
    expect(b.nightShare).toEqual({ value: 8 / 24, source: 'default' });
  });

  it('only history days inside the window count (date − 28 … date − 1), not the earlier days of the month', () => {
    // On the 30th the readings window starts on the 1st, but history starts on the 2nd.
    const date = '2026-11-30';
    const readings = [reading('2026-11-01', 1800), ...history(date, 6, (d, k) => reading(d, SUSPENDED_TOTALS[k]!))];
    const b = reviewMineDay(mine({ date, statusTimeline: since('suspended'), readings })).baselines;
    expect(b.maintenanceKwh.source).toBe('equipment');
    const withSeventh = [reading('2026-11-02', 1800), ...readings];
    expect(
      reviewMineDay(mine({ date, statusTimeline: since('suspended'), readings: withSeventh })).baselines.maintenanceKwh
        .source,
    ).toBe('history');
  });
});

describe('production ceiling', () => {
  it('capacity / 330 × 1.1 × kWh per tonne, learned or default 25', () => {
    expect(reviewMineDay(mine()).baselines.productionCeilingKwh).toEqual({
      value: (CAPACITY / 330) * 1.1 * 25,
      source: 'capacity',
    });
    expect(reviewMineDay(mine({ kwhPerTonne: 30 })).baselines.productionCeilingKwh.value).toBe(
      (CAPACITY / 330) * 1.1 * 30,
    );
  });
});

describe('median and MAD', () => {
  it('over same-status history days with readings, null below minHistoryDays', () => {
    const totals = [936, 968, 1000, 1000, 1000, 1032, 1064];
    const six = reviewMineDay(mine({ readings: history(DATE, 6, (d, k) => reading(d, totals[k]!)) })).baselines;
    expect([six.medianKwh, six.madKwh, six.historyDays]).toEqual([null, null, 6]);
    const seven = reviewMineDay(mine({ readings: history(DATE, 7, (d, k) => reading(d, totals[k]!)) })).baselines;
    expect([seven.medianKwh, seven.madKwh, seven.historyDays]).toEqual([1000, 32, 7]);
  });

  it('only days in the reviewed day’s status', () => {
    const b = reviewMineDay(
      mine({
        statusTimeline: [
          { status: 'producing', from: '2020-01-01' },
          { status: 'suspended', from: '2026-11-14' },
        ],
        readings: history(DATE, 28, (d, k) => reading(d, k < 14 ? 20_000 : 2000 + k)),
      }),
    ).baselines;
    expect(b.historyDays).toBe(14);
    expect(b.medianKwh).toBe(2020.5);
  });
});

describe('night share', () => {
  it('8/24 from the equipment register below minHistoryDays stopped days with quarter-hours', () => {
    const b = reviewMineDay(
      mine({ statusTimeline: since('suspended'), readings: history(DATE, 6, (d) => qhReading(d, 1, 1.5)) }),
    ).baselines;
    expect(b.nightShare).toEqual({ value: 8 / 24, source: 'equipment' });
  });

  it('the mean over stopped days with quarter-hours from minHistoryDays on', () => {
    const b = reviewMineDay(
      mine({ statusTimeline: since('suspended'), readings: history(DATE, 7, (d) => qhReading(d, 1, 1.5)) }),
    ).baselines;
    expect(b.nightShare).toEqual({ value: 0.25, source: 'history' });
  });

  it('closed days count as stopped; producing days do not', () => {
    const closed = reviewMineDay(
      mine({ statusTimeline: since('closed'), readings: history(DATE, 7, (d) => qhReading(d, 1, 1.5)) }),
    ).baselines;
    expect(closed.nightShare.source).toBe('history');
    const producing = reviewMineDay(mine({ readings: history(DATE, 28, (d) => qhReading(d, 1, 1.5)) })).baselines;
    expect(producing.nightShare.source).toBe('equipment');
  });
});

describe('hoist share', () => {
  it('none below minHistoryDays stopped days with a circuit split, even with a hoist registered', () => {
    const b = reviewMineDay(
      mine({ statusTimeline: since('suspended'), readings: history(DATE, 6, (d) => circuitReading(d, 9.7, 90.3)) }),
    ).baselines;
    expect(b.hoistShare).toBeNull();
  });

  it('the median over stopped days with a split from minHistoryDays on', () => {
    const shares = [9, 10, 9.7, 9.5, 11, 9.6, 9.8];
    const b = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: history(DATE, 7, (d, k) => circuitReading(d, shares[k]!, 100 - shares[k]!)),
      }),
    ).baselines;
    expect(b.hoistShare).toEqual({ value: 9.7 / 100, source: 'history' });
  });
});

// ---- what the offence cannot teach, and what the register allows ----

/** A register whose must-run load (1,000 kW × 24 h × 0.6 = 14,400 kWh) is far above every day here: no cap. */
const BIG_REGISTER = [{ ratedKw: 1000, circuit: 'ventilation', mustRunWhenStopped: true }] as const;

/** A day of a stopped mine with quarter-hours (night and day kWh per quarter-hour) and a hoist share. */
const profiledDay = (date: string, night: number, day: number, hoist: number) => {
  const q = Array.from({ length: 96 }, (_, i) => (i < 24 || i >= 88 ? night : day));
  const kwh = q.reduce((a, b) => a + b, 0);
  return {
    meterId: 'M1',
    date,
    kwh,
    quarterHours: q,
    circuits: { hoist: kwh * hoist, ventilation: kwh * (1 - hoist) },
  };
};
/** Ordinary stopped day: flat 960 kWh, night share 1/3, hoist 3 %. */
const ordinary = (d: string) => profiledDay(d, 10, 10, 0.03);
/** Hidden production: 2,240 kWh, night share 1,280 / 2,240 ≈ 0.571, hoist 14 %. */
const hidden = (d: string) => profiledDay(d, 40, 15, 0.14);

/** Ten ordinary stopped days, then fourteen days of hidden production, and a fifteenth one reviewed. */
const PRODUCTION_DAYS = daysBefore(DATE, 14);
const fortnight = (over: Partial<MineReviewInput> = {}) =>
  reviewMineDay(
    mine({
      statusTimeline: since('suspended'),
      equipment: BIG_REGISTER,
      readings: [...history(DATE, 24, (d, k) => (k < 10 ? ordinary(d) : hidden(d))), hidden(DATE)],
      ...over,
    }),
  );
const rulesOf = (r: { findings: readonly { rule: string }[] }) => r.findings.map((f) => f.rule).sort();
const STOPPED_RULES = ['HOIST_SHARE', 'NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'];

describe('days the review flagged teach no baseline', () => {
  it.each<[string, readonly string[], { maintenance: number; night: number; hoist: number; fires: string[] }]>([
    // What the engine did before: fourteen days of production are most of the history, and the bar rose to meet it.
    [
      'every day learned from',
      [],
      { maintenance: 2240, night: (10 / 3 + 14 * (1280 / 2240)) / 24, hoist: 0.14, fires: [] },
    ],
    [
      'the fourteen flagged days left out',
      PRODUCTION_DAYS,
      { maintenance: 960, night: 1 / 3, hoist: 0.03, fires: STOPPED_RULES },
    ],
    [
      'only seven of them left out: the other seven still teach the night share',
      PRODUCTION_DAYS.slice(7),
      {
        maintenance: 960,
        night: (10 / 3 + 7 * (1280 / 2240)) / 17,
        hoist: 0.03,
        fires: ['HOIST_SHARE', 'SUSPENDED_OVER_MAINTENANCE'],
      },
    ],
  ])('%s', (_name, excludedDays, want) => {
    const r = fortnight({ excludedDays });
    expect(r.baselines.maintenanceKwh).toEqual({ value: want.maintenance, source: 'history' });
    expect(r.baselines.nightShare.value).toBeCloseTo(want.night, 9);
    expect(r.baselines.hoistShare?.value).toBeCloseTo(want.hoist, 9);
    expect(rulesOf(r).filter((rule) => STOPPED_RULES.includes(rule))).toEqual(want.fires);
    expect(r.baselines.excludedDays ?? []).toEqual(excludedDays);
  });

  it('with too few days left, the register and the flat profile take over', () => {
    const allButSix = daysBefore(DATE, 24).slice(6);
    const r = fortnight({ excludedDays: allButSix });
    expect(r.baselines.maintenanceKwh).toEqual({ value: 14_400, source: 'equipment' });
    expect(r.baselines.nightShare).toEqual({ value: 8 / 24, source: 'equipment' });
    expect(r.baselines.hoistShare).toBeNull();
    expect(findingOf(r, 'NIGHT_PRODUCTION')).toBeDefined();
  });

  it('the reviewed day itself and days outside the history window change nothing', () => {
    const plain = fortnight();
    const r = fortnight({ excludedDays: [DATE, addDays(DATE, 1), addDays(DATE, -29), '2020-01-01'] });
    expect(r.baselines).toEqual(plain.baselines);
    expect(r.findings).toEqual(plain.findings);
    expect(r.baselines.excludedDays).toBeUndefined();
  });

  it('a producing mine’s median and MAD leave flagged days out too', () => {
    const totals = history(DATE, 14, (d, k) => reading(d, k < 7 ? 10_000 + k * 10 : 26_000 + k * 10));
    const all = reviewMineDay(mine({ readings: totals })).baselines;
    const kept = reviewMineDay(mine({ readings: totals, excludedDays: daysBefore(DATE, 7) })).baselines;
    expect([all.historyDays, kept.historyDays]).toEqual([14, 7]);
    expect(kept.medianKwh).toBe(10_030);
  });
});

describe('investigation cases: pending days teach nothing, a dismissed case’s days count again', () => {
  const caseFrom = PRODUCTION_DAYS[0]!;
  const excluded = (spans: readonly ExclusionSpan[], flagged = new Map<string, string[]>()) =>
    excludedDaysFor(DATE, addDays(DATE, -28), flagged, spans);
  const night = { rule: 'NIGHT_PRODUCTION', from: caseFrom } as const;

  it.each<[string, readonly ExclusionSpan[], number, boolean]>([
    ['an open case: every day from its first finding left out, flagged or not', [night], 960, true],
    [
      'dismissed on the reviewed day: still pending for this review',
      [{ ...night, outcome: 'dismissed', on: DATE }],
      960,
      true,
    ],
    [
      'dismissed the day before: unfounded, its days count again',
      [{ ...night, outcome: 'dismissed', on: addDays(DATE, -1) }],
      2240,
      false,
    ],
    [
      'confirmed the day before: its days stay out',
      [{ ...night, outcome: 'confirmed', on: addDays(DATE, -1) }],
      960,
      true,
    ],
  ])('%s', (_name, spans, maintenance, fires) => {
    const r = fortnight({ excludedDays: excluded(spans) });
    expect(r.baselines.maintenanceKwh.value).toBe(maintenance);
    expect(findingOf(r, 'SUSPENDED_OVER_MAINTENANCE') !== undefined).toBe(fires);
  });

  it('a dismissed case clears the flags of its own rule only', () => {
    const flagged = new Map(PRODUCTION_DAYS.map((d) => [d, ['NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE']]));
    const dismissed: ExclusionSpan = { ...night, outcome: 'dismissed', on: addDays(DATE, -1) };
    expect(excluded([dismissed], flagged)).toEqual(PRODUCTION_DAYS);
    const both = [dismissed, { ...dismissed, rule: 'SUSPENDED_OVER_MAINTENANCE' }];
    expect(excluded(both, flagged)).toEqual([]);
  });
});

describe('the register caps the maintenance load a stopped mine is excused', () => {
  // Register: 150 kW must run → 2,160 kWh; seven stopped days at the given total.
  const stopped = (historyKwh: number, dayKwh: number, over: Partial<MineReviewInput> = {}) =>
    reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [...history(DATE, 7, (d, k) => reading(d, historyKwh + (k % 2))), reading(DATE, dayKwh)],
        ...over,
      }),
    );
  it.each<[string, number, number, { value: number; source: string }, boolean]>([
    ['history below the register, a day at its bar', 1800, 2340, { value: 1800, source: 'history' }, false],
    ['history below the register, a day above its bar', 1800, 2340.1, { value: 1800, source: 'history' }, true],
    ['history at the register: not above it, it stands', 2160, 2808, { value: 2160, source: 'history' }, false],
    ['history above the register: capped to it', 3000, 2808, { value: 2160, source: 'equipment_cap' }, false],
    [
      'history above the register, a day above the capped bar',
      3000,
      2808.1,
      { value: 2160, source: 'equipment_cap' },
      true,
    ],
    ['far above: still the register', 9000, 3000, { value: 2160, source: 'equipment_cap' }, true],
  ])('%s', (_name, historyKwh, dayKwh, maintenance, fires) => {
    const r = stopped(historyKwh, dayKwh);
    expect(r.baselines.maintenanceKwh).toEqual(maintenance);
    expect(findingOf(r, 'SUSPENDED_OVER_MAINTENANCE') !== undefined).toBe(fires);
  });

  it('says so in the finding', () => {
    expect(findingOf(stopped(3000, 4000), 'SUSPENDED_OVER_MAINTENANCE')).toMatchObject({
      threshold: 2808,
      baseline: { name: 'maintenanceKwh', value: 2160, source: 'equipment_cap' },
      message:
        '停产期间日用电量 4,000 kWh，超过维持性负荷 2,160 kWh（历史用电高于设备台账必开设备核定值，按台账计）的 1.3 倍（2,808 kWh），疑似明停暗开。',
    });
  });

  it('caps a mine under construction alike; without must-run equipment on the register nothing caps', () => {
    expect(stopped(3000, 2000, { statusTimeline: since('construction') }).baselines.maintenanceKwh).toEqual({
      value: 2160,
      source: 'equipment_cap',
    });
    expect(stopped(3000, 2000, { equipment: [] }).baselines.maintenanceKwh).toEqual({ value: 3000, source: 'history' });
  });
});
