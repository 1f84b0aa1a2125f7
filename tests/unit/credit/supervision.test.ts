// Differential supervision: a tier's planned inspections a year become the days between inspections, and the next
// one falls due that long after the last (at once for a mine never inspected).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_POLICY } from '#lib/credit/policy.ts';
import { inspectionIntervalDays, nextInspectionDue } from '#lib/credit/supervision.ts';

const perYear = DEFAULT_CREDIT_POLICY.inspectionsPerYear;

describe('inspectionIntervalDays', () => {
  it.each([
    ['A', 91],
    ['B', 61],
    ['C', 30],
    ['D', 14],
  ] as const)('tier %s: every %i days with the default policy', (tier, days) => {
    expect(inspectionIntervalDays(tier, perYear)).toBe(days);
  });

  it('follows the policy, and is at least a day', () => {
    expect(inspectionIntervalDays('A', { ...perYear, A: 1 })).toBe(365);
    expect(inspectionIntervalDays('B', { ...perYear, B: 2 })).toBe(183); // 182.5 rounds up
    expect(inspectionIntervalDays('D', { ...perYear, D: 52 })).toBe(7);
    expect(inspectionIntervalDays('D', { ...perYear, D: 1000 })).toBe(1);
  });
});

describe('nextInspectionDue', () => {
  it.each([
    ['A', '2026-01-01', '2026-04-02'],
    ['B', '2026-01-01', '2026-03-03'],
    ['C', '2026-01-01', '2026-01-31'],
    ['D', '2026-01-01', '2026-01-15'],
    ['D', '2026-12-20', '2027-01-03'],
    ['C', '2024-02-15', '2024-03-16'],
    ['A', '2025-11-30', '2026-03-01'],
  ] as const)('tier %s, last inspected %s: due %s', (tier, last, due) => {
    expect(nextInspectionDue({ tier, lastInspectionOn: last, asOf: '2026-06-15', perYear })).toBe(due);
  });

  it('is due on the day asked about for a mine never inspected, whatever its tier', () => {
    for (const tier of ['A', 'B', 'C', 'D'] as const) {
      expect(nextInspectionDue({ tier, lastInspectionOn: null, asOf: '2026-06-15', perYear })).toBe('2026-06-15');
    }
  });

  it('can be already past: the due day does not move with the day asked about', () => {
    expect(nextInspectionDue({ tier: 'D', lastInspectionOn: '2026-01-01', asOf: '2026-06-15', perYear })).toBe(
      '2026-01-15',
    );
  });
});
