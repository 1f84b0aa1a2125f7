// The year's enforcement statistics: what counts in a year and what does not, at both ends of the year.
import { describe, expect, it } from 'vitest';
import { computeStatistics } from '#lib/disclosure/statistics.ts';

const YEAR = '2026';

describe('computeStatistics', () => {
  it.each([
    ['2026-01-01', 1],
    ['2026-12-31', 1],
    ['2025-12-31', 0],
    ['2027-01-01', 0],
  ])('an inspection done on %s counts %i', (doneOn, expected) => {
    expect(
      computeStatistics({ inspections: [{ status: 'done', doneOn }], hazards: [], penalties: [] }, YEAR).inspections,
    ).toBe(expected);
  });

  it('counts only inspections done, not planned or cancelled ones of the year', () => {
    const s = computeStatistics(
      {
        inspections: [
          { status: 'planned' },
          { status: 'cancelled' },
          { status: 'in_progress' },
          { status: 'done', doneOn: '2026-05-01' },
        ],
        hazards: [],
        penalties: [],
      },
      YEAR,
    );
    expect(s.inspections).toBe(1);
  });

  it.each([
    // Closed on the 31st at 23:30 in Shanghai is 15:30 UTC: still this year; 16:30 UTC is next year's first day.
    ['2026-12-31T15:30:00.000Z', 1],
    ['2026-12-31T16:30:00.000Z', 0],
    ['2025-12-31T16:30:00.000Z', 1],
  ])('a hazard verified at %s counts %i as closed this year', (verifiedAt, expected) => {
    const s = computeStatistics(
      {
        inspections: [],
        hazards: [{ foundOn: '2025-06-01', level: 'general', status: 'verified', verifiedAt }],
        penalties: [],
      },
      YEAR,
    );
    expect(s.hazardsClosed).toBe(expected);
    expect(s.hazardsFound).toBe(0);
  });

  it('counts hazards found in the year, major ones apart, whatever their state', () => {
    const s = computeStatistics(
      {
        inspections: [],
        hazards: [
          { foundOn: '2026-03-01', level: 'major', status: 'rectifying' },
          { foundOn: '2026-03-02', level: 'general', status: 'reported' },
          { foundOn: '2025-03-02', level: 'major', status: 'reported' },
        ],
        penalties: [],
      },
      YEAR,
    );
    expect([s.hazardsFound, s.majorHazardsFound]).toEqual([2, 1]);
  });

  it('counts penalties that took effect in the year by kind, and sums the fines; proposals and rejections do not count', () => {
    const s = computeStatistics(
      {
        inspections: [],
        hazards: [],
        penalties: [
          { status: 'effective', effectiveOn: '2026-02-01', kind: 'fine', amountYuan: 30_000 },
          { status: 'executed', effectiveOn: '2026-02-02', kind: 'fine', amountYuan: 20_000 },
          { status: 'effective', effectiveOn: '2026-02-03', kind: 'warning' },
          { status: 'proposed', kind: 'fine', amountYuan: 80_000 },
          { status: 'rejected', kind: 'fine', amountYuan: 80_000 },
          { status: 'effective', effectiveOn: '2025-12-31', kind: 'fine', amountYuan: 1 },
        ],
      },
      YEAR,
    );
    expect(s.penalties).toBe(3);
    expect(s.finesYuan).toBe(50_000);
    expect(Object.fromEntries(s.penaltiesByKind.map((k) => [k.kind, k.count]))).toEqual({
      warning: 1,
      fine: 2,
      ordered_suspension: 0,
      licence_action: 0,
    });
  });
});
