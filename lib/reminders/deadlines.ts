import { ValidationError } from '#lib/errors.ts';
import type { DueItem } from '#lib/notifications/dated-kind.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { datedKindOf, REMINDER_READS } from './dated-kinds.ts';

/** The longest range one request reads: a year and a day. */
export const MAX_DEADLINE_DAYS = 366;

export interface Deadline {
  readonly date: string;
  /** The index kind (`HAZARD`, `LICENCE`, …). */
  readonly kind: string;
  readonly jurisdiction: string;
  readonly mineId?: string;
  /** The record's id (a licence's type, a hazard's id, …). */
  readonly ref: string;
  /** What is due, in the words of its reminder (Chinese), e.g. `隐患整改期限：…`. */
  readonly title: string;
  /** The mine's name, for an item of a mine the caller sees. */
  readonly mineName?: string;
  /** The record the reminder points at, as a notification's. */
  readonly record?: { readonly entityType: string; readonly entityId: string };
}

/**
 * The caller's deadlines over [from, to] (GET /v1/deadlines): what the morning scan reminds of, read from the
 * due-date index with one Query per jurisdiction of the caller's scope (a district: its own partition; a city: its
 * own and each district's under it), through the caller's store, so no partition outside its jurisdiction is read.
 * Only what people are reminded of, worded as the reminder's title (never a held SMS's number or text), with the
 * mine's name and the record it points at.
 */
export async function listDeadlines(store: TenantStore, query: { from: string; to: string }) {
  const scope = store.bureauScope();
  if (query.to < query.from)
    throw new ValidationError('结束日期不能早于开始日期', [{ field: 'query.to', message: 'must not be before from' }]);
  if (query.to > addDays(query.from, MAX_DEADLINE_DAYS - 1))
    throw new ValidationError(`一次最多查询 ${MAX_DEADLINE_DAYS} 天`, [
      { field: 'query.to', message: `at most ${MAX_DEADLINE_DAYS} days after from` },
    ]);
  const db = store.shared;
  const today = todayInShanghai(db.now());
  // Each jurisdiction's partition, only the attributes the reminders are worded from (not the whole records). The
  // scope's own is read while the list of the jurisdictions under it is, and those (a city's districts) side by
  // side after it: a district waits on one round trip here, not two.
  const dueOf = (jurisdiction: string) =>
    queryDue<DueItem>(db, { jurisdiction, from: query.from, to: query.to, attributes: REMINDER_READS });
  const [own, under] = await Promise.all([dueOf(scope), dueIndexPaths(db, scope)]);
  const below = under.filter((path) => path !== scope);
  const belowDue = await Promise.all(below.map(dueOf));
  const dueByPath = new Map([[scope, own], ...below.map((path, i) => [path, belowDue[i]!] as const)]);
  const found = [];
  for (const jurisdiction of [...dueByPath.keys()].sort()) {
    for (const e of dueByPath.get(jurisdiction)!) {
      const kind = datedKindOf(e.kind);
      if (!kind || 'notReminded' in kind) continue;
      const rule = kind.ruleOf(e.item);
      if (rule) found.push({ e, kind, rule, jurisdiction });
    }
  }
  // The mines' names and status for the words, in one batch (only mines the caller sees).
  const { profiles } = await store.mines<MineItem>(
    [...new Set(found.flatMap((f) => (f.e.mineId ? [f.e.mineId] : [])))],
    ['name', 'status'],
  );
  const mines = new Map(profiles.map((m) => [m.mineId, m]));
  const items: Deadline[] = found.flatMap(({ e, kind, rule, jurisdiction }) => {
    const mine = e.mineId ? mines.get(e.mineId) : undefined;
    const daysLeft = daysBetween(today, e.date);
    // Its reminder as the morning scan would word it on the day, addressed to no one: only the words are kept.
    const text = kind.reminder(e.item, {
      rule,
      name: mine?.name ?? '',
      mineId: e.mineId,
      mineStatus: mine?.status,
      due: e.date,
      stage: { stage: 'list', daysLeft, escalate: false },
      theMine: [],
      official: [],
      leaders: [],
      escalation: [],
    });
    // What its kind would not remind anyone of (a lapsed licence of a mine that is not producing) is not listed.
    if (!text) return [];
    return [
      {
        date: e.date,
        kind: e.kind,
        jurisdiction,
        ...(e.mineId ? { mineId: e.mineId } : {}),
        ref: e.ref,
        title: text.title,
        ...(mine ? { mineName: mine.name } : {}),
        ...(text.ref ? { record: text.ref } : {}),
      },
    ];
  });
  items.sort((a, b) => a.date.localeCompare(b.date) || a.jurisdiction.localeCompare(b.jurisdiction));
  return { items };
}
