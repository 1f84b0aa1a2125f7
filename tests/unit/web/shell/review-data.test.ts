// The daily review report as one row per mine: anomalies and no-data mines from the report, every other mine
// normal when the counts agree.
import { describe, expect, it } from 'vitest';
import { reportMissing, reviewRows } from '../../../../web/src/pages/review-data.ts';
import type { Mine, PowerReport } from '../../../../web/src/types.ts';

const mines: Pick<Mine, 'mineId' | 'name' | 'status'>[] = [
  { mineId: 'm-demo05', name: '东山演示五矿', status: 'producing' },
  { mineId: 'm-demo09', name: '东山演示九矿', status: 'producing' },
  { mineId: 'm-demo11', name: '东山演示十一矿', status: 'suspended' },
  { mineId: 'm-taiyuan', name: '泰源煤矿', status: 'producing' },
  { mineId: 'm-shuyuan1', name: '蔬园一煤矿', status: 'producing' },
];

const report: PowerReport = {
  date: '2026-11-29',
  mines: 5,
  verdicts: { normal: 2, anomaly: 2, no_data: 1 },
  bySeverity: { low: 0, medium: 1, high: 1, critical: 0 },
  anomalies: [
    { mineId: 'm-demo11', mineName: '东山演示十一矿', status: 'suspended', totalKwh: 6333.58, severity: 'high', findings: [{ rule: 'NIGHT_PRODUCTION', severity: 'high', message: '夜间用电', caseId: 'case-1' }, { rule: 'SPIKE', severity: 'medium', message: '突增' }] },
    { mineId: 'm-demo09', mineName: '东山演示九矿', status: 'producing', totalKwh: null, severity: 'high', findings: [{ rule: 'MISSING', severity: 'high', message: '未报送', caseId: 'case-2' }] },
    { mineId: 'm-demo05', mineName: '东山演示五矿', status: 'producing', totalKwh: 66145.07, severity: 'medium', findings: [{ rule: 'SPIKE', severity: 'medium', message: '突增' }] },
  ],
  noData: [{ mineId: 'm-demo09', mineName: '东山演示九矿', status: 'producing' }],
};

describe('reviewRows', () => {
  const rows = reviewRows(report, mines);

  it('has one row per mine, worst first', () => {
    expect(rows.map((r) => [r.mineId, r.verdict, r.severity])).toEqual([
      ['m-demo11', 'anomaly', 'high'],
      ['m-demo09', 'no_data', 'high'],
      ['m-demo05', 'anomaly', 'medium'],
      ['m-shuyuan1', 'normal', null],
      ['m-taiyuan', 'normal', null],
    ]);
  });

  it('names the rules in Chinese and keeps the cases', () => {
    expect(rows[0]!.findings).toEqual([
      { rule: 'NIGHT_PRODUCTION', ruleLabel: '停产矿井夜间用电异常', severity: 'high', message: '夜间用电', caseId: 'case-1' },
      { rule: 'SPIKE', ruleLabel: '用电量突增', severity: 'medium', message: '突增' },
    ]);
    expect(rows[0]!.totalKwh).toBe(6333.58);
  });

  it('does not call a mine normal when the counts do not agree (a mine added after that day)', () => {
    const later = reviewRows(report, [...mines, { mineId: 'm-new', name: '新矿', status: 'construction' }]);
    expect(later.filter((r) => r.verdict === 'unknown').map((r) => r.mineId)).toEqual(['m-new', 'm-shuyuan1', 'm-taiyuan']);
  });
});

describe('reportMissing', () => {
  it('is true for a day with no reviews and the jurisdiction pending', () => {
    expect(reportMissing({ ...report, mines: 0, anomalies: [], noData: [], pendingJurisdictions: ['hlj/hegang/dongshan'] })).toBe(true);
    expect(reportMissing({ ...report, pendingJurisdictions: [] })).toBe(false);
  });
});
