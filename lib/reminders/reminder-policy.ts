import type { Db } from '../store/db.ts';
import { effectivePolicy } from '../policies/policy-store.ts';
import { DEFAULT_REMINDER_RULES, type ReminderKind, type ReminderRule } from './schedule.ts';

/** Lead times and escalation per kind of dated item: a versioned policy per jurisdiction, inherited down the path. */
export const REMINDER_POLICY_NAME = 'reminders';
export type ReminderRules = Readonly<Record<ReminderKind, ReminderRule>>;

export async function reminderRulesFor(db: Db, jurisdiction: string): Promise<{ rules: ReminderRules; ref: { definedAt: string | null; version: number } }> {
  const found = await effectivePolicy<Partial<ReminderRules>>(db, REMINDER_POLICY_NAME, jurisdiction, DEFAULT_REMINDER_RULES);
  return { rules: { ...DEFAULT_REMINDER_RULES, ...found.thresholds }, ref: { definedAt: found.definedAt, version: found.version } };
}

export function reminderRulesCache(db: Db) {
  const cache = new Map<string, Promise<ReminderRules>>();
  return (jurisdiction: string) => {
    if (!cache.has(jurisdiction)) cache.set(jurisdiction, reminderRulesFor(db, jurisdiction).then((r) => r.rules));
    return cache.get(jurisdiction)!;
  };
}
