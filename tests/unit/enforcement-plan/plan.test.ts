import { describe, expect, it } from 'vitest';
import { enforcementPlanMonth } from '#lib/enforcement-plan/dated-kinds.ts';
import { generatePlanItems, plannedMonths } from '#lib/enforcement-plan/generate.ts';
import { approvalRefusal } from '#lib/enforcement-plan/plan-decision.ts';
import { monthEnd, type PlanItem } from '#lib/enforcement-plan/plan-item.ts';
import { itemState, planProgress } from '#lib/enforcement-plan/progress.ts';
import type { Stage } from '#lib/notifications/dated-kind.ts';

const PER_YEAR = { A: 4, B: 6, C: 12, D: 26 } as const;
const drafter = { userId: 'u-drafter', name: '编制人' };
const official = { userId: 'u-official', name: '包保人' };

describe('planned months from the tier frequency', () => {
  it.each([
    [1, [1]],
    [4, [1, 4, 7, 10]],
    [6, [1, 3, 5, 7, 9, 11]],
    [12, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ])('%i a year → months %j', (n, months) => {
    expect(plannedMonths(n)).toEqual(months);
  });

  it('26 a year (D): 26 inspections, every month at least twice, none outside 1–12, in order', () => {
    const months = plannedMonths(26);
    expect(months).toHaveLength(26);
    for (let m = 1; m <= 12; m++) expect(months.filter((x) => x === m).length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...months)).toBe(1);
    expect(Math.max(...months)).toBe(12);
    expect([...months].sort((a, b) => a - b)).toEqual(months);
  });
});

describe('generation from the tiers', () => {
  const items = generatePlanItems(
    [
      { mineId: 'm-b', mineName: '乙矿', tier: 'D' },
      { mineId: 'm-a', mineName: '甲矿', tier: 'A', assignedOfficial: official },
      { mineId: 'm-c', mineName: '丙矿', tier: 'C' },
      { mineId: 'm-d', mineName: '丁矿', tier: 'B' },
    ],
    (m) => PER_YEAR[m.tier],
    drafter,
  );
  it.each([
    ['m-a', 4],
    ['m-d', 6],
    ['m-c', 12],
    ['m-b', 26],
  ])('%s gets %i planned inspections', (mineId, n) => {
    expect(items.filter((i) => i.mineId === mineId)).toHaveLength(n);
  });
  it('led by the assigned official, else the drafter; unique ids; no members yet', () => {
    expect(items.find((i) => i.mineId === 'm-a')?.leader).toEqual(official);
    expect(items.find((i) => i.mineId === 'm-b')?.leader).toEqual(drafter);
    expect(new Set(items.map((i) => i.itemId)).size).toBe(items.length);
    expect(items.every((i) => i.members.length === 0)).toBe(true);
  });
  it('follows the policy in force: a tighter C frequency gives more', () => {
    const more = generatePlanItems([{ mineId: 'm-c', mineName: '丙矿', tier: 'C' }], () => 24, drafter);
    expect(more).toHaveLength(24);
  });
});

const item = (itemId: string, month: number, leader = official): PlanItem => ({
  itemId,
  mineId: 'm-a',
  mineName: '甲矿',
  tier: 'B',
  month,
  leader,
  members: [],
});

describe('state of a planned inspection at the month boundary', () => {
  it.each([
    ['2026-03-31', 3, 'due'],
    ['2026-04-01', 3, 'overdue'],
    ['2026-02-28', 2, 'due'],
    ['2026-03-01', 2, 'overdue'],
    ['2026-01-15', 12, 'due'],
    ['2026-12-31', 12, 'due'],
  ])('on %s an open inspection of month %i is %s', (today, month, state) => {
    expect(itemState(item('x', month), 2026, {}, today)).toBe(state);
  });
  it('done stays done, even long after its month', () => {
    const done = { x: { inspectionId: 'insp-1', mineId: 'm-a', doneOn: '2026-03-10' } };
    expect(itemState(item('x', 3), 2026, done, '2026-12-31')).toBe('done');
  });
  it('month ends: February of a leap year', () => {
    expect(monthEnd(2028, 2)).toBe('2028-02-29');
    expect(monthEnd(2026, 2)).toBe('2026-02-28');
    expect(monthEnd(2026, 12)).toBe('2026-12-31');
  });
});

