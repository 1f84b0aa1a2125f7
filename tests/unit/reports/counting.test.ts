// The counting behind the reports upward and the published statistics: each figure at the period's boundaries, and
// sums that add up.
import { describe, expect, it } from 'vitest';
import { countEnforcement, type EnforcementFigures, noFigures, sumFigures } from '#lib/reports/counting.ts';
import { parsePeriod } from '#lib/reports/period.ts';

const NOV = parsePeriod('2026-11');
const empty = { inspections: [], hazards: [], penalties: [] };
type Hazard = Parameters<typeof countEnforcement>[0]['hazards'][number];
const hazard = (h: Partial<Hazard>): Hazard => ({ foundOn: '2026-11-10', level: 'general', status: 'reported', ...h });

describe('countEnforcement', () => {
  it.each([
    ['2026-11-30', 1],
    ['2026-12-01', 0],
  ])('an inspection done on %s counts %i in November', (doneOn, n) => {
    expect(countEnforcement({ ...empty, inspections: [{ status: 'done', doneOn }] }, NOV).inspections).toBe(n);
  });

  it.each([
    // 23:59 on 30 November in China (15:59 UTC) is November's; one minute later is December's.
    ['2026-11-30T15:59:00.000Z', 1],
    ['2026-11-30T16:00:00.000Z', 0],
  ])('a hazard verified at %s is closed in November: %i', (verifiedAt, n) => {
    const f = countEnforcement({ ...empty, hazards: [hazard({ status: 'verified', verifiedAt })] }, NOV);
    expect(f.hazardsClosed).toBe(n);
  });

  it('counts a major hazard under supervision at the end of the month until it is verified', () => {
    const f = countEnforcement(
      {
        ...empty,
        hazards: [
          hazard({ level: 'major', foundOn: '2026-09-01' }),
          // Verified on 1 December in China: still under supervision at the end of November.
          hazard({ level: 'major', foundOn: '2026-10-01', status: 'verified', verifiedAt: '2026-11-30T16:30:00.000Z' }),
          hazard({ level: 'major', foundOn: '2026-10-01', status: 'verified', verifiedAt: '2026-11-20T01:00:00.000Z' }),
          hazard({ level: 'major', foundOn: '2026-12-01' }),
          hazard({ level: 'general', foundOn: '2026-11-01' }),
        ],
      },
      NOV,
    );
    expect(f.majorHazardsSupervised).toBe(2);
    expect(f.hazardsFound).toBe(1);
    expect(f.majorHazardsFound).toBe(0);
  });

  it('counts penalties in force by kind, the fines and the suspensions; a proposal counts nowhere', () => {
    const f = countEnforcement(
      {
        ...empty,
        penalties: [
          { status: 'effective', effectiveOn: '2026-11-02', kind: 'fine', amountYuan: 30_000 },
          { status: 'executed', effectiveOn: '2026-11-30', kind: 'fine', amountYuan: 20_000 },
          { status: 'effective', effectiveOn: '2026-11-15', kind: 'ordered_suspension' },
          { status: 'proposed', effectiveOn: '2026-11-15', kind: 'fine', amountYuan: 99_000 },
          { status: 'effective', effectiveOn: '2026-12-01', kind: 'warning' },
        ],
      },
      NOV,
    );
    expect(f.penalties).toBe(3);
    expect(f.penaltiesByKind).toMatchObject({ fine: 2, ordered_suspension: 1, warning: 0 });
    expect(f.finesYuan).toBe(50_000);
    expect(f.suspensions).toBe(1);
  });

  it('counts violations by the plan’s categories, blacklist entries, review anomalies and cases of the month', () => {
    const f = countEnforcement(
      {
        ...empty,
        violations: [
          { category: 'over_capacity', date: '2026-11-01' },
          { category: 'over_capacity', date: '2026-11-30' },
          { category: 'monitoring_failure', date: '2026-11-12' },
          { category: 'monitoring_failure', date: '2026-10-31' },
        ],
        blacklist: [{ listedOn: '2026-11-20' }, { listedOn: '2026-12-01' }, {}],
        reviewDays: [
          { date: '2026-10-31', verdicts: { anomaly: 9 } },
          { date: '2026-11-01', verdicts: { anomaly: 2 } },
          { date: '2026-11-30', verdicts: { anomaly: 1 } },
        ],
        cases: [
          { openedOn: '2026-11-30' },
          { openedOn: '2026-12-01' },
          { openedAt: '2026-11-30T15:59:00.000Z' },
          { openedAt: '2026-11-30T16:00:00.000Z' },
        ],
      },
      NOV,
    );
    expect(f.violations).toBe(3);
    expect(f.violationsByCategory.over_capacity).toBe(2);
    expect(f.violationsByCategory.monitoring_failure).toBe(1);
    expect(f.blacklistEntries).toBe(1);
    expect(f.reviewAnomalies).toBe(3);
    expect(f.casesOpened).toBe(2);
  });
});

describe('sumFigures', () => {
  const some = (n: number): EnforcementFigures => ({
    ...noFigures(),
    inspections: n,
    finesYuan: n * 1000,
    violations: n,
    violationsByCategory: { ...noFigures().violationsByCategory, over_capacity: n },
    penaltiesByKind: { ...noFigures().penaltiesByKind, fine: n },
  });

  it.each([
    [[], 0],
    [[1], 1],
    [[1, 2, 3], 6],
  ])('the totals of %j are the sum of the rows, figure by figure', (ns, total) => {
    const sum = sumFigures(ns.map(some));
    expect(sum.inspections).toBe(total);
    expect(sum.finesYuan).toBe(total * 1000);
    expect(sum.violationsByCategory.over_capacity).toBe(total);
    expect(sum.penaltiesByKind.fine).toBe(total);
    expect(sum.casesOpened).toBe(0);
  });

  it('does not change the rows it sums', () => {
    const rows = [some(1), some(2)];
    sumFigures(rows);
    expect(rows[0]!.inspections).toBe(1);
    expect(rows[0]!.violationsByCategory.over_capacity).toBe(1);
  });
});
