// What a mine did not report on a day, read from its review, and the one reminder that names it: the electricity
// alone keeps its old wording; the feeds are expected from every mine not closed; a review from before the feeds says
// nothing of them; escalation after three days in a row of any one of them.
import { describe, expect, it } from 'vitest';
import type { Witness } from '#lib/findings/vocabulary.ts';
import { gapsOf, missingDataText, type ReviewedDay, runsOf } from '#lib/reminders/missing-data.ts';

const day = (date: string, over: Partial<ReviewedDay> = {}): ReviewedDay => ({
  date,
  totalKwh: 40_000,
  status: 'producing',
  witnesses: { electricity: 'normal', personnel: 'normal', gas: 'normal' },
  ...over,
});
const NO_PEOPLE = { electricity: 'normal', personnel: 'no_data', gas: 'normal' } as const;
const NOTHING = { electricity: 'no_data', personnel: 'no_data', gas: 'no_data' } as const;

describe('gapsOf', () => {
  it.each<[string, Partial<ReviewedDay>, Witness[]]>([
    ['everything reported', {}, []],
    [
      'no reading',
      { totalKwh: null, witnesses: { ...NO_PEOPLE, electricity: 'no_data', personnel: 'normal' } },
      ['electricity'],
    ],
    ['a reading of 0 kWh is a reading', { totalKwh: 0 }, []],
    ['no personnel feed', { witnesses: NO_PEOPLE }, ['personnel']],
    ['a feed that found an anomaly reported', { witnesses: { ...NO_PEOPLE, personnel: 'anomaly' } }, []],
    ['nothing at all', { totalKwh: null, witnesses: NOTHING }, ['electricity', 'personnel', 'gas']],
    ['suspended: its monitoring must run', { status: 'suspended', witnesses: NO_PEOPLE }, ['personnel']],
    [
      'rectifying: its monitoring must run',
      { status: 'rectifying', witnesses: { ...NO_PEOPLE, gas: 'no_data' } },
      ['personnel', 'gas'],
    ],
    ['closed: no monitoring system runs', { status: 'closed', witnesses: NOTHING, totalKwh: 0 }, []],
    [
      'closed without a reading: the reading only',
      { status: 'closed', witnesses: NOTHING, totalKwh: null },
      ['electricity'],
    ],
    ['stored before the feeds (no witnesses)', { witnesses: undefined }, []],
    ['stored before the feeds, no reading', { witnesses: undefined, totalKwh: null }, ['electricity']],
  ])('%s', (_name, over, gaps) => {
    expect(gapsOf(day('2026-07-01', over))).toEqual(gaps);
  });
});

describe('runsOf', () => {
  const last = '2026-07-05';
  it.each<[string, ReviewedDay[], Record<string, number>]>([
    ['no review of the day: nothing', [day('2026-07-04', { witnesses: NO_PEOPLE })], {}],
    ['one day', [day('2026-07-04'), day(last, { witnesses: NO_PEOPLE })], { personnel: 1 }],
    [
      'three days in a row, in any order',
      [
        day(last, { witnesses: NO_PEOPLE }),
        day('2026-07-03', { witnesses: NO_PEOPLE }),
        day('2026-07-04', { witnesses: NO_PEOPLE }),
        day('2026-07-02'),
      ],
      { personnel: 3 },
    ],
    [
      'each gap its own run',
      [
        day(last, { totalKwh: null, witnesses: NOTHING }),
        day('2026-07-04', { witnesses: NO_PEOPLE }),
        day('2026-07-03', { witnesses: NO_PEOPLE }),
      ],
      { electricity: 1, personnel: 3, gas: 1 },
    ],
    [
      'a review from before the feeds ends a feed run',
      [
        day(last, { witnesses: NO_PEOPLE }),
        day('2026-07-04', { witnesses: NO_PEOPLE }),
        day('2026-07-03', { witnesses: undefined }),
      ],
      { personnel: 2 },
    ],
    [
      'a closed day ends a feed run',
      [day(last, { witnesses: NO_PEOPLE }), day('2026-07-04', { witnesses: NO_PEOPLE, status: 'closed' })],
      { personnel: 1 },
    ],
    [
      'a later review is not counted',
      [day(last, { witnesses: NO_PEOPLE }), day('2026-07-06', { witnesses: NO_PEOPLE })],
      { personnel: 1 },
    ],
  ])('%s', (_name, recent, runs) => {
    expect(Object.fromEntries(runsOf(recent, last))).toEqual(runs);
  });
});

describe('missingDataText', () => {
  const runs = (r: Partial<Record<Witness, number>>) => new Map(Object.entries(r) as [Witness, number][]);
  it('the reading alone: the wording readings always had', () => {
    expect(missingDataText('东山一矿', '2026-07-01', runs({ electricity: 1 }))).toEqual({
      escalate: false,
      title: '用电量未报送：东山一矿',
      body: '东山一矿2026-07-01 的日用电量未按时报送，请于今日 10:00 前补报。',
      sms: '东山一矿2026-07-01用电量未报送，请10点前补报',
    });
    expect(missingDataText('东山一矿', '2026-07-01', runs({ electricity: 3 })).body).toBe(
      '东山一矿2026-07-01 的日用电量未按时报送（已连续 3 天），请于今日 10:00 前补报；已报局领导。',
    );
  });

  it('one feed: named, with its run', () => {
    expect(missingDataText('东山一矿', '2026-07-01', runs({ gas: 2 }))).toEqual({
      escalate: false,
      title: '监测数据未报送：东山一矿',
      body: '东山一矿2026-07-01 的安全监控数据未按时报送（已连续 2 天），请于今日 10:00 前补报，并检查监测系统联网上传。',
      sms: '东山一矿2026-07-01安全监控（连续2天）未报送，请10点前补报',
    });
  });

  it('everything: one reminder naming each with its run', () => {
    const text = missingDataText('东山一矿', '2026-07-01', runs({ electricity: 1, personnel: 4, gas: 2 }));
    expect(text.title).toBe('用电量及监测数据未报送：东山一矿');
    expect(text.body).toBe(
      '东山一矿2026-07-01 的日用电量、人员位置监测数据（已连续 4 天）、安全监控数据（已连续 2 天）未按时报送，请于今日 10:00 前补报，并检查监测系统联网上传；已报局领导。',
    );
    expect(text.sms).toBe('东山一矿2026-07-01用电量、人员定位（连续4天）、安全监控（连续2天）未报送，请10点前补报');
  });

  it.each<[Partial<Record<Witness, number>>, boolean]>([
    [{ personnel: 2 }, false],
    [{ personnel: 3 }, true],
    [{ electricity: 2, gas: 2 }, false],
    [{ electricity: 1, gas: 3 }, true],
    [{ electricity: 3 }, true],
  ])('escalates after three days in a row of any: %o → %s', (r, escalate) => {
    expect(missingDataText('东山一矿', '2026-07-01', runs(r)).escalate).toBe(escalate);
  });
});
