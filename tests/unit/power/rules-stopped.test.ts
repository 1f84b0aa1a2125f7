// Rules for stopped and closed mines (明停暗开, 死灰复燃, 夜间生产, 提升机运行), each at its threshold on both sides:
// exactly at the threshold is no finding (comparisons are strict), just above is one. A mine under construction
// (技改/建设) may not produce either: it is held to the same rules as a suspended one, in words of its own.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { circuitReading, DATE, findingOf, history, mine, policy, qhReading, reading, since } from './builders.ts';

/** Equipment maintenance load × the default multiplier, in the engine's order of operations. */
const MAINTENANCE_BAR = 150 * 24 * 0.6 * 1.3;

describe('SUSPENDED_OVER_MAINTENANCE', () => {
  it.each([
    ['suspended', MAINTENANCE_BAR, false],
    ['suspended', MAINTENANCE_BAR + 0.1, true],
    ['rectifying', MAINTENANCE_BAR, false],
    ['rectifying', MAINTENANCE_BAR + 0.1, true],
    ['construction', MAINTENANCE_BAR, false],
    ['construction', MAINTENANCE_BAR + 0.1, true],
    ['producing', MAINTENANCE_BAR * 5, false],
    ['closed', MAINTENANCE_BAR + 0.1, false],
  ] as const)('%s, %d kWh → finding %s', (status: MineStatus, kwh, fires) => {
    const review = reviewMineDay(mine({ statusTimeline: since(status), readings: [reading(DATE, kwh)] }));
    expect(findingOf(review, 'SUSPENDED_OVER_MAINTENANCE') !== undefined).toBe(fires);
  });

  it('against the history median when there is enough stopped history', () => {
    const base = { statusTimeline: since('suspended'), readings: history(DATE, 7, (d) => reading(d, 1000)) };
    const at = reviewMineDay(mine({ ...base, readings: [...base.readings, reading(DATE, 1000 * 1.3)] }));
    expect(findingOf(at, 'SUSPENDED_OVER_MAINTENANCE')).toBeUndefined();
    const above = reviewMineDay(mine({ ...base, readings: [...base.readings, reading(DATE, 1300.1)] }));
    expect(findingOf(above, 'SUSPENDED_OVER_MAINTENANCE')).toMatchObject({
      measured: 1300.1,
      threshold: 1300,
      baseline: { name: 'maintenanceKwh', value: 1000, source: 'history' },
    });
  });

  it('reads as a bureau officer would write it', () => {
    const review = reviewMineDay(mine({ statusTimeline: since('suspended'), readings: [reading(DATE, 4820)] }));
    expect(review.verdict).toBe('anomaly');
    expect(findingOf(review, 'SUSPENDED_OVER_MAINTENANCE')).toEqual({
      rule: 'SUSPENDED_OVER_MAINTENANCE',
      severity: 'high',
      measured: 4820,
      threshold: 2808,
      unit: 'kWh',
      baseline: { name: 'maintenanceKwh', value: 2160, source: 'equipment' },
      message: '停产期间日用电量 4,820 kWh，超过维持性负荷 2,160 kWh 的 1.3 倍（2,808 kWh），疑似明停暗开。',
    });
    const rectifying = reviewMineDay(mine({ statusTimeline: since('rectifying'), readings: [reading(DATE, 4820)] }));
    expect(findingOf(rectifying, 'SUSPENDED_OVER_MAINTENANCE')?.message).toBe(
      '停产整顿期间日用电量 4,820 kWh，超过维持性负荷 2,160 kWh 的 1.3 倍（2,808 kWh），疑似明停暗开。',
    );
  });
});

describe('CLOSED_CONSUMPTION', () => {
  it.each([
    [50, false],
    [50.1, true],
    [0, false],
  ])('closed, %d kWh → finding %s', (kwh, fires) => {
    const review = reviewMineDay(mine({ statusTimeline: since('closed'), readings: [reading(DATE, kwh)] }));
    expect(findingOf(review, 'CLOSED_CONSUMPTION') !== undefined).toBe(fires);
  });

  it('only for closed mines', () => {
    const review = reviewMineDay(mine({ statusTimeline: since('construction'), readings: [reading(DATE, 500)] }));
    expect(findingOf(review, 'CLOSED_CONSUMPTION')).toBeUndefined();
  });

  it('is critical and reads as a bureau officer would write it', () => {
    const review = reviewMineDay(mine({ statusTimeline: since('closed'), readings: [reading(DATE, 1320)] }));
    expect(findingOf(review, 'CLOSED_CONSUMPTION')).toEqual({
      rule: 'CLOSED_CONSUMPTION',
      severity: 'critical',
      measured: 1320,
      threshold: 50,
      unit: 'kWh',
      baseline: { name: 'closedFloorKwh', value: 50, source: 'default' },
      message: '关闭矿井日用电量 1,320 kWh，超过关闭矿井用电下限 50 kWh，疑似死灰复燃。',
    });
  });
});

