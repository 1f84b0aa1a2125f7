// When a dated item is reminded of: each default rule's lead days, the day itself, every day overdue (for the
// kinds that chase), and the escalation to the leaders, on both sides of every boundary; and the scan's window
// reaches every lead day.
import { describe, expect, it } from 'vitest';
import { LOOK_AHEAD_DAYS } from '#lib/reminders/scan.ts';
import { DEFAULT_REMINDER_RULES, REMINDER_KINDS, type ReminderRule, reminderStage } from '#lib/reminders/schedule.ts';
import { addDays } from '#lib/validators/business-date.ts';

const TODAY = '2026-06-10';
type Expected = { stage: string; escalate: boolean } | null;
const T = (days: number): Expected => ({ stage: `T-${days}`, escalate: false });
const T0: Expected = { stage: 'T0', escalate: false };
const overdue = (days: number, escalate: boolean): Expected => ({ stage: `overdue-${days}`, escalate });

/** [days from today to the due date, expected stage] per kind. */
const TABLE: Record<'licence_safety_production' | 'licence_other' | 'hazard' | 'case', [number, Expected][]> = {
  licence_safety_production: [
    [91, null],
    [90, T(90)],
    [89, null],
    [31, null],
    [30, T(30)],
    [29, null],
    [8, null],
    [7, T(7)],
    [6, null],
    [1, null],
    [0, T0],
    [-1, overdue(1, false)],
    [-2, overdue(2, false)],
    [-6, overdue(6, false)],
    [-7, overdue(7, true)],
    [-30, overdue(30, true)],
  ],
  licence_other: [
    [90, null],
    [61, null],
    [60, T(60)],
    [59, null],
    [30, T(30)],
    [7, T(7)],
    [0, T0],
    [-1, overdue(1, false)],
    [-7, overdue(7, true)],
  ],
  hazard: [
    [4, null],
    [3, T(3)],
    [2, null],
    [1, null],
    [0, T0],
    [-1, overdue(1, false)],
    [-2, overdue(2, false)],
    [-3, overdue(3, true)],
    [-4, overdue(4, true)],
    [-30, overdue(30, true)],
  ],
  case: [
    [3, null],
    [2, null],
    [1, T(1)],
    [0, T0],
    [-1, overdue(1, true)],
    [-2, overdue(2, true)],
  ],
};

describe('reminderStage under the default rules', () => {
  for (const [kind, rows] of Object.entries(TABLE) as [keyof typeof TABLE, [number, Expected][]][]) {
    describe(kind, () => {
      it.each(rows)('due in %i days → %j', (days, expected) => {
        const stage = reminderStage(DEFAULT_REMINDER_RULES[kind], addDays(TODAY, days), TODAY);
        if (expected === null) expect(stage).toBeNull();
        else expect(stage).toEqual({ ...expected, daysLeft: days });
      });
    });
  }

  it('safety production licence: 90/30/7 days ahead, on the day, then every day once expired', () => {
    const rule = DEFAULT_REMINDER_RULES.licence_safety_production;
    expect(rule).toEqual({ leadDays: [90, 30, 7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 });
    const stages = Array.from({ length: 200 }, (_, i) => i - 100).filter(
      (d) => reminderStage(rule, addDays(TODAY, d), TODAY) !== null,
    );
    expect(stages).toEqual([...Array.from({ length: 100 }, (_, i) => i - 100), 0, 7, 30, 90]);
  });

  it('a rule that chases daily but never escalates (escalateAfterDays 0) never escalates', () => {
    const rule: ReminderRule = { leadDays: [], onTheDay: true, dailyOverdue: true, escalateAfterDays: 0 };
    for (const d of [1, 2, 10, 365])
      expect(reminderStage(rule, addDays(TODAY, -d), TODAY)).toEqual({
        stage: `overdue-${d}`,
        daysLeft: -d,
        escalate: false,
      });
  });

  it('a rule without a reminder on the day has no stage then', () => {
    const rule: ReminderRule = { leadDays: [7], onTheDay: false, dailyOverdue: false, escalateAfterDays: 0 };
    expect(reminderStage(rule, TODAY, TODAY)).toBeNull();
  });

  it('crosses months and years by calendar days', () => {
    const rule = DEFAULT_REMINDER_RULES.licence_safety_production;
    expect(reminderStage(rule, '2027-03-01', '2026-12-01')).toEqual({ stage: 'T-90', daysLeft: 90, escalate: false });
    expect(reminderStage(DEFAULT_REMINDER_RULES.hazard, '2028-02-28', '2028-03-02')).toEqual({
      stage: 'overdue-3',
      daysLeft: -3,
      escalate: true,
    });
  });
});

describe('the scan window', () => {
  it('the scan window reaches every default lead day', () => {
    for (const kind of REMINDER_KINDS)
      for (const d of DEFAULT_REMINDER_RULES[kind].leadDays) expect(d, kind).toBeLessThanOrEqual(LOOK_AHEAD_DAYS);
  });
});
