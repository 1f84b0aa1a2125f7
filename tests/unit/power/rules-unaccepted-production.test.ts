// 未经验收擅自生产 (UNACCEPTED_PRODUCTION): a suspended, rectifying or constructing mine drawing production-level
// electricity before its 复工复产验收, at its threshold on both sides (exactly at it is no finding, just above is one),
// for every status; a producing or closed mine never gets it; a mine whose maintenance bar is above the production
// level is held to that bar.
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { DEFAULT_POWER_THRESHOLDS } from '#lib/power/policy.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import { CEILING, DATE, findingOf, mine, policy, reading, since } from './builders.ts';

/** 30 % (the policy's default share) of the daily production ceiling, in the engine's order of operations. */
const LEVEL = CEILING * DEFAULT_POWER_THRESHOLDS.productionLevelShare;

const review = (status: MineStatus, kwh: number, extra = {}) =>
  reviewMineDay(mine({ statusTimeline: since(status), readings: [reading(DATE, kwh)], ...extra }));

describe('UNACCEPTED_PRODUCTION', () => {
  it.each([
    ['suspended', LEVEL, false],
    ['suspended', LEVEL + 0.1, true],
    ['rectifying', LEVEL, false],
    ['rectifying', LEVEL + 0.1, true],
    ['construction', LEVEL, false],
    ['construction', LEVEL + 0.1, true],
    ['producing', CEILING * 0.9, false],
    ['closed', LEVEL + 0.1, false],
  ] as const)('%s, %d kWh → finding %s', (status: MineStatus, kwh, fires) => {
    expect(findingOf(review(status, kwh), 'UNACCEPTED_PRODUCTION') !== undefined).toBe(fires);
  });

  it('is critical, named 未经验收擅自生产, and says so in one sentence', () => {
    expect(RULE_LABELS.UNACCEPTED_PRODUCTION).toBe('未经验收擅自生产');
    expect(findingOf(review('rectifying', 12_000), 'UNACCEPTED_PRODUCTION')).toEqual({
      rule: 'UNACCEPTED_PRODUCTION',
      severity: 'critical',
      measured: 12_000,
      threshold: 8250,
      unit: 'kWh',
      baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
      message:
        '停产整顿期间日用电量 12,000 kWh，达到按核定生产能力折算的生产用电水平（30.0%，8,250 kWh），未经复工复产验收，疑似擅自组织生产。',
    });
    expect(findingOf(review('construction', 12_000), 'UNACCEPTED_PRODUCTION')?.message).toMatch(
      /^建设\/技改矿井日用电量/,
    );
  });

  it('a mine whose must-run load is above the production level is held to its maintenance bar instead', () => {
    // 2,000 kW must run: 2,000 × 24 × 0.6 × 1.3 = 37,440 kWh, above the 8,250 kWh production level.
    const heavy = { equipment: [{ ratedKw: 2000, circuit: 'ventilation', mustRunWhenStopped: true }] };
    const bar = 2000 * 24 * 0.6 * 1.3;
    expect(findingOf(review('suspended', bar, heavy), 'UNACCEPTED_PRODUCTION')).toBeUndefined();
    expect(findingOf(review('suspended', bar + 0.1, heavy), 'UNACCEPTED_PRODUCTION')).toBeDefined();
  });

  it('below the production level a stopped mine over its maintenance bar is 明停暗开 only', () => {
    const r = review('suspended', 4820);
    expect(findingOf(r, 'SUSPENDED_OVER_MAINTENANCE')).toBeDefined();
    expect(findingOf(r, 'UNACCEPTED_PRODUCTION')).toBeUndefined();
  });

  it('the production level is the policy’s share of the ceiling, 30 % by default', () => {
    expect(DEFAULT_POWER_THRESHOLDS.productionLevelShare).toBe(0.3);
  });

  // The bureau's share, at its bounds and between: exactly at the level is no finding, just above is one; the
  // message names the share in force. A light must-run load (50 kW: a 936 kWh maintenance bar) keeps the lowest
  // share's level above the maintenance bar, so the share alone decides.
  it.each([
    [0.1, CEILING * 0.1, false],
    [0.1, CEILING * 0.1 + 0.1, true],
    [0.5, CEILING * 0.5, false],
    [0.5, CEILING * 0.5 + 0.1, true],
    [0.5, LEVEL + 0.1, false],
    [0.9, CEILING * 0.9, false],
    [0.9, CEILING * 0.9 + 0.1, true],
  ])('share %d of the ceiling, %d kWh → finding %s', (share, kwh, fires) => {
    const r = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [reading(DATE, kwh)],
        equipment: [{ ratedKw: 50, circuit: 'ventilation', mustRunWhenStopped: true }],
        policy: policy({ productionLevelShare: share }),
      }),
    );
    const f = findingOf(r, 'UNACCEPTED_PRODUCTION');
    expect(f !== undefined).toBe(fires);
    if (f) expect(f.message).toContain(`${(share * 100).toFixed(1)}%`);
  });
});
