import { describe, expect, it } from 'vitest';
import { type MineCreditPair, summariseCreditPreview } from '#lib/credit/preview-compare.ts';
import type { Tier } from '#lib/credit/tiers.ts';

const pair = (name: string, before: [number, Tier], after: [number, Tier]): MineCreditPair => ({
  mineId: `m-${name}`,
  mineName: name,
  before: { score: before[0], tier: before[1] },
  after: { score: after[0], tier: after[1] },
});

describe('summariseCreditPreview', () => {
  const pairs = [
    pair('甲', [95, 'A'], [95, 'A']),
    pair('乙', [80, 'B'], [80, 'C']),
    pair('丙', [61, 'C'], [61, 'D']),
    pair('丁', [70, 'C'], [65, 'C']),
    pair('戊', [90, 'A'], [74, 'C']),
  ];

  it('counts each tier before and after, and lists the mines that move, the largest score change first', () => {
    const s = summariseCreditPreview(pairs, 200);
    expect(s.tiers).toEqual([
      { tier: 'A', before: 2, after: 1 },
      { tier: 'B', before: 1, after: 0 },
      { tier: 'C', before: 2, after: 3 },
      { tier: 'D', before: 0, after: 1 },
    ]);
    expect(s.totals).toEqual({ mines: 5, tierChanged: 3, scoreChanged: 2 });
    expect(s.changes[0]!.mineName).toBe('戊');
    expect(
      s.changes
        .map((c) => c.mineName)
        .slice(1)
        .sort(),
    ).toEqual(['丙', '乙'].sort());
    expect(s.truncated).toBe(false);
  });

  it.each([
    [2, 2, true],
    [3, 3, false],
  ])('with a cap of %i lists %i, truncated %s', (cap, listed, truncated) => {
    const s = summariseCreditPreview(pairs, cap);
    expect(s.changes).toHaveLength(listed);
    expect(s.truncated).toBe(truncated);
  });

  it('a mine whose score moves within its tier is not listed', () => {
    const s = summariseCreditPreview([pair('丁', [70, 'C'], [65, 'C'])], 200);
    expect(s.changes).toEqual([]);
    expect(s.totals.scoreChanged).toBe(1);
  });
});
