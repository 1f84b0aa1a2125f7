// The quarter-hour chart's data for a day: the meters' 96 values added up, the night window, and what is missing.
import { describe, expect, it } from 'vitest';
import type { ReadingSeries } from '#web/src/charts/power-api.ts';
import { isNightQuarter, prepareQuarterHourChart } from '#web/src/charts/quarter-hour-data.ts';

/** 96 values: `night` on 22:00–06:00, `day` otherwise. */
const profile = (night: number, day: number): number[] =>
  Array.from({ length: 96 }, (_, i) => (i < 24 || i >= 88 ? night : day));
const series = (
  meters: ReadingSeries['days'][number]['meters'],
  extra: Partial<ReadingSeries['days'][number]> = {},
): ReadingSeries => ({
  mineId: 'm-1',
  from: '2026-11-29',
  to: '2026-11-29',
  days: [{ date: '2026-11-29', kwh: meters.reduce((s, m) => s + m.kwh, 0), meters, ...extra }],
});

describe('the night window', () => {
  it.each([
    [0, true],
    [23, true],
    [24, false],
    [87, false],
    [88, true],
    [95, true],
  ])('quarter-hour %d is night: %s', (q, night) => expect(isNightQuarter(q)).toBe(night));
});

describe('prepareQuarterHourChart', () => {
  it.each<
    [
      string,
      ReadingSeries,
      { hasData: boolean; first: number | null; last: number | null; without: string[]; nightShare: number | null },
    ]
  >([
    [
      'one meter',
      series([{ meterId: 'main', kwh: 32 * 3 + 64, revision: 1, quarterHours: profile(3, 1) }]),
      { hasData: true, first: 3, last: 3, without: [], nightShare: 96 / 160 },
    ],
    [
      'two meters add up',
      series([
        { meterId: 'a', kwh: 96, revision: 1, quarterHours: profile(1, 1) },
        { meterId: 'b', kwh: 192, revision: 1, quarterHours: profile(2, 2) },
      ]),
      { hasData: true, first: 3, last: 3, without: [], nightShare: 1 / 3 },
    ],
    [
      'a meter without quarter-hours is named, the others still drawn',
      series([
        { meterId: 'a', kwh: 96, revision: 1, quarterHours: profile(1, 1) },
        { meterId: 'b', kwh: 500, revision: 1 },
      ]),
      { hasData: true, first: 1, last: 1, without: ['b'], nightShare: 1 / 3 },
    ],
    [
      'daily totals only',
      series([{ meterId: 'main', kwh: 500, revision: 1 }]),
      { hasData: false, first: null, last: null, without: ['main'], nightShare: null },
    ],
    [
      'a short series counts as none',
      series([{ meterId: 'main', kwh: 5, revision: 1, quarterHours: [1, 2, 2] }]),
      { hasData: false, first: null, last: null, without: ['main'], nightShare: null },
    ],
    [
      'no reading that day',
      { mineId: 'm-1', from: '2026-11-29', to: '2026-11-29', days: [] },
      { hasData: false, first: null, last: null, without: [], nightShare: null },
    ],
  ])('%s', (_name, input, want) => {
    const data = prepareQuarterHourChart(input, '2026-11-29');
    expect(data.x).toHaveLength(96);
    expect(data.kwh).toHaveLength(96);
    expect(data.hasData).toBe(want.hasData);
    expect(data.kwh[0]).toBe(want.first);
    expect(data.kwh[95]).toBe(want.last);
    expect(data.metersWithoutQuarterHours).toEqual(want.without);
    if (want.nightShare === null) expect(data.nightShare).toBeNull();
    else expect(data.nightShare).toBeCloseTo(want.nightShare, 10);
  });

  it('carries the day’s verdict and rules, and rounds sums to the cent', () => {
    const q = profile(0.1, 0.2);
    const data = prepareQuarterHourChart(
      series(
        [
          { meterId: 'a', kwh: 1, revision: 1, quarterHours: q },
          { meterId: 'b', kwh: 1, revision: 1, quarterHours: q },
        ],
        { verdict: 'anomaly', rules: ['NIGHT_PRODUCTION'] },
      ),
      '2026-11-29',
    );
    expect(data.kwh[0]).toBe(0.2);
    expect(data.kwh[30]).toBe(0.4);
    expect(data).toMatchObject({ day: '2026-11-29', verdict: 'anomaly', rules: ['NIGHT_PRODUCTION'] });
  });
});
