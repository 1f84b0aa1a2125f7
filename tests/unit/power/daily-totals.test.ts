// Per-day aggregates: totals across meters, night share only with complete quarter-hours, hoist share from the split.
import { describe, expect, it } from 'vitest';
import { reviewCalendar } from '#lib/power/engine/calendar.ts';
import { dailyAggregates } from '#lib/power/engine/daily-totals.ts';
import { circuitReading, DATE, policy, qhReading, reading } from './builders.ts';

const cal = reviewCalendar(DATE, policy());
const at = (d: string) => cal.indexOf.get(d)!;

describe('dailyAggregates', () => {
  it('sums meters per day and leaves days without readings empty', () => {
    const agg = dailyAggregates(
      [reading(DATE, 100), reading(DATE, 50, { meterId: 'M2' }), reading('2026-11-27', 70), reading('2026-09-01', 1)],
      cal,
    );
    expect(agg.total[at(DATE)]).toBe(150);
    expect(agg.total[at('2026-11-27')]).toBe(70);
    expect(Number.isNaN(agg.total[at('2026-11-26')]!)).toBe(true);
  });

  it('counts one reading per meter and day: the later one in the list', () => {
    const agg = dailyAggregates([reading(DATE, 100), reading(DATE, 120)], cal);
    expect(agg.total[at(DATE)]).toBe(120);
  });

  it('night share = quarter-hours 0–23 and 88–95 over the quarter-hour total of all meters', () => {
    // Night 32 × 1 + 32 × 3 = 128; all: 128 + 64 × 2 + 64 × 2 = 384.
    const agg = dailyAggregates([qhReading(DATE, 1, 2), qhReading(DATE, 3, 2, 'M2')], cal);
    expect(agg.nightShare[at(DATE)]).toBe(128 / 384);
  });

  it('no night share when one meter of the day has no (or not 96) quarter-hours', () => {
    const agg = dailyAggregates(
      [
        qhReading(DATE, 1, 2),
        reading(DATE, 50, { meterId: 'M2' }),
        qhReading('2026-11-27', 1, 2),
        { ...qhReading('2026-11-26', 1, 2), quarterHours: [1, 2] },
      ],
      cal,
    );
    expect(Number.isNaN(agg.nightShare[at(DATE)]!)).toBe(true);
    expect(agg.nightShare[at('2026-11-27')]).toBe(32 / 160);
    expect(Number.isNaN(agg.nightShare[at('2026-11-26')]!)).toBe(true);
  });

  it('hoist share = hoist over the sum of circuits, where a split exists', () => {
    const agg = dailyAggregates([circuitReading(DATE, 13, 87), reading(DATE, 500, { meterId: 'M2' })], cal);
    expect(agg.hoistShare[at(DATE)]).toBe(0.13);
    expect(agg.hasHoist[at(DATE)]).toBe(1);
    const none = dailyAggregates([reading(DATE, 500)], cal);
    expect(Number.isNaN(none.hoistShare[at(DATE)]!)).toBe(true);
    expect(none.hasHoist[at(DATE)]).toBe(0);
  });

  it('works out the shares only on the days asked for, totals on every day', () => {
    const mask = new Array<number>(cal.dates.length).fill(0);
    mask[at(DATE)] = 1;
    const agg = dailyAggregates([qhReading(DATE, 1, 2), circuitReading('2026-11-27', 13, 87)], cal, mask);
    expect(agg.nightShare[at(DATE)]).toBe(32 / 160);
    expect(Number.isNaN(agg.hoistShare[at('2026-11-27')]!)).toBe(true);
    expect(agg.total[at('2026-11-27')]).toBe(100);
  });
});