describe('NIGHT_PRODUCTION', () => {
  // Seven stopped days with night share 32 × 1 / (32 × 1 + 64 × 1.5) = 0.25: threshold 0.25 × 1.5 = 0.375.
  const stoppedHistory = history(DATE, 7, (d) => qhReading(d, 1, 1.5));
  const review = (status: MineStatus, nightPerQuarter: number, dayPerQuarter: number) =>
    reviewMineDay(
      mine({
        statusTimeline: since(status),
        readings: [...stoppedHistory, qhReading(DATE, nightPerQuarter, dayPerQuarter)],
      }),
    );

  it.each([
    ['suspended', 1.5, 1.25, false], // 48 / 128 = 0.375 exactly
    ['suspended', 1.6, 1.25, true], // 51.2 / 131.2 ≈ 0.390
    ['rectifying', 1.5, 1.25, false],
    ['rectifying', 1.6, 1.25, true],
    ['construction', 1.5, 1.25, false],
    ['construction', 1.6, 1.25, true],
    ['closed', 5, 0.1, false],
    ['producing', 5, 0.1, false],
  ] as const)('%s, night %d / day %d per quarter-hour → finding %s', (status, night, day, fires) => {
    expect(findingOf(review(status, night, day), 'NIGHT_PRODUCTION') !== undefined).toBe(fires);
  });

  it('needs the day’s quarter-hours from every meter', () => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [...stoppedHistory, qhReading(DATE, 5, 0.1), reading(DATE, 10, { meterId: 'M2' })],
      }),
    );
    expect(findingOf(r, 'NIGHT_PRODUCTION')).toBeUndefined();
  });

  it('reads as a bureau officer would write it (history baseline)', () => {
    expect(findingOf(review('suspended', 1.6, 1.25), 'NIGHT_PRODUCTION')).toEqual({
      rule: 'NIGHT_PRODUCTION',
      severity: 'high',
      measured: 0.39,
      threshold: 0.375,
      unit: 'share',
      baseline: { name: 'nightShare', value: 0.25, source: 'history' },
      message: '停产期间夜间（22:00–06:00）用电占比 39.0%，超过停产日基线 25.0% 的 1.5 倍（37.5%），疑似夜间生产。',
    });
  });

  it('against a flat must-run profile (8/24) without enough history', () => {
    const r = reviewMineDay(mine({ statusTimeline: since('suspended'), readings: [qhReading(DATE, 3, 1)] }));
    expect(findingOf(r, 'NIGHT_PRODUCTION')).toEqual({
      rule: 'NIGHT_PRODUCTION',
      severity: 'high',
      measured: 0.6,
      threshold: 0.5,
      unit: 'share',
      baseline: { name: 'nightShare', value: 0.333, source: 'equipment' },
      message:
        '停产期间夜间（22:00–06:00）用电占比 60.0%，超过维持性负荷全天均匀时的 33.3% 的 1.5 倍（50.0%），疑似夜间生产。',
    });
    const flat = reviewMineDay(mine({ statusTimeline: since('suspended'), readings: [qhReading(DATE, 1, 1)] }));
    expect(findingOf(flat, 'NIGHT_PRODUCTION')).toBeUndefined();
  });
});

