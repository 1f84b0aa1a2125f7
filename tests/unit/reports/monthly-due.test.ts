// A district's monthly report on the due-date index while the district owes it: its admins are reminded 3 and 1 days
// before the city's reporting day, on the day and each day late; submitted or accepted, it is off the index.
import { describe, expect, it } from 'vitest';
import type { DueItem, ReminderContext } from '#lib/notifications/dated-kind.ts';
import { DEFAULT_REMINDER_RULES, datedKindOf } from '#lib/reminders/dated-kinds.ts';
import { reminderStage } from '#lib/reminders/schedule.ts';
import { noFigures } from '#lib/reports/counting.ts';
import { monthlyReportDue } from '#lib/reports/dated-kinds.ts';
import { MONTHLY_REPORT_DUE_KIND, type MonthlyReport, monthlyReportItem, parentOf } from '#lib/reports/monthly-item.ts';
import { reportingPolicy } from '#lib/reports/reporting-policy.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const rule = DEFAULT_REMINDER_RULES.monthly_report;
const DUE = '2026-12-05';
const DISTRICT = 'hlj/hegang/dongshan';
const report = (state: MonthlyReport['state']): MonthlyReport => ({
  jurisdiction: DISTRICT,
  month: '2026-11',
  state,
  dueOn: DUE,
  submissions: [],
  version: 1,
  updatedAt: '2026-12-01T00:00:00.000Z',
});
const leaders = [{ type: 'leaders', jurisdiction: DISTRICT }] as const;
const at = (today: string, state: MonthlyReport['state'] = 'due') => {
  const item = { GSI2SK: '', ...monthlyReportItem(report(state)) } as DueItem;
  const stage = reminderStage(rule, DUE, today);
  if (!stage || !monthlyReportDue.ruleOf(item)) return null;
  return monthlyReportDue.reminder(item, {
    rule: 'monthly_report',
    name: '',
    mineId: undefined,
    mineStatus: undefined,
    due: DUE,
    stage,
    theMine: [],
    official: [],
    leaders,
    escalation: [],
  } as ReminderContext<'monthly_report'>);
};

describe('a monthly report on the due-date index', () => {
  it('is in the registry under its kind, keyed by its due day, the month and the district', () => {
    expect(datedKindOf(MONTHLY_REPORT_DUE_KIND)).toBe(monthlyReportDue);
    const item = monthlyReportItem(report('due'));
    expect(item.GSI2PK).toBe(`DUE#${DISTRICT}`);
    expect(item.GSI2SK).toBe(`2026-12-05#MONTHLYREPORT#-#2026-11@${DISTRICT}`);
  });

  it.each([
    ['due', true],
    ['returned', true],
    ['submitted', false],
    ['accepted', false],
  ] as const)('while %s it is on the index: %s', (state, on) => {
    expect('GSI2PK' in monthlyReportItem(report(state))).toBe(on);
  });

  it.each([
    ['2026-12-01', null],
    ['2026-12-02', '还有 3 天'],
    ['2026-12-04', '还有 1 天'],
    ['2026-12-05', '今天'],
    ['2026-12-07', '已逾期 2 天'],
  ])('on %s the district’s admins are told %s', (today, words) => {
    const r = at(today);
    if (words === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r?.body).toContain(words);
    expect(r?.body).toContain('2026年11月');
    expect(r?.recipients).toEqual(leaders);
  });

  it('a returned report says so', () => {
    expect(at('2026-12-04', 'returned')?.body).toContain('已被市局退回');
  });

  it('a submitted one is not reminded of', () => {
    expect(at('2026-12-04', 'submitted')).toBeNull();
  });
});

describe('the reporting policy', () => {
  it.each([
    [1, true],
    [5, true],
    [28, true],
    [0, false],
    [29, false],
    [5.5, false],
  ])('day %s of the next month is allowed: %s', (dueDay, ok) => {
    const parse = () => parsePart(reportingPolicy.schema, { dueDay }, 'body');
    if (ok) expect(parse()).toEqual({ dueDay });
    else expect(parse).toThrow();
  });

  it('defaults to the 5th', () => {
    expect(reportingPolicy.defaults.dueDay).toBe(5);
  });

  it('a district reports to its parent', () => {
    expect(parentOf(DISTRICT)).toBe('hlj/hegang');
    expect(parentOf('hlj')).toBeUndefined();
    expect(noFigures().inspections).toBe(0);
  });
});
