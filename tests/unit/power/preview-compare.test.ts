import { describe, expect, it } from 'vitest';
import { changedDay, type MineDayPair, ruleIds, summarisePreview } from '#lib/power/preview-compare.ts';

const pair = (
  date: string,
  mineName: string,
  before: [MineDayPair['before']['verdict'], string[]],
  after: [MineDayPair['after']['verdict'], string[]],
): MineDayPair => ({
  mineId: `m-${mineName}`,
  mineName,
  date,
  before: { verdict: before[0], rules: before[1] },
  after: { verdict: after[0], rules: after[1] },
});

describe('changedDay', () => {
  it.each([
    ['same verdict, same rules', pair('2026-05-01', 'a', ['normal', []], ['normal', []]), false],
    ['same anomaly, same rules', pair('2026-05-01', 'a', ['anomaly', ['SPIKE']], ['anomaly', ['SPIKE']]), false],
    ['verdict changes', pair('2026-05-01', 'a', ['normal', []], ['anomaly', ['SPIKE']]), true],
    [
      'a rule fewer, still anomaly',
      pair('2026-05-01', 'a', ['anomaly', ['NIGHT_PRODUCTION', 'SPIKE']], ['anomaly', ['SPIKE']]),
      true,
    ],
    ['another rule, as many', pair('2026-05-01', 'a', ['anomaly', ['SPIKE']], ['anomaly', ['HOIST_SHARE']]), true],
  ])('%s → %s', (_name, p, want) => {
    expect(changedDay(p)).toBe(want);
  });
});

describe('ruleIds', () => {
  it('sorts and keeps each rule once', () => {
    expect(ruleIds([{ rule: 'SPIKE' }, { rule: 'MISSING' }, { rule: 'SPIKE' }])).toEqual(['MISSING', 'SPIKE']);
    expect(ruleIds([])).toEqual([]);
  });
});

describe('summarisePreview', () => {
  const dates = ['2026-05-01', '2026-05-02'];
  const pairs = [
    pair('2026-05-01', '甲', ['normal', []], ['anomaly', ['SPIKE']]),
    pair('2026-05-01', '乙', ['normal', []], ['normal', []]),
    pair('2026-05-02', '甲', ['anomaly', ['SPIKE']], ['normal', []]),
    pair('2026-05-02', '乙', ['normal', []], ['anomaly', ['OVER_CAPACITY']]),
    pair('2026-05-02', '丙', ['anomaly', ['NIGHT_PRODUCTION', 'SPIKE']], ['anomaly', ['SPIKE']]),
    pair('2026-05-02', '丁', ['no_data', ['MISSING']], ['no_data', ['MISSING']]),
  ];

  it('counts every mine-day, the changes, the verdict shifts by from → to (largest first) and per day', () => {
    const s = summarisePreview(pairs, dates, 4, 200);
    expect(s.totals).toEqual({
      mines: 4,
      mineDays: 6,
      changed: 4,
      verdictsChanged: 3,
      byVerdict: [
        { from: 'normal', to: 'anomaly', count: 2 },
        { from: 'anomaly', to: 'normal', count: 1 },
      ],
    });
    expect(s.days).toEqual([
      { date: '2026-05-01', reviewed: 2, changed: 1, verdictsChanged: 1 },
      { date: '2026-05-02', reviewed: 4, changed: 3, verdictsChanged: 2 },
    ]);
    // Newest day first, then by mine name.
    expect(s.changes.map((c) => [c.date, c.mineName])).toEqual(
      [
        ['2026-05-02', '丙'],
        ['2026-05-02', '甲'],
        ['2026-05-02', '乙'],
        ['2026-05-01', '甲'],
      ].sort((a, b) => (a[0]! < b[0]! ? 1 : a[0]! > b[0]! ? -1 : a[1]!.localeCompare(b[1]!, 'zh'))),
    );
    expect(s.truncated).toBe(false);
  });

  it.each([
    [3, 3, true],
    [4, 4, false],
    [5, 4, false],
  ])('with a cap of %i lists %i changes, truncated %s', (cap, listed, truncated) => {
    const s = summarisePreview(pairs, dates, 4, cap);
    expect(s.changes).toHaveLength(listed);
    expect(s.truncated).toBe(truncated);
    expect(s.totals.changed).toBe(4);
  });

  it('answers zeros for nothing reviewed', () => {
    const s = summarisePreview([], dates, 0, 200);
    expect(s.totals).toEqual({ mines: 0, mineDays: 0, changed: 0, verdictsChanged: 0, byVerdict: [] });
    expect(s.days.every((d) => d.reviewed === 0)).toBe(true);
  });
});
