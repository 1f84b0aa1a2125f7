// 电量与人员数据不符 (POWER_PEOPLE_DISAGREE), both ways, at each boundary on both sides:
// - the electricity says stopped, the people say working: a stopped mine within its maintenance bar (2,160 kWh × 1.3
//   = 2,808 kWh from the default register) with a shift above its duty crew; a closed mine within its floor (50 kWh);
// - the electricity says producing, the people say nobody: above the production level (30 % of the 27,500 kWh
//   ceiling = 8,250 kWh) with the day's peak below the minimum producing crew (5).
// High. It needs both the reading and the personnel feed.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { MineReviewInput } from '#lib/power/types.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { CEILING, DATE, findingOf, mine, policy, reading, since } from '../builders.ts';
import { HEADCOUNT, personnel } from './monitoring-builders.ts';

const BAR = 150 * 24 * 0.6 * 1.3;
const LEVEL = CEILING * 0.3;

const found = (status: MineStatus, kwh: number | null, shifts: [number, number, number] | null, extra = {}) =>
  findingOf(
    reviewMineDay(
      mine({
        statusTimeline: since(status),
        readings: kwh === null ? [] : [reading(DATE, kwh)],
        ...(shifts ? { monitoring: { personnel: personnel(...shifts) } } : {}),
        ...(extra as Partial<MineReviewInput>),
      }),
    ),
    'POWER_PEOPLE_DISAGREE',
  );

describe('POWER_PEOPLE_DISAGREE: the electricity says stopped, the people say working', () => {
  it.each([
    ['suspended', BAR, [10, 10, 10], false],
    ['suspended', BAR, [11, 0, 0], true],
    ['suspended', BAR + 0.1, [11, 0, 0], false], // over the bar: the electricity's own rules speak
    ['rectifying', 1000, [0, 0, 11], true],
    ['construction', 1000, [0, 11, 0], true],
    ['closed', 50, [11, 0, 0], true],
    ['closed', 50.1, [11, 0, 0], false],
    ['closed', 50, [10, 10, 10], false],
    ['producing', 1000, [11, 11, 11], false],
  ] as const)('%s, %d kWh, shifts %j → finding %s', (status: MineStatus, kwh, shifts, fires) => {
    expect(found(status, kwh, [...shifts])?.severity).toBe(fires ? 'high' : undefined);
  });

  it('holds the shifts to the register’s duty crew when one is recorded', () => {
    expect(found('suspended', 1000, [5, 6, 6], { headcount: HEADCOUNT })).toBeUndefined();
    expect(found('suspended', 1000, [5, 7, 6], { headcount: HEADCOUNT })?.threshold).toBe(6);
  });

  it('says both witnesses in one sentence', () => {
    expect(found('suspended', 2000, [23, 4, 4])).toEqual({
      rule: 'POWER_PEOPLE_DISAGREE',
      severity: 'high',
      measured: 23,
      threshold: 10,
      unit: 'people',
      baseline: { name: 'maintenanceKwh', value: 2160, source: 'equipment' },
      message:
        '停产期间日用电量 2,000 kWh，未超过维持性用电上限 2,808 kWh，但夜班井下 23 人（未核定，按默认值班人员 10 人）：' +
        '电量显示停产，人员显示作业，疑似以维持性用电掩盖井下作业。',
    });
  });
});

describe('POWER_PEOPLE_DISAGREE: the electricity says producing, the people say nobody', () => {
  it.each([
    ['producing', LEVEL + 0.1, [0, 4, 0], true],
    ['producing', LEVEL + 0.1, [0, 5, 0], false],
    ['producing', LEVEL, [0, 0, 0], false],
    ['producing', 20_000, [0, 0, 0], true],
    ['suspended', 20_000, [0, 0, 0], true],
    ['closed', 20_000, [0, 0, 0], false], // CLOSED_CONSUMPTION's
  ] as const)('%s, %d kWh, shifts %j → finding %s', (status: MineStatus, kwh, shifts, fires) => {
    expect(found(status, kwh, [...shifts])?.severity).toBe(fires ? 'high' : undefined);
  });

  it('follows the policy’s minimum producing crew', () => {
    expect(found('producing', 20_000, [0, 2, 0], { policy: policy({ minimumProducingCrew: 2 }) })).toBeUndefined();
    expect(found('producing', 20_000, [0, 2, 0], { policy: policy({ minimumProducingCrew: 3 }) })).toBeDefined();
  });

  it('says both witnesses in one sentence', () => {
    expect(found('producing', 20_000, [0, 1, 0])).toEqual({
      rule: 'POWER_PEOPLE_DISAGREE',
      severity: 'high',
      measured: 1,
      threshold: 5,
      unit: 'people',
      baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
      message:
        '日用电量 20,000 kWh，达到生产用电水平（30.0%，8,250 kWh），但人员位置监测全天井下最多 1 人，少于生产所需最少 5 人：' +
        '电量显示生产，人员显示无人，疑似人员位置监测数据瞒报下井人员。',
    });
  });
});

describe('POWER_PEOPLE_DISAGREE needs both witnesses', () => {
  it('is named 电量与人员数据不符, and does not run without a reading or without the personnel feed', () => {
    expect(RULE_LABELS.POWER_PEOPLE_DISAGREE).toBe('电量与人员数据不符');
    expect(found('suspended', null, [30, 30, 30])).toBeUndefined();
    expect(found('producing', 20_000, null)).toBeUndefined();
  });
});
