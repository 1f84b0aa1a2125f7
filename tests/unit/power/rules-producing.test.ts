// Rules for producing mines (超能力 daily and month-to-date, near-zero or identical readings) and the spike rule, each
// at its threshold on both sides; month-to-date on the 1st and the last day of February in a leap year.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { monthlyShareKwh } from '#lib/power/engine/rules/over-capacity.ts';
import { spikeThresholdKwh } from '#lib/power/engine/rules/spike.ts';
import type { DailyReading } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { CEILING, DATE, findingOf, history, mine, policy, reading, since } from './builders.ts';

/** 27 November days at 20,000 kWh: month-to-date stays far below its share (≈ 705,833 kWh on the 28th). */
const NOVEMBER = history(DATE, 27, (d) => reading(d, 20_000 + Number(d.slice(8)) * 10));

describe('OVER_CAPACITY, daily', () => {
  it.each([
    [CEILING, false],
    [CEILING + 0.1, true],
  ])('%d kWh against a ceiling of ≈ 27,500 → finding %s', (kwh, fires) => {
    const review = reviewMineDay(mine({ readings: [...NOVEMBER, reading(DATE, kwh)] }));
    expect(findingOf(review, 'OVER_CAPACITY') !== undefined).toBe(fires);
  });

  it('only for producing mines', () => {
    for (const status of ['suspended', 'rectifying', 'closed', 'construction'] as const) {
      const review = reviewMineDay(mine({ statusTimeline: since(status), readings: [reading(DATE, CEILING * 3)] }));
      expect(findingOf(review, 'OVER_CAPACITY')).toBeUndefined();
    }
  });

  it('reads as a bureau officer would write it', () => {
    const review = reviewMineDay(mine({ readings: [...NOVEMBER, reading(DATE, 31_250)] }));
    expect(findingOf(review, 'OVER_CAPACITY')).toEqual({
      rule: 'OVER_CAPACITY',
      severity: 'high',
      measured: 31_250,
      threshold: 27_500,
      unit: 'kWh',
      baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
      message: '生产期间日用电量 31,250 kWh，超过按核定生产能力折算的日用电上限 27,500 kWh，疑似超能力生产。',
    });
  });

  it('one finding when the day and the month both exceed, led by the day, naming both', () => {
    const heavy = history(DATE, 27, (d) => reading(d, 27_000));
    const review = reviewMineDay(mine({ readings: [...heavy, reading(DATE, 30_000)] }));
    expect(review.findings.filter((f) => f.rule === 'OVER_CAPACITY')).toEqual([
      {
        rule: 'OVER_CAPACITY',
        severity: 'high',
        measured: 30_000,
        threshold: 27_500,
        unit: 'kWh',
        baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
        message:
          '生产期间日用电量 30,000 kWh，超过按核定生产能力折算的日用电上限 27,500 kWh；' +
          '11 月 1 日至 28 日累计用电量 759,000 kWh，亦超过按核定生产能力折算的月度份额 641,666.7 kWh 的 1.1 倍（705,833.3 kWh），疑似超能力生产。',
      },
    ]);
  });
});

