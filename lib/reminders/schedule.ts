/**
 * When a dated item is reminded of (提醒), pure: days ahead of its due date, on the day, then every day while it is
 * overdue, with the jurisdiction's leaders told too once it is overdue long enough. The reminder policy holds one
 * rule per kind of item, each declared with its kind by the capability that owns it (./dated-kinds.ts); the
 * morning scan asks each item found on the due-date index for its stage today, and the stage is part of the
 * reminder's identity, so each stage is sent once.
 */
import type { ReminderRule, Stage } from '#lib/notifications/dated-kind.ts';
import { daysBetween } from '#lib/validators/business-date.ts';

export type { ReminderRule, Stage } from '#lib/notifications/dated-kind.ts';
export { DEFAULT_REMINDER_RULES, REMINDER_KINDS, type ReminderKind } from './dated-kinds.ts';

/** How far ahead the morning scan reads the due-date index: no lead time may be longer. */
export const LOOK_AHEAD_DAYS = 120;

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