describe('progress per month and per team', () => {
  const other = { userId: 'u-other', name: '二组' };
  const items = [item('a', 3), item('b', 3, other), item('c', 4), item('d', 4, other)];
  const done = { a: { inspectionId: 'insp-1', mineId: 'm-a', doneOn: '2026-03-02' } };
  it('on the last day of April: March has one done, one overdue; April both due', () => {
    const p = planProgress(items, 2026, done, '2026-04-30');
    expect(p).toMatchObject({ total: 4, done: 1, due: 2, overdue: 1 });
    expect(p.byMonth[2]).toEqual({ month: 3, total: 2, done: 1, due: 0, overdue: 1 });
    expect(p.byMonth[3]).toEqual({ month: 4, total: 2, done: 0, due: 2, overdue: 0 });
    expect(p.byMonth[0]).toEqual({ month: 1, total: 0, done: 0, due: 0, overdue: 0 });
    expect(p.byTeam).toEqual([
      { leader: official, total: 2, done: 1, due: 1, overdue: 0 },
      { leader: other, total: 2, done: 0, due: 1, overdue: 1 },
    ]);
  });
  it('on the first of May the April ones turn overdue', () => {
    const p = planProgress(items, 2026, done, '2026-05-01');
    expect(p.byMonth[3]).toEqual({ month: 4, total: 2, done: 0, due: 0, overdue: 2 });
  });
});

describe('four-eyes on approval', () => {
  const admin = { sub: 'dev-bureau_admin', role: 'bureau_admin' };
  it('refuses the one who generated or edited the draft, an admin included', () => {
    expect(approvalRefusal([admin], admin)?.kind).toBe('rule');
    expect(approvalRefusal([{ sub: 'dev-inspector', role: 'inspector' }, admin], admin)).toBeDefined();
  });
  it('lets another admin approve', () => {
    expect(approvalRefusal([{ sub: 'dev-inspector', role: 'inspector' }], admin)).toBeUndefined();
  });
});

describe('reminder of a month with open planned inspections', () => {
  const stage = (daysLeft: number, escalate = false): Stage => ({ stage: `overdue-${-daysLeft}`, daysLeft, escalate });
  const entry = (pending: Record<string, PlanItem>) => ({
    GSI2SK: 'ENFPLAN#-#plan-1.03',
    planId: 'plan-1',
    year: 2026,
    month: 3,
    jurisdiction: 'hlj/hegang/dongshan',
    pending,
  });
  const ctx = (s: Stage) => ({
    rule: 'enforcement_plan' as const,
    name: '',
    mineId: undefined,
    mineStatus: undefined,
    due: '2026-03-31',
    stage: s,
    theMine: [],
    official: [],
    leaders: [{ type: 'leaders' as const, jurisdiction: 'hlj/hegang/dongshan' }],
    escalation: s.escalate ? [{ type: 'leaders' as const, jurisdiction: 'hlj/hegang/dongshan' }] : [],
  });
  it('is not reminded once nothing is open', () => {
    expect(enforcementPlanMonth.ruleOf(entry({}))).toBeNull();
  });
  it('tells each team leader once, never the mine; the leaders only on escalation', () => {
    const e = entry({ a: item('a', 3), b: item('b', 3), c: item('c', 3, { userId: 'u-2', name: '二组' }) });
    expect(enforcementPlanMonth.ruleOf(e)).toBe('enforcement_plan');
    const early = enforcementPlanMonth.reminder(e, ctx(stage(-2)));
    expect(early?.recipients).toEqual([
      { type: 'user', userId: official.userId, name: official.name },
      { type: 'user', userId: 'u-2', name: '二组' },
    ]);
    expect(early?.body).toContain('3 项检查逾期');
    const late = enforcementPlanMonth.reminder(e, ctx(stage(-7, true)));
    expect(late?.recipients).toContainEqual({ type: 'leaders', jurisdiction: 'hlj/hegang/dongshan' });
    expect(late?.body).toContain('已报局领导');
  });
});
