import { daysBetween } from '#lib/validators/business-date.ts';

/**
 * When a dated item is reminded of (提醒), pure: days ahead of its due date, on the day, then every day while it is
 * overdue, with the jurisdiction's leaders told too once it is overdue long enough. The reminder policy holds one
 * rule per kind of item; the nightly scan asks each item found on the due-date index for its stage today, and the
 * stage is part of the reminder's identity, so each stage is sent once.
 */
export interface ReminderRule {
  /** Days before the due date on which to remind, e.g. [90, 30, 7]. */
  readonly leadDays: readonly number[];
  readonly onTheDay: boolean;
  /** Remind every day after the due date while the item is still open. */
  readonly dailyOverdue: boolean;
  /** From this many days overdue the jurisdiction's leaders are told too; 0 never. */
  readonly escalateAfterDays: number;
}

export const REMINDER_KINDS = [
  'licence_safety_production',
  'licence_other',
  'gas_grade_appraisal',
  'emergency_drill',
  'hazard',
  'case',
  'blacklist_objection',
  'blacklist_end',
  'inspection',
  'calendar',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const DEFAULT_REMINDER_RULES: Readonly<Record<ReminderKind, ReminderRule>> = {
  // 安全生产许可证: its extension is applied for three months before expiry, hence the 90-day notice. After expiry a
  // producing mine is reminded daily until the licence is renewed (it leaves that due date) or the mine stops
  // (scan.ts), the leaders too from a week on.
  licence_safety_production: { leadDays: [90, 30, 7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 },
  licence_other: { leadDays: [60, 30, 7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 },
  // 瓦斯等级鉴定 takes weeks to commission, hence two months' notice; drills are planned a month ahead.
  gas_grade_appraisal: { leadDays: [60, 30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  emergency_drill: { leadDays: [30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  hazard: { leadDays: [3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 },
  case: { leadDays: [1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 1 },
  blacklist_objection: { leadDays: [2], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  blacklist_end: { leadDays: [30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  inspection: { leadDays: [7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 },
  calendar: { leadDays: [7, 1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 },
};

/** How far ahead the morning scan reads the due-date index: no lead time may be longer. */
export const LOOK_AHEAD_DAYS = 120;

export interface Stage {
  /** `T-30`, `T0`, `overdue-4`: with the item, what makes a reminder the same one twice. */
  readonly stage: string;
  /** Days from today to the due date (negative when overdue). */
  readonly daysLeft: number;
  readonly escalate: boolean;
}

/** The stage of an item due on `due` as of `today`, or null when today is not a day to remind of it. */
export function reminderStage(rule: ReminderRule, due: string, today: string): Stage | null {
  const daysLeft = daysBetween(today, due);
  if (daysLeft > 0)
    return rule.leadDays.includes(daysLeft) ? { stage: `T-${daysLeft}`, daysLeft, escalate: false } : null;
  if (daysLeft === 0) return rule.onTheDay ? { stage: 'T0', daysLeft, escalate: false } : null;
  if (!rule.dailyOverdue) return null;
  return {
    stage: `overdue-${-daysLeft}`,
    daysLeft,
    escalate: rule.escalateAfterDays > 0 && -daysLeft >= rule.escalateAfterDays,
  };
}
