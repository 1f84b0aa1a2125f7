// 审查后修改监测数据 (PERSONNEL_/GAS_REVISED_AFTER_REVIEW): a monitoring feed changed after its day was reviewed is a
// finding naming who changed it, when, and what the review saw against what stands now. Only changes marked
// afterReview count; a declaration changed beside the platform's value is named though the value stays. Medium.
// And the witnesses' verdicts: each witness says anomaly, normal or no_data, and a feed's anomaly makes the day's.
import { describe, expect, it } from 'vitest';
import type { FeedRevision } from '#lib/monitoring/feed-precedence.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { DATE, findingOf, mine, reading, since } from '../builders.ts';
import { gasDay, gasEvent, HEADCOUNT, outage, personnel } from './monitoring-builders.ts';

const change = <V>(previous: V, afterReview: boolean, extra: Partial<FeedRevision<V>> = {}): FeedRevision<V> => ({
  previous,
  previousBy: '矿方系统',
  previousAt: `${DATE}T10:00:00.000Z`,
  byId: 'staff@m',
  by: '调度员',
  at: `${DATE}T20:00:00.000Z`,
  afterReview,
  ...extra,
});

const reviewed = (now: PersonnelDay, revisions: FeedRevision<PersonnelDay>[]) =>
  reviewMineDay(mine({ monitoring: { personnel: now, personnelRevisions: revisions }, headcount: HEADCOUNT }));

describe('PERSONNEL_REVISED_AFTER_REVIEW', () => {
  it.each([
    ['a change after review', [true], true],
    ['only changes before the review', [false, false], false],
    ['one before, one after', [false, true], true],
    ['no change at all', [], false],
  ] as const)('%s → finding %s', (_name, flags, fires) => {
    const r = reviewed(
      personnel(5, 100, 90),
      flags.map((f) => change(personnel(5, 160, 90), f)),
    );
    expect(findingOf(r, 'PERSONNEL_REVISED_AFTER_REVIEW')?.severity).toBe(fires ? 'medium' : undefined);
  });

  it('compares what the review saw with what stands now, and names who changed it and when', () => {
    const f = findingOf(
      reviewed(personnel(5, 100, 90), [change(personnel(5, 160, 90), true)]),
      'PERSONNEL_REVISED_AFTER_REVIEW',
    );
    expect(f).toEqual({
      rule: 'PERSONNEL_REVISED_AFTER_REVIEW',
      severity: 'medium',
      measured: 100,
      threshold: 160,
      unit: 'people',
      baseline: { name: 'previousPeak', value: 160, source: 'history' },
      message:
        `${DATE} 的人员位置监测数据在审查后被修改：调度员 于 ${DATE}T20:00:00.000Z 修改了矿方系统报送的数据；` +
        '井下人数由 夜班 5 人、早班 160 人、中班 90 人 变为 夜班 5 人、早班 100 人、中班 90 人，审查后修改数据，需核实。',
    });
  });

  it('a declaration changed beside the platform’s value is named, the value in force unchanged', () => {
    const f = findingOf(
      reviewed(personnel(5, 100, 90), [change(personnel(5, 80, 90), true, { declaration: true })]),
      'PERSONNEL_REVISED_AFTER_REVIEW',
    );
    expect(f?.message).toContain('修改了矿方申报值');
    expect(f).toMatchObject({ measured: 100, threshold: 100 });
  });
});

describe('GAS_REVISED_AFTER_REVIEW', () => {
  it('counts the alarms (and those without power cut-off) before and after', () => {
    const before: GasDay = gasDay([gasEvent(1.6, false), gasEvent(1.2, true)], [outage(3)]);
    const r = reviewMineDay(mine({ monitoring: { gas: gasDay(), gasRevisions: [change(before, true)] } }));
    const f = findingOf(r, 'GAS_REVISED_AFTER_REVIEW');
    expect(f).toMatchObject({ severity: 'medium', unit: 'count', measured: 0, threshold: 2 });
    expect(f?.message).toContain(
      '由瓦斯超限报警 2 次（未断电 1 次）、传感器断线 1 个变为瓦斯超限报警 0 次（未断电 0 次）',
    );
  });

  it('does not fire for changes made before the review', () => {
    const r = reviewMineDay(
      mine({ monitoring: { gas: gasDay(), gasRevisions: [change(gasDay([gasEvent(2, false)]), false)] } }),
    );
    expect(findingOf(r, 'GAS_REVISED_AFTER_REVIEW')).toBeUndefined();
  });
});

describe('what each witness says of the day', () => {
  const producing = { statusTimeline: since('producing'), readings: [reading(DATE, 20_000)], headcount: HEADCOUNT };
  it.each([
    ['electricity only', {}, 'normal', { electricity: 'normal', personnel: 'no_data', gas: 'no_data' }],
    [
      'three normal witnesses',
      { monitoring: { personnel: personnel(50, 100, 90), gas: gasDay() } },
      'normal',
      { electricity: 'normal', personnel: 'normal', gas: 'normal' },
    ],
    [
      'a shift over its headcount',
      { monitoring: { personnel: personnel(50, 151, 90), gas: gasDay() } },
      'anomaly',
      { electricity: 'normal', personnel: 'anomaly', gas: 'normal' },
    ],
    [
      'gas over the limit without power cut',
      { monitoring: { personnel: personnel(50, 100, 90), gas: gasDay([gasEvent(1.0, false)]) } },
      'anomaly',
      { electricity: 'normal', personnel: 'normal', gas: 'anomaly' },
    ],
  ] as const)('%s → %s', (_name, extra, verdict, witnesses) => {
    const r = reviewMineDay(mine({ ...producing, ...extra }));
    expect(r.verdict).toBe(verdict);
    expect(r.witnesses).toEqual(witnesses);
  });

  it('without a reading, a feed’s anomaly makes the day an anomaly; a normal feed leaves it no_data', () => {
    const stopped = { statusTimeline: since('suspended'), headcount: HEADCOUNT };
    const crew = reviewMineDay(mine({ ...stopped, monitoring: { personnel: personnel(20, 0, 0) } }));
    expect(crew).toMatchObject({ verdict: 'anomaly', totalKwh: null });
    expect(crew.witnesses).toEqual({ electricity: 'no_data', personnel: 'anomaly', gas: 'no_data' });
    const duty = reviewMineDay(mine({ ...stopped, monitoring: { personnel: personnel(5, 6, 6) } }));
    expect(duty).toMatchObject({ verdict: 'no_data', totalKwh: null });
    expect(duty.witnesses).toEqual({ electricity: 'no_data', personnel: 'normal', gas: 'no_data' });
  });
});