describe('HOIST_SHARE', () => {
  const stopped = (status: MineStatus, baseHoist: number, dayHoist: number, p = policy(), days = 7) =>
    reviewMineDay(
      mine({
        statusTimeline: since(status),
        policy: p,
        readings: [
          ...history(DATE, days, (d) => circuitReading(d, baseHoist, 100 - baseHoist)),
          circuitReading(DATE, dayHoist, 100 - dayHoist),
        ],
      }),
    );

  it('fires on the real case: 9.7 % → 13 % (0.13 > 0.097 × 1.25 = 0.121, up 3.3 points ≥ 2)', () => {
    expect(findingOf(stopped('suspended', 9.7, 13), 'HOIST_SHARE')).toEqual({
      rule: 'HOIST_SHARE',
      severity: 'high',
      measured: 0.13,
      threshold: 0.121,
      unit: 'share',
      baseline: { name: 'hoistShare', value: 0.097, source: 'history' },
      message:
        '停产期间提升回路用电占比 13.0%，较停产日基线 9.7% 上升 3.3 个百分点，超过阈值 12.1%（基线的 1.25 倍且上升不少于 2.0 个百分点），疑似提升机运行。',
    });
  });

  it.each([
    ['suspended', 50, 62.5, false], // exactly 0.5 × 1.25
    ['suspended', 50, 63, true],
    ['rectifying', 50, 62.5, false],
    ['rectifying', 50, 63, true],
    ['closed', 50, 62.5, false],
    ['closed', 50, 63, true],
    ['construction', 50, 62.5, false],
    ['construction', 50, 63, true],
    ['producing', 50, 90, false],
  ] as const)('%s, hoist %d %% → %d %% → finding %s (relative bar)', (status, base, day, fires) => {
    expect(findingOf(stopped(status, base, day), 'HOIST_SHARE') !== undefined).toBe(fires);
  });

  it.each([
    [12, false], // 0.12 > 0.078125 but up only 0.0575 < 0.0625
    [12.5, true], // up exactly 0.0625: the increase bar is inclusive (≥)
  ])('baseline 6.25 %%, day %d %% with a minimum increase of 6.25 points → finding %s', (day, fires) => {
    expect(
      findingOf(stopped('suspended', 6.25, day, policy({ hoistShareMinIncrease: 0.0625 })), 'HOIST_SHARE') !==
        undefined,
    ).toBe(fires);
  });

  it('waits for history: no baseline with minHistoryDays − 1 stopped days', () => {
    const r = stopped('suspended', 9.7, 13, policy(), 6);
    expect(r.baselines.hoistShare).toBeNull();
    expect(findingOf(r, 'HOIST_SHARE')).toBeUndefined();
  });

  it('needs the hoist in the day’s split', () => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [
          ...history(DATE, 7, (d) => circuitReading(d, 9.7, 90.3)),
          { meterId: 'M1', date: DATE, kwh: 100, circuits: { ventilation: 100 } },
        ],
      }),
    );
    expect(findingOf(r, 'HOIST_SHARE')).toBeUndefined();
  });
});

describe('a mine under construction (技改/建设) is reviewed as not producing', () => {
  it('over its maintenance load: 边建设边生产', () => {
    const review = reviewMineDay(mine({ statusTimeline: since('construction'), readings: [reading(DATE, 4820)] }));
    expect(findingOf(review, 'SUSPENDED_OVER_MAINTENANCE')).toEqual({
      rule: 'SUSPENDED_OVER_MAINTENANCE',
      severity: 'high',
      measured: 4820,
      threshold: 2808,
      unit: 'kWh',
      baseline: { name: 'maintenanceKwh', value: 2160, source: 'equipment' },
      message:
        '建设/技改矿井日用电量 4,820 kWh，超过维持性负荷 2,160 kWh 的 1.3 倍（2,808 kWh），疑似边建设边生产，建设期间不得生产。',
    });
  });

  it('night production, against the flat must-run profile and against its own days not producing', () => {
    const flat = reviewMineDay(mine({ statusTimeline: since('construction'), readings: [qhReading(DATE, 3, 1)] }));
    expect(findingOf(flat, 'NIGHT_PRODUCTION')).toEqual({
      rule: 'NIGHT_PRODUCTION',
      severity: 'high',
      measured: 0.6,
      threshold: 0.5,
      unit: 'share',
      baseline: { name: 'nightShare', value: 0.333, source: 'equipment' },
      message:
        '建设/技改矿井夜间（22:00–06:00）用电占比 60.0%，超过维持性负荷全天均匀时的 33.3% 的 1.5 倍（50.0%），疑似夜间组织生产，建设期间不得生产。',
    });
    const learned = reviewMineDay(
      mine({
        statusTimeline: since('construction'),
        readings: [...history(DATE, 7, (d) => qhReading(d, 1, 1.5)), qhReading(DATE, 1.6, 1.25)],
      }),
    );
    expect(findingOf(learned, 'NIGHT_PRODUCTION')?.message).toBe(
      '建设/技改矿井夜间（22:00–06:00）用电占比 39.0%，超过非生产日基线 25.0% 的 1.5 倍（37.5%），疑似夜间组织生产，建设期间不得生产。',
    );
  });

  it('the hoist running', () => {
    const review = reviewMineDay(
      mine({
        statusTimeline: since('construction'),
        readings: [...history(DATE, 7, (d) => circuitReading(d, 9.7, 90.3)), circuitReading(DATE, 13, 87)],
      }),
    );
    expect(findingOf(review, 'HOIST_SHARE')?.message).toBe(
      '建设/技改矿井提升回路用电占比 13.0%，较非生产日基线 9.7% 上升 3.3 个百分点，超过阈值 12.1%（基线的 1.25 倍且上升不少于 2.0 个百分点），疑似提升机运行出煤，建设期间不得生产。',
    );
  });

  it('within its maintenance load and profile, a normal day', () => {
    const review = reviewMineDay(
      mine({
        statusTimeline: since('construction'),
        readings: [...history(DATE, 7, (d) => qhReading(d, 1, 1.5)), qhReading(DATE, 1, 1.5)],
      }),
    );
    expect(review).toMatchObject({ status: 'construction', verdict: 'normal', findings: [] });
  });
});
