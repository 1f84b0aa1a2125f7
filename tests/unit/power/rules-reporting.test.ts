// Rules about reporting itself: a missing day (low; high on missingHighDays in a row) and data revised after the
// day was reviewed. A day without any reading is 'no_data' and no consumption rule runs on it.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { RevisionAfterReview } from '#lib/power/types.ts';
import { DATE, daysBefore, findingOf, history, mine, reading, since } from './builders.ts';

describe('MISSING', () => {
  it.each([
    [0, 1, 'low'],
    [1, 2, 'low'],
    [2, 3, 'high'],
    [5, 6, 'high'],
  ] as const)('%d days before also without data → %d days in a row, %s', (gap, days, severity) => {
    const readings = history(DATE, 10, (d, k) => (k >= 10 - gap ? [] : reading(d, 1000)));
    const review = reviewMineDay(mine({ readings }));
    expect(review.verdict).toBe('no_data');
    expect(findingOf(review, 'MISSING')).toMatchObject({ severity, measured: days, threshold: 3, unit: 'days' });
  });

  it('counts back through the whole readings window when nothing arrived', () => {
    // 2026-10-31 … 2026-11-28.
    expect(findingOf(reviewMineDay(mine()), 'MISSING')?.measured).toBe(29);
  });

  it('no finding when the day has a reading', () => {
    expect(findingOf(reviewMineDay(mine({ readings: [reading(DATE, 20_000)] })), 'MISSING')).toBeUndefined();
  });

  it('reads as a bureau officer would write it', () => {
    const low = reviewMineDay(mine({ readings: history(DATE, 10, (d, k) => (k >= 9 ? [] : reading(d, 1000))) }));
    expect(findingOf(low, 'MISSING')).toEqual({
      rule: 'MISSING',
      severity: 'low',
      measured: 2,
      threshold: 3,
      unit: 'days',
      baseline: { name: 'missingHighDays', value: 3, source: 'default' },
      message: '截至审查未收到 2026-11-28 的用电量数据，已连续 2 日无数据（连续 3 日升为高风险），未按时报送。',
    });
    const high = reviewMineDay(mine({ readings: history(DATE, 10, (d, k) => (k >= 7 ? [] : reading(d, 1000))) }));
    expect(findingOf(high, 'MISSING')?.message).toBe(
      '截至审查未收到 2026-11-28 的用电量数据，已连续 4 日无数据（已达连续 3 日的高风险标准），未按时报送。',
    );
  });
});

describe('no data', () => {
  it('a day without any reading: no_data, total null, no consumption rule even for a suspended mine', () => {
    const review = reviewMineDay(
      mine({ statusTimeline: since('suspended'), readings: history(DATE, 7, (d) => reading(d, 50_000)) }),
    );
    expect(review).toMatchObject({ verdict: 'no_data', totalKwh: null, status: 'suspended' });
    expect(review.findings.map((f) => f.rule)).toEqual(['MISSING']);
  });

  it('readings of other days or outside the window do not count for the day', () => {
    const review = reviewMineDay(mine({ readings: [reading('2026-11-29', 1000), reading('2026-01-01', 1000)] }));
    expect(review.verdict).toBe('no_data');
  });
});

describe('REVISED_AFTER_REVIEW', () => {
  const revision = (over: Partial<RevisionAfterReview> = {}): RevisionAfterReview => ({
    meterId: 'M1',
    date: DATE,
    at: '2026-11-29T02:00:00.000Z',
    by: '王建国',
    reason: '抄表错误',
    previousKwh: 1000,
    kwh: 1500,
    ...over,
  });
  const day = [reading(DATE, 1500), reading(DATE, 500, { meterId: 'M2' })];

  it('reads as a bureau officer would write it, naming who changed what and why', () => {
    const review = reviewMineDay(mine({ readings: day, revisionsAfterReview: [revision()] }));
    expect(findingOf(review, 'REVISED_AFTER_REVIEW')).toEqual({
      rule: 'REVISED_AFTER_REVIEW',
      severity: 'medium',
      measured: 2000,
      threshold: 1500,
      unit: 'kWh',
      baseline: { name: 'previousTotalKwh', value: 1500, source: 'history' },
      message:
        '2026-11-28 的用电量在审查后被修改：王建国 于 2026-11-29T02:00:00.000Z 将电表 M1 由 1,000 kWh 改为 1,500 kWh，' +
        '理由：抄表错误；日用电量由 1,500 kWh 变为 2,000 kWh，审查后修改数据，需核实。',
    });
  });

  it('one finding for several revisions, in time order; the first previous value is what the review saw', () => {
    const review = reviewMineDay(
      mine({
        readings: day,
        revisionsAfterReview: [
          revision({ at: '2026-11-30T01:00:00.000Z', previousKwh: 1200, kwh: 1500, by: '李四', reason: '再次更正' }),
          revision({ previousKwh: 1000, kwh: 1200 }),
          revision({ meterId: 'M2', previousKwh: 400, kwh: 500, reason: '补录' }),
          revision({ date: '2026-11-27', previousKwh: 1, kwh: 99_999 }),
        ],
      }),
    );
    const found = review.findings.filter((f) => f.rule === 'REVISED_AFTER_REVIEW');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ measured: 2000, threshold: 1400 });
    expect(found[0]!.message).toBe(
      '2026-11-28 的用电量在审查后被修改：' +
        '王建国 于 2026-11-29T02:00:00.000Z 将电表 M1 由 1,000 kWh 改为 1,200 kWh，理由：抄表错误；' +
        '王建国 于 2026-11-29T02:00:00.000Z 将电表 M2 由 400 kWh 改为 500 kWh，理由：补录；' +
        '李四 于 2026-11-30T01:00:00.000Z 将电表 M1 由 1,200 kWh 改为 1,500 kWh，理由：再次更正；' +
        '日用电量由 1,400 kWh 变为 2,000 kWh，审查后修改数据，需核实。',
    );
  });

  it('no finding for revisions of other days', () => {
    const review = reviewMineDay(mine({ readings: day, revisionsAfterReview: [revision({ date: '2026-11-27' })] }));
    expect(review.findings).toEqual([]);
    expect(review.verdict).toBe('normal');
  });

  it('alongside MISSING on a day left without data', () => {
    const review = reviewMineDay(mine({ revisionsAfterReview: [revision({ kwh: 0 })] }));
    expect(review.verdict).toBe('no_data');
    expect(review.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['MISSING', 'high'],
      ['REVISED_AFTER_REVIEW', 'medium'],
    ]);
    expect(findingOf(review, 'REVISED_AFTER_REVIEW')).toMatchObject({ measured: 0, threshold: 1000 });
  });
});

describe('daysBefore', () => {
  it('lists the days before a date, oldest first', () => {
    expect(daysBefore('2024-03-02', 3)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});
