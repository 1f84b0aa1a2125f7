import { effectivePolicy, setPolicy } from '#lib/policies/policy-store.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { DEFAULT_REMINDER_RULES, type ReminderKind, type ReminderRule } from './schedule.ts';

/** Lead times and escalation per kind of dated item: a versioned policy per jurisdiction, inherited down the path. */
export const REMINDER_POLICY_NAME = 'reminders';
export type ReminderRules = Readonly<Record<ReminderKind, ReminderRule>>;

export async function reminderRulesFor(
  db: Db,
  jurisdiction: string,
): Promise<{ rules: ReminderRules; ref: { definedAt: string | null; version: number } }> {
  const found = await effectivePolicy<Partial<ReminderRules>>(
    db,
    REMINDER_POLICY_NAME,
    jurisdiction,
    DEFAULT_REMINDER_RULES,
  );
  return {
    rules: { ...DEFAULT_REMINDER_RULES, ...found.thresholds },
    ref: { definedAt: found.definedAt, version: found.version },
  };
}

export function reminderRulesCache(db: Db) {
  const cache = new Map<string, Promise<ReminderRules>>();
  return (jurisdiction: string) => {
    if (!cache.has(jurisdiction))
      cache.set(
        jurisdiction,
        reminderRulesFor(db, jurisdiction).then((r) => r.rules),
      );
    return cache.get(jurisdiction)!;
  };
}

/** The rules in force for the caller's jurisdiction. */
export async function getReminderPolicy(store: TenantStore) {
  const { rules, ref } = await reminderRulesFor(store.db, store.bureauScope());
  return { ...ref, rules };
}

/** A new version for the caller's jurisdiction: the kinds given replace theirs, the others keep the rules in force. */
export async function putReminderPolicy(
  store: TenantStore,
  body: { version: number; rules: Partial<Record<ReminderKind, ReminderRule>>; reason: string },
) {
  const scope = store.bureauScope();
  const { rules } = await reminderRulesFor(store.db, scope);
  const given = Object.fromEntries(Object.entries(body.rules).filter(([, r]) => r !== undefined));
  const saved = await setPolicy<ReminderRules>(store.db, actorOf(store.principal), {
    name: REMINDER_POLICY_NAME,
    jurisdiction: scope,
    thresholds: { ...rules, ...given },
    expectedVersion: body.version,
    reason: body.reason,
  });
  return { definedAt: saved.jurisdiction, version: saved.version, rules: saved.thresholds };
}
