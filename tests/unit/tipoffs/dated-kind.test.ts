import { describe, expect, it } from 'vitest';
import type { ReminderContext } from '#lib/notifications/dated-kind.ts';
import { DEFAULT_REMINDER_RULES, datedKindOf } from '#lib/reminders/dated-kinds.ts';
import { reminderStage } from '#lib/reminders/schedule.ts';
import { tipoffDeadline } from '#lib/tipoffs/dated-kinds.ts';
import { TIPOFF_DUE_KIND, tipoffItem } from '#lib/tipoffs/tipoff-item.ts';

const rule = DEFAULT_REMINDER_RULES.tipoff;
const DUE = '2026-06-30';

describe('the tip-off deadline on the due-date index', () => {
  it('is in the registry under its index kind', () => {
    expect(datedKindOf(TIPOFF_DUE_KIND)).toBe(tipoffDeadline);
  });

  it.each([
    ['2026-06-22', null],
    ['2026-06-23', 'T-7'],
    ['2026-06-24', null],
    ['2026-06-29', 'T-1'],
    ['2026-06-30', 'T0'],
    ['2026-07-01', 'overdue-1'],
    ['2026-07-03', 'overdue-3'],
  ])('on %s: %s', (today, stage) => {
    expect(reminderStage(rule, DUE, today)?.stage ?? null).toBe(stage);
  });

  it('tells the handlers and the leaders, never the mine, and says nothing of the reporter', () => {
    const item = {
      ...tipoffItem({
        tipoffId: 'tip-1',
        jurisdiction: 'hlj/hegang/dongshan',
        mineId: 'm-demo11',
        mineName: '东山演示十一矿',
        subject: 'illegal_production',
        what: '夜间生产',
        when: '近日',
        where: '主井',
        files: [],
        hasContact: true,
        staffOrRelative: false,
        status: 'accepted',
        receivedAt: '2026-05-01T00:00:00.000Z',
        dueOn: DUE,
        handlers: [{ userId: 'dev-inspector', name: '承办人甲' }],
        links: { inspections: [], cases: [], violations: [], penalties: [] },
        version: 2,
        updatedAt: '2026-05-02T00:00:00.000Z',
      }),
    };
    // No mine in the index entry: the scan hands the declaration no mine's users.
    expect(item.GSI2PK).toBe('DUE#hlj/hegang/dongshan');
    expect(item.GSI2SK).toBe(`${DUE}#TIPOFFDUE#-#tip-1`);
    const leaders = [{ type: 'leaders', jurisdiction: 'hlj/hegang/dongshan' }] as const;
    const text = tipoffDeadline.reminder(
      item as typeof item & { GSI2SK: string },
      {
        rule: 'tipoff',
        name: '',
        mineId: undefined,
        mineStatus: undefined,
        due: DUE,
        stage: reminderStage(rule, DUE, '2026-07-01')!,
        theMine: [{ type: 'mine', mineId: 'm-demo11' }],
        official: [],
        leaders,
        escalation: [],
      } as ReminderContext<'tipoff'>,
    )!;
    expect(text.recipients).toEqual([{ type: 'user', userId: 'dev-inspector', name: '承办人甲' }, ...leaders]);
    expect(text.body).toContain('已逾期 1 天');
  });

  it('leaves the index once the report is closed', () => {
    const closed = tipoffItem({
      tipoffId: 'tip-2',
      jurisdiction: 'hlj/hegang/dongshan',
      mineName: '某矿',
      subject: 'other',
      what: 'x',
      when: 'x',
      where: 'x',
      files: [],
      hasContact: false,
      staffOrRelative: false,
      status: 'concluded',
      receivedAt: '2026-05-01T00:00:00.000Z',
      dueOn: DUE,
      handlers: [],
      links: { inspections: [], cases: [], violations: [], penalties: [] },
      version: 3,
      updatedAt: '2026-05-02T00:00:00.000Z',
    });
    expect('GSI2PK' in closed).toBe(false);
  });
});
