import { daysBetween } from '../format.ts';

/**
 * The district overview's list work: counts by a field (the blacklist card), and the due items of the index as the
 * list of what falls due shows them.
 */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export interface Deadline {
  readonly key: string;
  /** What kind of date: 证照到期, 隐患整改期限… */
  readonly kind: string;
  readonly what: string;
  readonly mineId?: string;
  readonly mineName?: string;
  readonly dueOn: string;
  /** Days from today; negative when past. */
  readonly days: number;
  /** The page that deals with it. */
  readonly href?: string;
}

/** An answer of GET /v1/deadlines: one due item, worded as its reminder. */
export interface DueEntry {
  readonly date: string;
  readonly kind: string;
  readonly mineId?: string;
  readonly mineName?: string;
  readonly ref: string;
  readonly title: string;
  readonly record?: { readonly entityType: string; readonly entityId: string };
}

/** The page of the record a due item names; its mine's file when it has no page of its own. */
const RECORD_PAGES: Readonly<Record<string, (id: string) => string>> = {
  case: (id) => `#/cases/${encodeURIComponent(id)}`,
  hazard: (id) => `#/hazards/${encodeURIComponent(id)}`,
  blacklistEntry: (id) => `#/blacklist/${encodeURIComponent(id)}`,
  acceptance: (id) => `#/acceptances/${encodeURIComponent(id)}`,
  tipoff: (id) => `#/tipoffs/${encodeURIComponent(id)}`,
  inspection: (id) => `#/inspect/${encodeURIComponent(id)}`,
  directive: () => '#/directives',
  enforcementPlan: () => '#/plan',
  monthlyReport: () => '#/reports',
  calendar: () => '#/notifications',
};

/**
 * The due items of the index (one read per district) as the list shows them: the reminder's title split into what
 * kind of date (before the colon) and what it concerns, days from today, the page to deal with it.
 */
export function deadlinesFromIndex(entries: readonly DueEntry[], today: string): Deadline[] {
  return entries.map((e) => {
    const colon = e.title.indexOf('：');
    const page = e.record ? RECORD_PAGES[e.record.entityType]?.(e.record.entityId) : undefined;
    const href = page ?? (e.mineId ? `#/mines/${encodeURIComponent(e.mineId)}` : undefined);
    return {
      key: `${e.kind}:${e.mineId ?? '-'}:${e.ref}:${e.date}`,
      kind: colon > 0 ? e.title.slice(0, colon) : e.title,
      what: colon > 0 ? e.title.slice(colon + 1) : '',
      ...(e.mineId ? { mineId: e.mineId } : {}),
      ...(e.mineName ? { mineName: e.mineName } : {}),
      dueOn: e.date,
      days: daysBetween(today, e.date),
      ...(href ? { href } : {}),
    };
  });
}
