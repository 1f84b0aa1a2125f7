// The day's review as one row per mine: every mine's own review, worst first, each finding named in Chinese and
// linked to the case the report says it opened.
import { describe, expect, it } from 'vitest';
import {
  casesOfRow,
  type DayReview,
  reportMissing,
  reviewRows,
  witnessText,
  witnessVerdicts,
} from '#web/src/pages/review-data.ts';
import type { PowerReport } from '#web/src/types.ts';

const reviews: DayReview[] = [
  {
    mineId: 'm-taiyuan',
    mineName: '泰源煤矿',
    status: 'producing',
    verdict: 'normal',
    totalKwh: 41000.5,
    findings: [],
  },
  {
    mineId: 'm-demo05',
    mineName: '东山演示五矿',
    status: 'producing',
    verdict: 'anomaly',
    totalKwh: 66145.07,
    findings: [{ rule: 'SPIKE', severity: 'medium', message: '突增' }],
  },
  {
    mineId: 'm-demo09',
    mineName: '东山演示九矿',
    status: 'producing',
    verdict: 'no_data',
    totalKwh: null,
    findings: [{ rule: 'MISSING', severity: 'high', message: '未报送' }],
  },
  {
    mineId: 'm-shuyuan1',
    mineName: '蔬园一煤矿',
    status: 'producing',
    verdict: 'normal',
    totalKwh: 30500,
    findings: [],
  },
  {
    mineId: 'm-demo11',
    mineName: '东山演示十一矿',
    status: 'suspended',
    verdict: 'anomaly',
    totalKwh: 6333.58,
    findings: [
      { rule: 'NIGHT_PRODUCTION', severity: 'high', message: '夜间用电' },
      { rule: 'SPIKE', severity: 'medium', message: '突增' },
    ],
  },
];

const report: PowerReport = {
  date: '2026-11-29',
  mines: 5,
  verdicts: { normal: 2, anomaly: 2, no_data: 1 },
  bySeverity: { low: 0, medium: 1, high: 1, critical: 0 },
  anomalies: [
    {
      mineId: 'm-demo11',
      mineName: '东山演示十一矿',
      status: 'suspended',
      totalKwh: 6333.58,
      severity: 'high',
      findings: [
        { rule: 'NIGHT_PRODUCTION', severity: 'high', message: '夜间用电', caseId: 'case-1' },
        { rule: 'SPIKE', severity: 'medium', message: '突增' },
      ],
    },
    {
      mineId: 'm-demo09',
      mineName: '东山演示九矿',
      status: 'producing',
      totalKwh: null,
      severity: 'high',
      findings: [{ rule: 'MISSING', severity: 'high', message: '未报送', caseId: 'case-2' }],
    },
    {
      mineId: 'm-demo05',
      mineName: '东山演示五矿',
      status: 'producing',
      totalKwh: 66145.07,
      severity: 'medium',
      findings: [{ rule: 'SPIKE', severity: 'medium', message: '突增' }],
    },
  ],
  noData: [{ mineId: 'm-demo09', mineName: '东山演示九矿', status: 'producing' }],
};

describe('reviewRows', () => {
  const rows = reviewRows(report, reviews);

  it('has one row per reviewed mine, worst first, normal ones with their kWh', () => {
    expect(rows.map((r) => [r.mineId, r.verdict, r.severity, r.totalKwh])).toEqual([
      ['m-demo11', 'anomaly', 'high', 6333.58],
      ['m-demo09', 'no_data', 'high', null],
      ['m-demo05', 'anomaly', 'medium', 66145.07],
      ['m-shuyuan1', 'normal', null, 30500],
      ['m-taiyuan', 'normal', null, 41000.5],
    ]);
  });

  it('names the rules in Chinese and links the cases the report names', () => {
    expect(rows[0]!.findings).toEqual([
      {
        rule: 'NIGHT_PRODUCTION',
        ruleLabel: '停产矿井夜间用电异常',
        severity: 'high',
        message: '夜间用电',
        caseId: 'case-1',
      },
      { rule: 'SPIKE', ruleLabel: '用电量突增', severity: 'medium', message: '突增' },
    ]);
    expect(rows[1]!.findings[0]!.caseId).toBe('case-2');
  });

  it('is empty for a day nobody reviewed', () => {
    expect(reviewRows({ ...report, anomalies: [] }, [])).toEqual([]);
  });
});

describe('reportMissing', () => {
  it('is true for a day with no reviews and the jurisdiction pending', () => {
    expect(
      reportMissing({ ...report, mines: 0, anomalies: [], noData: [], pendingJurisdictions: ['hlj/hegang/dongshan'] }),
    ).toBe(true);
    expect(reportMissing({ ...report, pendingJurisdictions: [] })).toBe(false);
  });
});

describe('witnessVerdicts', () => {
  const verdicts = (r: Parameters<typeof witnessVerdicts>[0]) =>
    witnessVerdicts(r).map((w) => `${w.label}:${w.verdictLabel}`);

  it.each<[string, Parameters<typeof witnessVerdicts>[0], string[]]>([
    [
      'a review with the three witnesses lists each as it said',
      { verdict: 'anomaly', witnesses: { electricity: 'normal', personnel: 'anomaly', gas: 'no_data' } },
      ['用电量:正常', '人员位置监测:异常', '安全监控:无数据'],
    ],
    [
      'an old review without witnesses: the electricity from the day’s verdict (anomaly), the feeds 无数据',
      { verdict: 'anomaly' },
      ['用电量:异常', '人员位置监测:无数据', '安全监控:无数据'],
    ],
    ['an old normal review', { verdict: 'normal' }, ['用电量:正常', '人员位置监测:无数据', '安全监控:无数据']],
    [
      'an old review without a reading',
      { verdict: 'no_data' },
      ['用电量:无数据', '人员位置监测:无数据', '安全监控:无数据'],
    ],
  ])('%s', (_name, review, expected) => {
    expect(verdicts(review)).toEqual(expected);
  });

  it('goes into every row, and into the export as one line', () => {
    const rows = reviewRows(report, [
      { ...reviews[0]!, witnesses: { electricity: 'normal', personnel: 'normal', gas: 'anomaly' } },
      reviews[1]!,
    ]);
    const row = (id: string) => rows.find((r) => r.mineId === id)!;
    expect(row('m-taiyuan').witnesses.map((w) => w.verdict)).toEqual(['normal', 'normal', 'anomaly']);
    expect(row('m-demo05').witnesses.map((w) => w.verdict)).toEqual(['anomaly', 'no_data', 'no_data']);
    expect(witnessText(row('m-taiyuan').witnesses)).toBe('用电量：正常；人员位置监测：正常；安全监控：异常');
  });
});

describe('casesOfRow', () => {
  it('names each case once, though witnesses of one act share it', () => {
    const f = (rule: string, caseId?: string) => ({
      rule,
      severity: 'high',
      message: '',
      ...(caseId ? { caseId } : {}),
    });
    expect(
      casesOfRow({
        findings: [f('PEOPLE_WHEN_STOPPED', 'c-1'), f('NIGHT_PRODUCTION', 'c-1'), f('HOIST_SHARE', 'c-2'), f('SPIKE')],
      } as never),
    ).toEqual(['c-1', 'c-2']);
    expect(casesOfRow({ findings: [] })).toEqual([]);
  });
});
