import { describe, expect, it } from 'vitest';
import {
  inMonthOf,
  inYearOf,
  isOverdue,
  type MineRecords,
  mineFigures,
  sumFigures,
  sumSeries,
  withToday,
  zeroFigures,
} from '#lib/overview/figures.ts';
import { FIGURE_KEYS, SERIES_DAYS } from '#lib/overview/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';

const bare: MineRecords = { status: 'producing', pendingCases: [], openHazards: [], penalties: [], deadlines: 0 };

describe('overdue: on the deadline day it is not yet, the day after it is', () => {
  it.each([
    ['2026-03-09', '2026-03-10', false],
    ['2026-03-10', '2026-03-10', false],
    ['2026-03-11', '2026-03-10', true],
    ['2027-01-01', '2026-12-31', true],
  ])('today %s, deadline %s → overdue %s', (today, deadline, overdue) => {
    expect(isOverdue(deadline, today)).toBe(overdue);
  });

  it('counts cases and hazards (major ones apart) by the same rule', () => {
    const today = '2026-03-10';
    const f = mineFigures(
      {
        ...bare,
        pendingCases: [{ deadline: '2026-03-10' }, { deadline: '2026-03-09' }],
        openHazards: [
          { level: 'major', deadline: '2026-03-09' },
          { level: 'major', deadline: '2026-03-10' },
          { level: 'general', deadline: '2026-03-01' },
        ],
      },
      today,
    );
    expect([f.casesOpen, f.casesOverdue]).toEqual([2, 1]);
    expect([f.hazardsOpen, f.hazardsOverdue, f.majorHazardsOpen, f.majorHazardsOverdue]).toEqual([3, 2, 2, 1]);
  });
});

describe('penalties and fines of the month and the year, by the date they took effect', () => {
  it.each([
    // today, effectiveOn, in month, in year
    ['2026-03-01', '2026-03-01', true, true],
    ['2026-03-01', '2026-02-28', false, true],
    ['2026-03-31', '2026-04-01', false, true],
    ['2026-01-01', '2025-12-31', false, false],
    ['2026-12-31', '2026-01-01', false, true],
    ['2026-12-31', '2027-01-01', false, false],
  ])('today %s, effective %s → month %s, year %s', (today, effectiveOn, month, year) => {
    expect([inMonthOf(effectiveOn, today), inYearOf(effectiveOn, today)]).toEqual([month, year]);
    const f = mineFigures(
      { ...bare, penalties: [{ status: 'effective', kind: 'fine', effectiveOn, amountYuan: 30000 }] },
      today,
    );
    expect([f.penaltiesMonth, f.finesMonthYuan, f.penaltiesYear, f.finesYearYuan]).toEqual([
      month ? 1 : 0,
      month ? 30000 : 0,
      year ? 1 : 0,
      year ? 30000 : 0,
    ]);
  });

  it('counts a penalty only once it is in force (effective or executed); fines only for kind fine', () => {
    const today = '2026-03-10';
    const f = mineFigures(
      {
        ...bare,
        penalties: [
          { status: 'executed', kind: 'fine', effectiveOn: '2026-03-02', amountYuan: 10000 },
          { status: 'under_review', kind: 'fine', amountYuan: 50000 },
          { status: 'effective', kind: 'warning', effectiveOn: '2026-03-03' },
          { status: 'revoked', kind: 'fine', effectiveOn: '2026-03-04', amountYuan: 7000 },
        ],
      },
      today,
    );
    expect([f.penaltiesMonth, f.finesMonthYuan]).toEqual([2, 10000]);
  });
});

describe('a mine’s status, tier and review', () => {
  it('sets one status and one tier; no report, no review figures', () => {
    const f = mineFigures({ ...bare, status: 'suspended', tier: 'C' }, '2026-03-10');
    expect([f.mines, f.status_suspended, f.status_producing, f.tier_C, f.reviewed]).toEqual([1, 1, 0, 1, 0]);
  });
  it.each([
    [{ noData: false, flagged: false }, [1, 0, 0, 0]],
    [{ noData: false, flagged: true }, [1, 1, 0, 1]],
    [{ noData: true, flagged: true }, [1, 0, 1, 1]],
  ])('review %o → reviewed, anomalies, noData, flagged %o', (review, want) => {
    const f = mineFigures({ ...bare, review }, '2026-03-10');
    expect([f.reviewed, f.anomalies, f.noData, f.flagged]).toEqual(want);
  });
});

describe('roll-up', () => {
  it('a jurisdiction’s figures are the sums of its children’s, figure by figure', () => {
    const a = mineFigures({ ...bare, tier: 'A', pendingCases: [{ deadline: '2026-01-01' }] }, '2026-03-10');
    const b = mineFigures({ ...bare, status: 'closed', tier: 'D', deadlines: 3 }, '2026-03-10');
    const district = sumFigures([a, b]);
    expect([
      district.mines,
      district.status_producing,
      district.status_closed,
      district.tier_A,
      district.tier_D,
    ]).toEqual([2, 1, 1, 1, 1]);
    expect([district.casesOverdue, district.deadlines30]).toEqual([1, 3]);
    const city = sumFigures([district, district, zeroFigures()]);
    for (const k of FIGURE_KEYS) expect(city[k], k).toBe(district[k] * 2);
  });
  it('no children: all zero', () => {
    expect(sumFigures([])).toEqual(zeroFigures());
  });
});

describe('the 90-day series', () => {
  const f = { ...zeroFigures(), reviewed: 5, anomalies: 1, casesOpen: 2 };
  it('appends a new day, replaces the same day, and keeps 90 days', () => {
    const day1 = withToday(undefined, '2026-03-10', f);
    expect(day1).toEqual({ dates: ['2026-03-10'], reviewed: [5], anomalies: [1], casesOpen: [2] });
    const again = withToday(day1, '2026-03-10', { ...f, casesOpen: 3 });
    expect(again.casesOpen).toEqual([3]);
    let s = day1;
    for (let i = 1; i <= SERIES_DAYS + 5; i++) s = withToday(s, addDays('2026-03-10', i), f);
    expect(s.dates).toHaveLength(SERIES_DAYS);
    expect(s.dates[0]).toBe(addDays('2026-03-10', 6));
    expect(s.dates.at(-1)).toBe(addDays('2026-03-10', SERIES_DAYS + 5));
  });
});

describe('the series of a jurisdiction seen for the first time', () => {
  it('sums its children’s day by day; a day no child has a case count for stays null', () => {
    const a = { dates: ['2026-03-08', '2026-03-09'], reviewed: [3, 3], anomalies: [1, 0], casesOpen: [null, 2] };
    const b = { dates: ['2026-03-09'], reviewed: [4], anomalies: [2], casesOpen: [1] };
    expect(sumSeries([a, b])).toEqual({
      dates: ['2026-03-08', '2026-03-09'],
      reviewed: [3, 7],
      anomalies: [1, 2],
      casesOpen: [null, 3],
    });
  });
  it('keeps a missing case count missing when today is appended', () => {
    const s = withToday(
      { dates: ['2026-03-09'], reviewed: [1], anomalies: [0], casesOpen: [null] },
      '2026-03-10',
      zeroFigures(),
    );
    expect(s.casesOpen).toEqual([null, 0]);
  });
});
