// Baselines learned from the mine's own history once it has minHistoryDays usable days, else from its equipment
// register (maintenance load, night share) or nothing (hoist share); the ceiling always from approved capacity.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { CAPACITY, circuitReading, DATE, history, mine, qhReading, reading, since } from './builders.ts';

const SUSPENDED_TOTALS = [2000, 2600, 2100, 2500, 2200, 2400, 2300];

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
    expect(b.maintenanceKwh).toEqual({ value: 2300, source: 'history' });
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
    expect(b.maintenanceKwh).toEqual({ value: 2300, source: 'history' });
  });

  it('0 (default) without history or must-run equipment', () => {
    const b = reviewMineDay(mine({ statusTimeline: since('suspended'), equipment: [] })).baselines;
    expect(b.maintenanceKwh).toEqual({ value: 0, source: 'default' });
    expect(b.nightShare).toEqual({ value: 8 / 24, source: 'default' });
  });

  it('only history days inside the window count (date − 28 … date − 1), not the earlier days of the month', () => {
    // On the 30th the readings window starts on the 1st, but history starts on the 2nd.
    const date = '2026-11-30';
    const readings = [reading('2026-11-01', 2300), ...history(date, 6, (d, k) => reading(d, SUSPENDED_TOTALS[k]!))];
    const b = reviewMineDay(mine({ date, statusTimeline: since('suspended'), readings })).baselines;
    expect(b.maintenanceKwh.source).toBe('equipment');
    const withSeventh = [reading('2026-11-02', 2300), ...readings];
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
