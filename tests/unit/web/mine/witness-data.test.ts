// The three witnesses on one axis of dates: the feeds' days placed by date in the electricity's window, a day a feed
// did not report a gap (null) and a reported quiet day a zero, the approved headcount as in force on each day, and a
// flagged day's rules named with the witness that found them.
import { describe, expect, it } from 'vitest';
import { prepareDailyChart } from '#web/src/charts/daily-data.ts';
import type { MineReviewDay, ReadingSeries } from '#web/src/charts/power-api.ts';
import {
  approvedOn,
  dayReadout,
  daysWithValue,
  type MonitorDay,
  prepareWitnessChart,
  witnessRules,
} from '#web/src/charts/witness-data.ts';

const series: ReadingSeries = {
  mineId: 'm-1',
  from: '2026-11-01',
  to: '2026-11-04',
  days: [
    { date: '2026-11-01', kwh: 1000, meters: [] },
    { date: '2026-11-02', kwh: null, meters: [] },
    { date: '2026-11-03', kwh: 1200, meters: [] },
    { date: '2026-11-04', kwh: 1100, meters: [] },
  ],
};
const reviews: MineReviewDay[] = [
  {
    date: '2026-11-03',
    status: 'producing',
    verdict: 'anomaly',
    totalKwh: 1200,
    findings: [
      { rule: 'GAS_NO_POWER_CUT', severity: 'critical', message: '瓦斯超限未断电' },
      { rule: 'SPIKE', severity: 'medium', message: '突增' },
      { rule: 'OVER_HEADCOUNT', severity: 'critical', message: '超定员' },
    ],
  },
];
const shifts = (night: number, morning: number, afternoon: number) => ({ night, morning, afternoon });
const event = (powerCut: boolean) => ({
  sensorId: 'T01',
  location: '1201 回风巷',
  peakPercent: 1.6,
  startedAt: '02:10',
  minutes: 12,
  powerCut,
});
const monitoring: MonitorDay[] = [
  { date: '2026-11-01', personnel: { shifts: shifts(4, 30, 10), peak: 30 }, gas: { events: [], outages: [] } },
  // 11-02: neither feed. 11-03: both, with alarms and outages.
  {
    date: '2026-11-03',
    personnel: { shifts: shifts(5, 42, 12), peak: 42 },
    gas: {
      events: [event(true), event(false), event(false)],
      outages: [
        { sensorId: 'T02', location: '主井', hoursOffline: 1.5 },
        { sensorId: 'T03', location: '副井', hoursOffline: 3.5 },
      ],
    },
  },
  // 11-04: only the gas feed; a day outside the window is left out.
  { date: '2026-11-04', gas: { events: [], outages: [] } },
  { date: '2026-12-01', personnel: { shifts: shifts(1, 1, 1), peak: 1 } },
];
const headcount = [
  { from: '2026-11-03', shifts: shifts(10, 40, 20) },
  { from: '2026-10-01', shifts: shifts(10, 35, 20) },
];

describe('prepareWitnessChart', () => {
  const data = prepareWitnessChart(prepareDailyChart(series, reviews), monitoring, headcount);

  it('puts each feed’s days on the electricity’s axis, with gaps for days a feed did not report', () => {
    expect(data.daily.dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(data.daily.kwh).toEqual([1000, null, 1200, 1100]);
    expect(data.peak).toEqual([30, null, 42, null]);
    // A reported day without alarms is a zero; a day without the feed is a gap.
    expect(data.alarms).toEqual([0, null, 3, 0]);
    expect(data.alarmsNoCut).toEqual([0, null, 2, 0]);
    expect(data.offlineHours).toEqual([0, null, 3.5, 0]);
    expect(data.offlineSensors).toEqual([0, null, 2, 0]);
    expect([daysWithValue(data.peak), daysWithValue(data.alarms), daysWithValue(data.daily.kwh)]).toEqual([2, 3, 3]);
  });

  it('draws the approved headcount as in force each day (the largest shift), whatever order the versions come in', () => {
    expect(data.approved).toEqual([35, 35, 40, 40]);
  });

  it('is all gaps without any feed, and without a headcount no line', () => {
    const empty = prepareWitnessChart(prepareDailyChart(series, []), []);
    expect(empty.peak).toEqual([null, null, null, null]);
    expect(empty.alarms).toEqual([null, null, null, null]);
    expect(empty.approved).toEqual([null, null, null, null]);
  });

  it('reads a day out in words, naming the rules by witness on a flagged day', () => {
    expect(dayReadout(data, 2)).toEqual({
      date: '2026-11-03',
      kwh: '1,200 kWh',
      people: '峰值 42 人（夜班 5 / 早班 42 / 中班 12），核定单班最多 40 人',
      gas: '超限报警 3 次（未断电 2 次）；传感器断线 2 个，最长 3.5 小时',
      anomaly: ['用电量：用电量突增', '人员位置监测：超定员组织生产', '安全监控：瓦斯超限未断电'],
    });
    expect(dayReadout(data, 1)).toEqual({
      date: '2026-11-02',
      kwh: '无读数',
      people: '无数据',
      gas: '无数据',
      anomaly: [],
    });
    expect(dayReadout(data, 3)?.gas).toBe('超限报警 0 次；传感器无断线');
    expect(dayReadout(data, 9)).toBeNull();
  });
});

describe('approvedOn', () => {
  const versions = [
    { from: '2026-10-01', shifts: shifts(10, 35, 20) },
    { from: '2026-11-03', shifts: shifts(10, 40, 50) },
  ];
  it.each<[string, number | null]>([
    ['2026-09-30', null],
    ['2026-10-01', 35],
    ['2026-11-02', 35],
    ['2026-11-03', 50],
  ])('on %s: %s', (date, expected) => {
    expect(approvedOn(versions, date)).toBe(expected);
  });
});

describe('witnessRules', () => {
  it('groups the rules by witness, electricity first, whatever their order', () => {
    expect(witnessRules({ rules: ['SENSOR_OFFLINE', 'PEOPLE_WHEN_STOPPED', 'GAS_NO_POWER_CUT'] })).toEqual([
      '人员位置监测：停产停建矿井有人员下井作业',
      '安全监控：监控传感器长时间断线、瓦斯超限未断电',
    ]);
  });
});
