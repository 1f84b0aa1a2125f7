import { describe, expect, it } from 'vitest';
import { checkFeedRow, type FeedImportRow, groupFeedRows } from '#lib/monitoring/import-rows.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';

const NOW = new Date('2026-11-03T02:00:00.000Z');
const code = (() => {
  const first17 = '91230407000000001';
  return first17 + creditCodeCheckChar(first17);
})();
const personnel = (over: Record<string, unknown> = {}) => ({
  creditCode: code,
  date: '2026-11-01',
  night: '3',
  morning: '40',
  afternoon: '20',
  peak: '40',
  ...over,
});
const event = (over: Record<string, unknown> = {}) => ({
  creditCode: code,
  date: '2026-11-01',
  kind: 'event',
  sensorId: 'T1',
  location: '回风巷',
  peakPercent: '1.5',
  startedAt: '02:10',
  minutes: '12',
  powerCut: 'true',
  ...over,
});

describe('a platform file row', () => {
  const cases: [string, 'personnel' | 'gas', Record<string, unknown>, string | undefined][] = [
    ['a personnel row', 'personnel', personnel(), undefined],
    ['a personnel row for today', 'personnel', personnel({ date: '2026-11-03' }), undefined],
    ['a personnel row for tomorrow', 'personnel', personnel({ date: '2026-11-04' }), 'date'],
    ['peak below a shift', 'personnel', personnel({ peak: '39' }), 'peak'],
    ['5001 people', 'personnel', personnel({ morning: '5001', peak: '5001' }), 'morning'],
    ['a count that is not a number', 'personnel', personnel({ night: 'x' }), 'night'],
    ['no credit code', 'personnel', personnel({ creditCode: '' }), 'creditCode'],
    ['an event row', 'gas', event(), undefined],
    ['an event with powerCut 否', 'gas', event({ powerCut: '否' }), undefined],
    ['an event with powerCut missing', 'gas', event({ powerCut: '' }), 'powerCut'],
    ['an event at 101 %', 'gas', event({ peakPercent: '101' }), 'peakPercent'],
    ['an event of 1441 minutes', 'gas', event({ minutes: '1441' }), 'minutes'],
    [
      'an outage of 24 hours',
      'gas',
      { creditCode: code, date: '2026-11-01', kind: 'outage', sensorId: 'T2', location: '主井', hoursOffline: '24' },
      undefined,
    ],
    [
      'an outage of 25 hours',
      'gas',
      { creditCode: code, date: '2026-11-01', kind: 'outage', sensorId: 'T2', location: '主井', hoursOffline: '25' },
      'hoursOffline',
    ],
    ['a none row', 'gas', { creditCode: code, date: '2026-11-01', kind: 'none' }, undefined],
    ['an unknown kind', 'gas', event({ kind: 'alarm' }), 'kind'],
  ];
  for (const [name, kind, raw, field] of cases)
    it(name, () => {
      const r = checkFeedRow(kind, 7, raw, NOW);
      if (field) expect(r).toMatchObject({ row: 7, field });
      else expect('reason' in r).toBe(false);
    });
});

describe('grouping rows into mine-days', () => {
  const check = (kind: 'personnel' | 'gas', raw: Record<string, unknown>, row: number) =>
    checkFeedRow(kind, row, raw, NOW) as FeedImportRow;

  it('a second personnel row of the same mine-day is rejected by its number', () => {
    const { days, rejected } = groupFeedRows('personnel', [
      check('personnel', personnel(), 2),
      check('personnel', personnel(), 3),
    ]);
    expect(days).toHaveLength(1);
    expect(rejected).toEqual([expect.objectContaining({ row: 3, field: 'date' })]);
  });

  it('events and outages of a mine-day form one GasDay; a none row beside them is rejected', () => {
    const { days, rejected } = groupFeedRows('gas', [
      check('gas', event(), 2),
      check('gas', { creditCode: code, date: '2026-11-01', kind: 'none' }, 3),
      check('gas', event({ sensorId: 'T9' }), 4),
    ]);
    expect(days).toEqual([expect.objectContaining({ rows: [2, 4], value: expect.objectContaining({ outages: [] }) })]);
    expect((days[0]!.value as { readonly events: readonly unknown[] }).events).toHaveLength(2);
    expect(rejected).toEqual([expect.objectContaining({ row: 3, field: 'kind' })]);
  });

  it('a none row alone is a day without events or outages', () => {
    const { days } = groupFeedRows('gas', [check('gas', { creditCode: code, date: '2026-11-01', kind: 'none' }, 2)]);
    expect(days).toEqual([expect.objectContaining({ rows: [2], value: { events: [], outages: [] } })]);
  });
});
