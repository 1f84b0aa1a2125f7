// The baseline band a mine's chart draws: the daily totals its review accepts without a finding on the total. Checked
// on examples, and against the engine itself: a day on the band's edge raises nothing, a cent beyond it does.
import { describe, expect, it } from 'vitest';
import { expectedRangeKwh } from '#lib/power/engine/expected-range.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import type { Baselines } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { CEILING, DATE, history, mine, reading, since } from './builders.ts';

const baselines = (over: Partial<Baselines> = {}): Baselines => ({
  maintenanceKwh: { value: 2000, source: 'history' },
  productionCeilingKwh: { value: 20000, source: 'capacity' },
  medianKwh: null,
  madKwh: null,
  historyDays: 0,
  nightShare: { value: 1 / 3, source: 'default' },
  hoistShare: null,
  ...over,
});
/** median + spikeZ × 1.4826 × MAD with the default spikeZ of 4. */
const spikeBar = (median: number, mad: number) => median + 4 * 1.4826 * mad;

describe('the accepted range of a day', () => {
  it.each<[string, MineStatus, Partial<Baselines>, { lowKwh: number; highKwh: number } | null]>([
    ['stopped, no history: up to maintenance × 1.3', 'suspended', {}, { lowKwh: 0, highKwh: 2600 }],
    ['rectifying counts as stopped', 'rectifying', {}, { lowKwh: 0, highKwh: 2600 }],
    [
      'stopped with a tight history: the spike bar is lower',
      'suspended',
      { medianKwh: 2000, madKwh: 20 },
      { lowKwh: 0, highKwh: Math.floor(spikeBar(2000, 20) * 100) / 100 },
    ],
    [
      'stopped with a loose history: maintenance × 1.3 is lower',
      'suspended',
      { medianKwh: 2000, madKwh: 500 },
      { lowKwh: 0, highKwh: 2600 },
    ],
    ['producing, no history: near zero to the ceiling', 'producing', {}, { lowKwh: 1000, highKwh: 20000 }],
    [
      'producing with history: the spike bar caps it',
      'producing',
      { medianKwh: 12000, madKwh: 400 },
      { lowKwh: 1000, highKwh: Math.floor(spikeBar(12000, 400) * 100) / 100 },
    ],
    ['a MAD of 0 sets no spike bar', 'producing', { medianKwh: 12000, madKwh: 0 }, { lowKwh: 1000, highKwh: 20000 }],
    ['closed: up to the floor', 'closed', {}, { lowKwh: 0, highKwh: 50 }],
    [
      'under construction: reviewed as a stopped mine, up to maintenance × 1.3',
      'construction',
      {},
      { lowKwh: 0, highKwh: 2600 },
    ],
    [
      'under construction with a tight history: the spike bar is lower',
      'construction',
      { medianKwh: 2000, madKwh: 20 },
      { lowKwh: 0, highKwh: Math.floor(spikeBar(2000, 20) * 100) / 100 },
    ],
    [
      'under construction with a loose history: maintenance × 1.3 is lower',
      'construction',
      { medianKwh: 5000, madKwh: 100 },
      { lowKwh: 0, highKwh: 2600 },
    ],
  ])('%s', (_name, status, over, expected) => {
    expect(expectedRangeKwh(status, baselines(over), DEFAULT_POWER_POLICY)).toEqual(expected);
  });

  it('follows the policy it is given', () => {
    const policy = { ...DEFAULT_POWER_POLICY, maintenanceMultiplier: 1.5, nearZeroFraction: 0.1 };
    expect(expectedRangeKwh('suspended', baselines(), policy)).toEqual({ lowKwh: 0, highKwh: 3000 });
    expect(expectedRangeKwh('producing', baselines(), policy)).toEqual({ lowKwh: 2000, highKwh: 20000 });
  });

  it('rounds inward to the cent', () => {
    const r = expectedRangeKwh(
      'producing',
      baselines({ productionCeilingKwh: { value: 20000.019, source: 'capacity' } }),
      DEFAULT_POWER_POLICY,
    );
    expect(r).toEqual({ lowKwh: 1000.01, highKwh: 20000.01 });
  });
});

/** The rules that judge the day's total (the others judge its profile or its reporting). */
const TOTAL_RULES = new Set([
  'SUSPENDED_OVER_MAINTENANCE',
  'CLOSED_CONSUMPTION',
  'OVER_CAPACITY',
  'SPIKE',
  'FLATLINE_OR_DROP',
]);

describe('agrees with the review', () => {
  // Totals that vary from day to day (no flatline), around a level per status.
  const around = (level: number) => (d: string, k: number) => reading(d, level * (1 + ((k * 7) % 11) / 100));
  it.each<[string, MineStatus, number | null]>([
    ['suspended, equipment baseline', 'suspended', null],
    ['suspended, history', 'suspended', 1500],
    ['rectifying, history', 'rectifying', 1500],
    ['producing, capacity baseline', 'producing', null],
    ['producing, history', 'producing', CEILING * 0.5],
    ['closed', 'closed', null],
    ['construction, equipment baseline', 'construction', null],
    ['construction, history', 'construction', 8000],
  ])('%s: the edges raise no finding on the total, a cent beyond does', (_name, status, level) => {
    const past = level === null ? [] : history(DATE, 28, around(level));
    const review = (kwh: number) =>
      reviewMineDay(mine({ statusTimeline: since(status), readings: [...past, reading(DATE, kwh)] }));
    const flagged = (kwh: number) => review(kwh).findings.some((f) => TOTAL_RULES.has(f.rule));
    const range = expectedRangeKwh(status, review(0).baselines, DEFAULT_POWER_POLICY);
    expect(range).not.toBeNull();
    const { lowKwh, highKwh } = range!;
    expect(flagged(highKwh)).toBe(false);
    expect(flagged(Math.round((highKwh + 0.01) * 100) / 100)).toBe(true);
    expect(flagged(lowKwh)).toBe(false);
    if (lowKwh > 0) expect(flagged(Math.round((lowKwh - 0.01) * 100) / 100)).toBe(true);
  });
});