describe('OVER_CAPACITY, month-to-date (February 2024, a leap year)', () => {
  // 348,000 t/year × 25 kWh/t / 12 = 725,000 kWh a month; the daily ceiling is ≈ 29,000 kWh.
  const capacity = 348_000;

  it.each([
    [0, false],
    [0.1, true],
  ])('on the 1st: only the 1st counts, share 725,000 / 29; +%d kWh over 1.1 × share → finding %s', (extra, fires) => {
    const date = '2024-02-01';
    const bar = 1.1 * monthlyShareKwh(capacity, 25, 1, 29);
    expect(bar).toBeCloseTo(27_500, 6);
    // January days (in the readings window, not in the month) do not count toward month-to-date.
    const january = history(date, 28, (d) => reading(d, 25_000 + Number(d.slice(8))));
    const review = reviewMineDay(
      mine({ date, approvedCapacityTonnesPerYear: capacity, readings: [...january, reading(date, bar + extra)] }),
    );
    const f = findingOf(review, 'OVER_CAPACITY');
    expect(f !== undefined).toBe(fires);
    if (fires) {
      expect(f).toEqual({
        rule: 'OVER_CAPACITY',
        severity: 'high',
        measured: 27_500.1,
        threshold: 27_500,
        unit: 'kWh',
        baseline: { name: 'monthlyShareKwh', value: 25_000, source: 'capacity' },
        message:
          '2 月 1 日至 1 日累计用电量 27,500.1 kWh，超过按核定生产能力折算的月度份额 25,000 kWh 的 1.1 倍（27,500 kWh），疑似超能力生产。',
      });
    }
  });

  it.each([
    [0, false],
    [1, true],
  ])(
    'on the 29th: all 29 days count, share the whole month; +%d kWh over 1.25 × share → finding %s',
    (extra, fires) => {
      const date = '2024-02-29';
      // 1.25 × 725,000 = 906,250 = 29 × 31,250 (a margin and days that add up exactly); ceiling 1.5 × ≈ 26,364.
      const p = policy({ monthToDateMargin: 1.25, productionMargin: 1.5 });
      const days: DailyReading[] = [...history(date, 28, (d) => reading(d, 31_250)), reading(date, 31_250 + extra)];
      const review = reviewMineDay(mine({ date, approvedCapacityTonnesPerYear: capacity, policy: p, readings: days }));
      const f = findingOf(review, 'OVER_CAPACITY');
      expect(f !== undefined).toBe(fires);
      if (fires) {
        expect(f).toEqual({
          rule: 'OVER_CAPACITY',
          severity: 'high',
          measured: 906_251,
          threshold: 906_250,
          unit: 'kWh',
          baseline: { name: 'monthlyShareKwh', value: 725_000, source: 'capacity' },
          message:
            '2 月 1 日至 29 日累计用电量 906,251 kWh，超过按核定生产能力折算的月度份额 725,000 kWh 的 1.25 倍（906,250 kWh），疑似超能力生产。',
        });
      }
    },
  );

  it('days without readings add nothing to month-to-date', () => {
    const date = '2024-02-29';
    const p = policy({ monthToDateMargin: 1.25, productionMargin: 1.5 });
    const days = [...history(date, 28, (d) => (d === '2024-02-10' ? [] : reading(d, 31_250))), reading(date, 31_251)];
    const review = reviewMineDay(mine({ date, approvedCapacityTonnesPerYear: capacity, policy: p, readings: days }));
    expect(findingOf(review, 'OVER_CAPACITY')).toBeUndefined();
  });
});

