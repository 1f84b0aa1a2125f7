import { describe, expect, it } from 'vitest';
import { sparklineGeometry } from '#web/src/charts/sparkline-data.ts';

describe('sparkline geometry', () => {
  it('spans the box: the first day at the left, the last at the right, 0 at the bottom, the largest at the top', () => {
    const g = sparklineGeometry([0, 2, 4], 104, 24);
    expect(g.runs).toEqual(['2,22 52,12 102,2']);
    expect(g.last).toEqual({ x: 102, y: 2 });
  });
  it('leaves a gap for a day with no value and marks no last point when the last day has none', () => {
    const g = sparklineGeometry([1, null, 1, 1, undefined], 24, 24);
    expect(g.runs).toHaveLength(2);
    expect(g.last).toBeNull();
  });
  it('draws all zeros flat at the bottom (the scale never goes below 1)', () => {
    expect(sparklineGeometry([0, 0], 24, 24).runs).toEqual(['2,22 22,22']);
  });
  it('draws nothing for no days', () => {
    expect(sparklineGeometry([], 24, 24)).toEqual({ runs: [], last: null });
  });
});
