import { describe, expect, it } from 'vitest';
import { DEFAULT_REWARD_SCALE, rewardYuan } from '#lib/tipoffs/reward.ts';

describe('the reward scale (安全生产领域举报奖励办法)', () => {
  it.each([
    // 15 % of the fine, at least 3,000: the floor and both sides of where 15 % meets it (20,000 yuan).
    [1, 3_000],
    [19_999, 3_000],
    [20_000, 3_000],
    [20_007, 3_001],
    [100_000, 15_000],
    // ... at most 300,000: both sides of where 15 % meets the cap (2,000,000 yuan).
    [1_999_999, 300_000],
    [2_000_000, 300_000],
    [2_000_007, 300_000],
    [10_000_000, 300_000],
    // No fine, no reward.
    [0, 0],
  ])('a fine of %i yuan earns %i', (fineYuan, expected) => {
    expect(rewardYuan({ subject: 'major_hazard', fineYuan })).toBe(expected);
    expect(rewardYuan({ subject: 'illegal_production', fineYuan })).toBe(expected);
  });

  it.each([
    ['general', 1, 30_000],
    ['larger', 1, 40_000],
    ['major', 1, 50_000],
    ['especially_major', 1, 60_000],
    ['general', 10, 300_000],
    ['general', 11, 300_000],
    ['larger', 7, 280_000],
    ['larger', 8, 300_000],
    ['especially_major', 5, 300_000],
    ['especially_major', 4, 240_000],
    ['major', 0, 0],
  ] as const)('a concealed %s accident with %i deaths earns %i', (level, deaths, expected) => {
    expect(rewardYuan({ subject: 'accident_concealment', level, deaths })).toBe(expected);
  });

  it('follows the policy’s numbers', () => {
    const scale = { ...DEFAULT_REWARD_SCALE, finePercent: 10, minYuan: 5_000, maxYuan: 50_000 };
    expect(rewardYuan({ subject: 'major_hazard', fineYuan: 40_000 }, scale)).toBe(5_000);
    expect(rewardYuan({ subject: 'major_hazard', fineYuan: 100_000 }, scale)).toBe(10_000);
    expect(rewardYuan({ subject: 'major_hazard', fineYuan: 1_000_000 }, scale)).toBe(50_000);
  });
});