describe('FLATLINE_OR_DROP', () => {
  const nearZeroBar = 0.05 * CEILING;

  it.each([
    [nearZeroBar, false],
    [nearZeroBar - 0.1, true],
    [0, true],
  ])('producing, %d kWh against 5 %% of the ceiling → finding %s', (kwh, fires) => {
    const review = reviewMineDay(mine({ readings: [...NOVEMBER, reading(DATE, kwh)] }));
    expect(findingOf(review, 'FLATLINE_OR_DROP') !== undefined).toBe(fires);
  });

  it('near zero reads as a bureau officer would write it', () => {
    const review = reviewMineDay(mine({ readings: [...NOVEMBER, reading(DATE, 120)] }));
    expect(findingOf(review, 'FLATLINE_OR_DROP')).toEqual({
      rule: 'FLATLINE_OR_DROP',
      severity: 'medium',
      measured: 120,
      threshold: 1375,
      unit: 'kWh',
      baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
      message:
        '生产期间日用电量 120 kWh，低于日用电上限 27,500 kWh 的 5.0%（1,375 kWh），接近于零，疑似电表故障或篡改。',
    });
  });

  const flat = (identicalDays: number, kwh = 12_345.6): DailyReading[] => [
    ...history(DATE, 10, (d, k) => [
      reading(d, k >= 10 - (identicalDays - 1) ? kwh : 10_000 + k),
      reading(d, 5000 + k, { meterId: 'M2' }),
    ]),
    reading(DATE, kwh),
    reading(DATE, 5020, { meterId: 'M2' }),
  ];

  it.each([
    [2, false],
    [3, true],
    [5, true],
  ])('one meter identical on %d days in a row ending today → finding %s', (days, fires) => {
    const review = reviewMineDay(mine({ readings: flat(days) }));
    const f = findingOf(review, 'FLATLINE_OR_DROP');
    expect(f !== undefined).toBe(fires);
    if (fires) expect(f).toMatchObject({ measured: days, threshold: 3, unit: 'days' });
  });

  it('identical readings read as a bureau officer would write it', () => {
    const review = reviewMineDay(mine({ readings: flat(3) }));
    expect(findingOf(review, 'FLATLINE_OR_DROP')).toEqual({
      rule: 'FLATLINE_OR_DROP',
      severity: 'medium',
      measured: 3,
      threshold: 3,
      unit: 'days',
      baseline: { name: 'flatlineKwh', value: 12_345.6, source: 'history' },
      message: '生产期间电表 M1 连续 3 日读数完全相同（均为 12,345.6 kWh，连续 3 日即告警），疑似电表故障或篡改。',
    });
  });

  it('near zero and identical: one finding on the total, naming both', () => {
    const review = reviewMineDay(
      mine({ readings: history(DATE, 3, (d) => reading(d, 100)).concat(reading(DATE, 100)) }),
    );
    expect(review.findings.filter((f) => f.rule === 'FLATLINE_OR_DROP')).toEqual([
      expect.objectContaining({
        measured: 100,
        unit: 'kWh',
        message:
          '生产期间日用电量 100 kWh，低于日用电上限 27,500 kWh 的 5.0%（1,375 kWh），接近于零；' +
          '电表 M1 连续 4 日读数完全相同（均为 100 kWh，连续 3 日即告警），疑似电表故障或篡改。',
      }),
    ]);
  });

  it('a gap breaks the run; identical zeros are not a flatline; other statuses are not checked', () => {
    const gap = [reading('2026-11-25', 12_345.6), reading('2026-11-27', 12_345.6), reading(DATE, 12_345.6)];
    expect(findingOf(reviewMineDay(mine({ readings: gap })), 'FLATLINE_OR_DROP')).toBeUndefined();
    const zeros = history(DATE, 3, (d) => [reading(d, 0), reading(d, 20_000, { meterId: 'M2' })]).concat(
      reading(DATE, 0),
      reading(DATE, 20_001, { meterId: 'M2' }),
    );
    expect(findingOf(reviewMineDay(mine({ readings: zeros })), 'FLATLINE_OR_DROP')).toBeUndefined();
    expect(
      findingOf(
        reviewMineDay(mine({ statusTimeline: since('suspended'), readings: flat(5, 2000) })),
        'FLATLINE_OR_DROP',
      ),
    ).toBeUndefined();
  });
});

describe('SPIKE', () => {
  // Median 1,000 and MAD 32: the bar is 1,000 + 4 × 1.4826 × 32 ≈ 1,189.8 kWh.
  const totals = [936, 968, 1000, 1000, 1000, 1032, 1064];
  const bar = spikeThresholdKwh(1000, 32, 4);
  const withHistory = (kwh: number, days = 7, status: MineStatus = 'producing') =>
    reviewMineDay(
      mine({
        statusTimeline: since(status),
        readings: [...history(DATE, days, (d, k) => reading(d, totals[k]!)), reading(DATE, kwh)],
      }),
    );

  it('the bar is the median plus spikeZ robust standard deviations', () => {
    expect(bar).toBeCloseTo(1000 + 4 * 1.4826 * 32, 9);
  });

  it.each([
    [bar, false],
    [bar + 0.1, true],
  ])('%d kWh → finding %s', (kwh, fires) => {
    expect(findingOf(withHistory(kwh), 'SPIKE') !== undefined).toBe(fires);
  });

  it('not without minHistoryDays same-status days, nor when the MAD is 0', () => {
    expect(findingOf(withHistory(50_000, 6), 'SPIKE')).toBeUndefined();
    const flatHistory = reviewMineDay(
      mine({ readings: [...history(DATE, 7, (d) => reading(d, 1000)), reading(DATE, 20_000)] }),
    );
    expect(findingOf(flatHistory, 'SPIKE')).toBeUndefined();
  });

  it('applies in any status, against the same status', () => {
    expect(findingOf(withHistory(2000, 7, 'construction'), 'SPIKE')).toBeDefined();
  });

  it('reads as a bureau officer would write it', () => {
    expect(findingOf(withHistory(2000), 'SPIKE')).toEqual({
      rule: 'SPIKE',
      severity: 'medium',
      measured: 21.08,
      threshold: 4,
      unit: 'z',
      baseline: { name: 'medianKwh', value: 1000, source: 'history' },
      message:
        '日用电量 2,000 kWh，较近 28 日生产日中位数 1,000 kWh 的稳健 z 值为 21.08，超过阈值 4（1,189.8 kWh），用电量突增。',
    });
  });
});
