// The daily chart's data from the API's answers: one slot per day, gaps for missing days, the band only where a
// review set one, red marks only on flagged days inside the window.
import { describe, expect, it } from 'vitest';
import { anomalyDaysAttr, prepareDailyChart } from '#web/src/charts/daily-data.ts';
import type { MineReviewDay, ReadingDay, ReadingSeries } from '#web/src/charts/power-api.ts';

const day = (date: string, kwh: number | null, extra: Partial<ReadingDay> = {}): ReadingDay => ({
  date,
  kwh,
  meters: kwh === null ? [] : [{ meterId: 'main', kwh, revision: 1 }],
  ...extra,
});
const band = (lowKwh: number | undefined, highKwh: number | undefined) => ({
  maintenanceKwh: 1000,
  productionCeilingKwh: 9000,
  medianKwh: 1000,
  madKwh: 20,
  lowKwh,
  highKwh,
});
const review = (
  date: string,
  rules: MineReviewDay['findings'][number]['rule'][],
  verdict: MineReviewDay['verdict'] = rules.length ? 'anomaly' : 'normal',
): MineReviewDay => ({
  date,
  status: 'suspended',
  verdict,
  totalKwh: null,
  findings: rules.map((rule) => ({ rule, severity: 'high', message: `${rule} 说明` })),
});
const series = (from: string, to: string, days: ReadingDay[]): ReadingSeries => ({ mineId: 'm-1', from, to, days });

describe('prepareDailyChart', () => {
  it.each<
    [
      string,
      ReadingSeries,
      MineReviewDay[],
      { kwh: (number | null)[]; low: (number | null)[]; high: (number | null)[]; marked: string },
    ]
  >([
    [
      'every day present, one reviewed and flagged',
      series('2026-11-01', '2026-11-03', [
        day('2026-11-01', 1000),
        day('2026-11-02', 1010),
        day('2026-11-03', 2500, { verdict: 'anomaly', rules: ['SPIKE'], band: band(0, 1100) }),
      ]),
      [review('2026-11-03', ['SUSPENDED_OVER_MAINTENANCE', 'SPIKE'])],
      { kwh: [1000, 1010, 2500], low: [null, null, 0], high: [null, null, 1100], marked: '2026-11-03' },
    ],
    [
      'a missing day is a gap, and a day absent from the answer too',
      series('2026-11-01', '2026-11-04', [day('2026-11-01', 1000), day('2026-11-02', null), day('2026-11-04', 990)]),
      [],
      { kwh: [1000, null, null, 990], low: [null, null, null, null], high: [null, null, null, null], marked: '' },
    ],
    [
      'a reviewed day without a range (nothing bounds it) has no band; a reversed range is ignored',
      series('2026-11-01', '2026-11-02', [
        day('2026-11-01', 500, { band: band(undefined, undefined) }),
        day('2026-11-02', 500, { band: band(900, 100) }),
      ]),
      [],
      { kwh: [500, 500], low: [null, null], high: [null, null], marked: '' },
    ],
    [
      'flagged days outside the window are left out',
      series('2026-11-02', '2026-11-03', [day('2026-11-02', 1000), day('2026-11-03', 1000)]),
      [review('2026-11-01', ['SPIKE']), review('2026-11-04', ['MISSING'], 'no_data'), review('2026-11-03', ['SPIKE'])],
      { kwh: [1000, 1000], low: [null, null], high: [null, null], marked: '2026-11-03' },
    ],
    [
      'a day with no reading the review flagged (missing) is marked, without a point',
      series('2026-11-01', '2026-11-02', [day('2026-11-01', 1000), day('2026-11-02', null)]),
      [review('2026-11-02', ['MISSING'], 'no_data'), review('2026-11-01', [])],
      { kwh: [1000, null], low: [null, null], high: [null, null], marked: '2026-11-02' },
    ],
    [
      'no data at all',
      series('2026-11-01', '2026-11-01', []),
      [],
      { kwh: [null], low: [null], high: [null], marked: '' },
    ],
  ])('%s', (_name, input, reviews, want) => {
    const data = prepareDailyChart(input, reviews);
    expect(data.x).toEqual(want.kwh.map((_, i) => i));
    expect(data.dates).toHaveLength(want.kwh.length);
    expect(data.kwh).toEqual(want.kwh);
    expect(data.bandLow).toEqual(want.low);
    expect(data.bandHigh).toEqual(want.high);
    expect(anomalyDaysAttr(data)).toBe(want.marked);
    // Every series is aligned on the same days.
    for (const s of [data.kwh, data.bandLow, data.bandHigh, data.anomalyKwh, data.anomalyAt])
      expect(s).toHaveLength(data.x.length);
  });

  it('names the rules of a flagged day in Chinese, with the review’s sentences, and puts the red point at its total', () => {
    const data = prepareDailyChart(
      series('2026-11-28', '2026-11-29', [
        day('2026-11-28', 3300),
        day('2026-11-29', 6333.58, { band: band(0, 3679.7) }),
      ]),
      [review('2026-11-29', ['NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION'])],
    );
    expect(data.anomalies).toEqual([
      expect.objectContaining({
        date: '2026-11-29',
        index: 1,
        kwh: 6333.58,
        rules: ['NIGHT_PRODUCTION', 'SUSPENDED_OVER_MAINTENANCE'],
        label: '停产矿井夜间用电异常、停产矿井用电超维持性负荷',
      }),
    ]);
    expect(data.anomalies[0]!.findings[0]).toEqual({
      rule: 'NIGHT_PRODUCTION',
      label: '停产矿井夜间用电异常',
      severity: 'high',
      message: 'NIGHT_PRODUCTION 说明',
    });
    expect(data.anomalyKwh).toEqual([null, 6333.58]);
    expect(data.anomalyAt[1]?.date).toBe('2026-11-29');
  });

  it('falls back to the day series’ own rules when the reviews are not at hand, and lists days oldest first', () => {
    const data = prepareDailyChart(
      series('2026-11-01', '2026-11-03', [
        day('2026-11-03', 10, { verdict: 'anomaly', rules: ['FLATLINE_OR_DROP'] }),
        day('2026-11-01', 10, { verdict: 'anomaly', rules: ['OVER_CAPACITY'] }),
      ]),
      [],
    );
    expect(anomalyDaysAttr(data)).toBe('2026-11-01,2026-11-03');
    expect(data.anomalies.map((a) => a.label)).toEqual(['超核定能力用电', '电量恒定或骤降']);
  });

  it('trusts a review that found nothing over the day series', () => {
    const data = prepareDailyChart(
      series('2026-11-01', '2026-11-01', [day('2026-11-01', 10, { verdict: 'anomaly', rules: ['SPIKE'] })]),
      [review('2026-11-01', [])],
    );
    expect(data.anomalies).toEqual([]);
  });

  it('an unknown rule keeps its id as its name', () => {
    // A rule the server added after this page was built (an open page outlives a deployment): not in the type.
    const data = prepareDailyChart(series('2026-11-01', '2026-11-01', [day('2026-11-01', 10)]), [
      review('2026-11-01', ['NEW_RULE' as never]),
    ]);
    expect(data.anomalies[0]?.label).toBe('NEW_RULE');
  });
});
