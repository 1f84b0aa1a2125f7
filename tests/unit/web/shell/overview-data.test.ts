// The overview's deadline list: everything due within 30 days across the records, past-due ones kept until dealt
// with, soonest first.
import { describe, expect, it } from 'vitest';
import { collectDeadlines, countBy, type DeadlineSources } from '#web/src/pages/overview-data.ts';
import type { BlacklistEntry, Case, Credit, Hazard, Licence, PeriodicDuty } from '#web/src/types.ts';

const today = '2026-11-30';
const base: DeadlineSources = {
  today,
  horizonDays: 30,
  licences: [],
  hazards: [],
  cases: [],
  blacklist: [],
  calendar: [],
  credit: [],
};
const mine = { mineId: 'm-taiyuan', name: '泰源煤矿' };
const licence = (expiresOn: string, type = 'safety_production') => ({
  mine,
  licence: {
    type,
    label: '安全生产许可证',
    number: '黑SA-1',
    expiresOn,
    daysToExpiry: 0,
    state: 'expiring',
  } as unknown as Licence,
});
const hazard = (id: string, deadline: string, status = 'rectifying', level = 'general') =>
  ({
    hazardId: id,
    mineId: 'm-1',
    mineName: '一矿',
    level,
    deadline,
    status,
    description: `隐患${id}`,
  }) as unknown as Hazard;
const kase = (id: string, deadline: string, status = 'open') =>
  ({ caseId: id, mineId: 'm-1', mineName: '一矿', ruleLabel: '超核定能力用电', deadline, status }) as unknown as Case;

describe('collectDeadlines', () => {
  it('takes licences up to the horizon, expired ones included', () => {
    const d = collectDeadlines({
      ...base,
      licences: [licence('2026-11-10', 'a'), licence('2026-12-30', 'b'), licence('2026-12-31', 'c')],
    });
    expect(d.map((x) => [x.dueOn, x.days, x.kind])).toEqual([
      ['2026-11-10', -20, '证照到期'],
      ['2026-12-30', 30, '证照到期'],
    ]);
    expect(d[0]).toMatchObject({ mineId: 'm-taiyuan', mineName: '泰源煤矿', href: '#/mines/m-taiyuan' });
  });

  it('takes the gas-grade appraisal and the drills by their next due date, overdue ones included', () => {
    const duty = (d: string, nextDueOn: string, label: string) => ({
      mine,
      duty: {
        duty: d,
        label,
        nextDueOn,
        lastDoneOn: '2025-12-01',
        intervalMonths: 12,
        daysToDue: 0,
        state: 'due_soon',
      } as unknown as PeriodicDuty,
    });
    const d = collectDeadlines({
      ...base,
      duties: [
        duty('gas_grade_appraisal', '2026-12-31', '瓦斯等级鉴定'),
        duty('emergency_plan_drill', '2026-12-30', '综合或专项应急预案演练'),
        duty('onsite_response_drill', '2026-11-25', '现场处置方案演练'),
      ],
    });
    expect(d.map((x) => [x.key, x.days, x.kind, x.what])).toEqual([
      ['duty:m-taiyuan:onsite_response_drill', -5, '定期工作到期', '现场处置方案演练'],
      ['duty:m-taiyuan:emergency_plan_drill', 30, '定期工作到期', '综合或专项应急预案演练'],
    ]);
  });

  it('takes open hazards and pending cases only', () => {
    const d = collectDeadlines({
      ...base,
      hazards: [
        hazard('h1', '2026-12-01'),
        hazard('h2', '2026-12-01', 'verified'),
        hazard('h3', '2026-11-20', 'submitted', 'major'),
      ],
      cases: [
        kase('c1', '2026-12-02'),
        kase('c2', '2026-12-02', 'confirmed'),
        kase('c3', '2026-11-29', 'investigating'),
      ],
    });
    expect(d.map((x) => x.key)).toEqual(['hz:h3', 'case:c3', 'hz:h1', 'case:c1']);
    expect(d[0]!.kind).toBe('重大隐患整改期限');
    expect(d[1]!.href).toBe('#/cases/c3');
  });

  it('takes open objection windows and listings ending soon', () => {
    const entries = [
      {
        entryId: 'bl-1',
        status: 'notice_served',
        subjectName: '甲公司',
        mineId: 'm-1',
        mineName: '一矿',
        notice: { servedOn: '2026-11-25', objectionDeadline: '2026-12-02' },
        objections: [],
      },
      {
        entryId: 'bl-2',
        status: 'notice_served',
        subjectName: '乙公司',
        mineId: 'm-1',
        mineName: '一矿',
        notice: { servedOn: '2026-11-01', objectionDeadline: '2026-11-08' },
        objections: [],
      },
      {
        entryId: 'bl-3',
        status: 'published',
        subjectName: '丙公司',
        mineId: 'm-1',
        mineName: '一矿',
        endsOn: '2026-12-20',
        objections: [],
      },
      {
        entryId: 'bl-4',
        status: 'published',
        subjectName: '丁公司',
        mineId: 'm-1',
        mineName: '一矿',
        endsOn: '2029-11-26',
        objections: [],
      },
    ] as unknown as BlacklistEntry[];
    const d = collectDeadlines({ ...base, blacklist: entries });
    expect(d.map((x) => [x.key, x.kind])).toEqual([
      ['obj:bl-1', '陈述申辩期届满'],
      ['end:bl-3', '名单期满'],
    ]);
  });

  it('takes inspections due for C and D mines and the bureau calendar', () => {
    const credit = [
      {
        mineId: 'm-8',
        mineName: '八矿',
        tier: 'C',
        inspectionsPerYear: 12,
        lastInspectionOn: null,
        nextInspectionDue: '2026-11-30',
      },
      {
        mineId: 'm-3',
        mineName: '三矿',
        tier: 'A',
        inspectionsPerYear: 4,
        lastInspectionOn: null,
        nextInspectionDue: '2026-11-30',
      },
    ] as unknown as Credit[];
    const calendar = [
      { calendarId: 'cal-1', title: '年度安全检查总结', dueOn: '2026-12-15', mineId: 'm-8' },
      { calendarId: 'cal-2', title: '已过的日程', dueOn: '2026-11-01' },
    ];
    const d = collectDeadlines({ ...base, credit, calendar, mineNames: new Map([['m-8', '八矿']]) });
    expect(d.map((x) => [x.key, x.kind, x.days])).toEqual([
      ['insp:m-8', '应检查（C级）', 0],
      ['cal:cal-1', '工作日程', 15],
    ]);
    expect(d[0]!.what).toBe('每年 12 次，尚无检查记录');
    expect(d[1]!.mineName).toBe('八矿');
  });
});

describe('countBy', () => {
  it('counts by a key', () => {
    expect([...countBy(['producing', 'suspended', 'producing'], (s) => s)]).toEqual([
      ['producing', 2],
      ['suspended', 1],
    ]);
  });
});
