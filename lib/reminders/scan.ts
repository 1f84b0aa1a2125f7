import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import type { DueItem, RemindedKind } from '#lib/notifications/dated-kind.ts';
import {
  enqueueNotifications,
  type NotificationInput,
  type NotificationItem,
  notify,
  type Recipient,
} from '#lib/notifications/notification.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { datedKindOf } from './dated-kinds.ts';
import { gapsOf, missingDataText, type ReviewedDay, runsOf } from './missing-data.ts';
import { reminderPolicy } from './reminder-policy.ts';
import { LOOK_AHEAD_DAYS, type ReminderKind, reminderStage, type Stage } from './schedule.ts';

export { LOOK_AHEAD_DAYS };

/**
 * The morning's reminder scan (07:30 Asia/Shanghai). It reads the due-date index (GSI2 `DUE#<path>`) of every
 * jurisdiction, each once: one paginated Query per path over the days from a year back to four months ahead (an item
 * on the index is open: closing it takes it off), in date order. It finds each item's
 * kind in the registry of dated kinds (./dated-kinds.ts: what each capability declares of the kinds it indexes),
 * asks the kind's rule for the item's stage today and the kind for its reminder at that stage, and records a reminder
 * per item and stage: the stage is part of the reminder's key, so a re-run (or a retry) records and sends nothing
 * new. Then yesterday's missing daily readings and monitoring feeds, and a sweep that sends again any notification still queued.
 */
/** Back far enough that an item overdue for a year is still reminded (and escalated) daily. */
export const LOOK_BACK_DAYS = 366;

interface Found {
  readonly kind: RemindedKind;
  readonly rule: ReminderKind;
  readonly mineId: string | undefined;
  readonly jurisdiction: string | undefined;
  readonly item: DueItem;
}

/** Which kind and rule a due item follows, from the kind its index entry names; null for items not reminded of. */
function classifyDue(indexKind: string, mine: string | undefined, item: DueItem): Found | null {
  const kind = datedKindOf(indexKind);
  if (!kind || 'notReminded' in kind) return null;
  const rule = kind.ruleOf(item) as ReminderKind | null;
  if (!rule) return null;
  const jurisdiction = typeof item.jurisdiction === 'string' ? item.jurisdiction : undefined;
  return { kind, rule, mineId: mine, jurisdiction, item };
}

/** The reminder of a due item at a stage: its kind's words and people, with the severity of the stage. */
function reminderOf(
  f: Found,
  mine: MineItem | undefined,
  due: string,
  s: Stage,
): Omit<NotificationInput, 'eventKey'> | null {
  const jurisdiction = mine?.jurisdiction ?? f.jurisdiction;
  if (!jurisdiction) return null;
  const official: Recipient[] = mine?.assignedOfficial
    ? [{ type: 'user', userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name }]
    : [];
  const leaders: Recipient[] = [{ type: 'leaders', jurisdiction }];
  const text = f.kind.reminder(f.item, {
    rule: f.rule,
    name: mine?.name ?? '',
    mineId: f.mineId,
    mineStatus: mine?.status,
    due,
    stage: s,
    theMine: f.mineId ? [{ type: 'mine', mineId: f.mineId }] : [],
    official,
    leaders,
    escalation: s.escalate ? leaders : [],
  });
  if (!text) return null;
  const severity = s.daysLeft < 0 ? (s.escalate ? 'critical' : 'warning') : 'info';
  return { ...(f.mineId ? { mineId: f.mineId } : {}), jurisdiction, severity, kind: 'reminder', ...text };
}

export interface ScanResult {
  readonly date: string;
  /** Items with a stage today. */
  readonly due: number;
  /** Reminders recorded by this run (a re-run records none). */
  readonly created: number;
  /** Mines reminded of yesterday's missing reports (a reading, a monitoring feed, or both: one reminder each). */
  readonly missingReadings: number;
  /** Notifications still queued from before, sent again. */
  readonly resent: number;
}

export async function runReminderScan(db: Db, today: string): Promise<ScanResult> {
  const rulesOf = reminderPolicy.cache(db);
  const mines = new Map<string, Promise<MineItem | undefined>>();
  const mineOf = (mineId: string | undefined) => {
    if (!mineId) return Promise.resolve(undefined);
    if (!mines.has(mineId)) mines.set(mineId, getItem<MineItem>(db, { PK: pk.mine(mineId), SK: sk.profile }));
    return mines.get(mineId)!;
  };
  let due = 0;
  let created = 0;
  const from = addDays(today, -LOOK_BACK_DAYS);
  const to = addDays(today, LOOK_AHEAD_DAYS);
  // Each jurisdiction's ~490 days are one paginated Query on its own partition, in date order.
  for (const path of await dueIndexPaths(db)) {
    for (const { date, kind: indexKind, mineId, ref, item } of await queryDue<DueItem>(db, {
      jurisdiction: path,
      from,
      to,
    })) {
      const found = classifyDue(indexKind, mineId, item);
      if (!found) continue;
      const mine = await mineOf(found.mineId);
      const jurisdiction = mine?.jurisdiction ?? found.jurisdiction;
      if (!jurisdiction) continue;
      const stage = reminderStage((await rulesOf(jurisdiction)).values[found.rule], date, today);
      if (!stage) continue;
      const reminder = reminderOf(found, mine, date, stage);
      if (!reminder) continue;
      due++;
      // The reminder's key names the item by its kind, mine and ref (not its path, which a move may change).
      const itemKey = `${indexKind}#${mineId ?? '-'}#${ref}`;
      if (await notify(db, { ...reminder, eventKey: `reminder:${itemKey}:${date}:${stage.stage}` })) created++;
    }
  }
  const missing = await remindMissingReadings(db, today, mineOf);
  const resent = await resendQueued(db);
  return { date: today, due, created: created + missing.created, missingReadings: missing.mines, resent };
}

/**
 * Yesterday's missing daily reports: no electricity reading, or a monitoring feed (people underground, gas) that did
 * not report (./missing-data.ts says which, and why a feed is expected from every mine not closed). The mine is told,
 * once, of everything it missed; after three days in a row of any of them, its official and the leaders too. One
 * Query per jurisdiction, filtered; a review stored before the feeds has no `witnesses` and matches only by its reading.
 */
async function remindMissingReadings(db: Db, today: string, mineOf: (id: string) => Promise<MineItem | undefined>) {
  const yesterday = addDays(today, -1);
  let mines = 0;
  let created = 0;
  for (const path of await jurisdictionsWithMines(db)) {
    const missing = await queryAll<ReviewedDay & { mineId: string }>(db, {
      index: 'GSI1',
      partition: gsi1.reviewsOfProvince(path, yesterday),
      beginsWith: `${path}/#`,
      // No electricity reading: totalKwh is null (a monitoring feed may still have made the day an anomaly); or a feed
      // that did not report, on a mine not closed that day.
      filter: {
        expression: 'attribute_type(#t, :null) OR (#s <> :closed AND (#w.#p = :nd OR #w.#g = :nd))',
        names: { '#t': 'totalKwh', '#s': 'status', '#w': 'witnesses', '#p': 'personnel', '#g': 'gas' },
        values: { ':null': 'NULL', ':closed': 'closed', ':nd': 'no_data' },
      },
    });
    for (const review of missing) {
      const { mineId } = review;
      if (gapsOf(review).length === 0) continue;
      mines++;
      const recent = await queryAll<ReviewedDay>(db, {
        partition: pk.mine(mineId),
        between: [sk.review(addDays(today, -7)), sk.review(yesterday)],
      });
      const runs = runsOf(recent, yesterday);
      const mine = await mineOf(mineId);
      if (!mine || runs.size === 0) continue;
      const text = missingDataText(mine.name, yesterday, runs);
      const recipients: Recipient[] = [
        { type: 'mine', mineId },
        ...(text.escalate && mine.assignedOfficial
          ? [{ type: 'user' as const, userId: mine.assignedOfficial.userId, name: mine.assignedOfficial.name }]
          : []),
        ...(text.escalate ? [{ type: 'leaders' as const, jurisdiction: mine.jurisdiction }] : []),
      ];
      // One reminder per mine and day, whatever it names: the key is the one the missing readings always had.
      const item = await notify(db, {
        kind: 'reminder',
        eventKey: `reminder:MISSING#${mineId}:${yesterday}`,
        mineId,
        jurisdiction: mine.jurisdiction,
        severity: text.escalate ? 'critical' : 'warning',
        title: text.title,
        body: text.body,
        sms: text.sms,
        recipients,
        ref: { entityType: 'review', entityId: `${mineId}@${yesterday}` },
      });
      if (item) created++;
    }
  }
  return { mines, created };
}

/** Notifications recorded but never picked up by the dispatcher (its queue was unreachable): sent again. */
async function resendQueued(db: Db): Promise<number> {
  const cutoff = new Date(db.now().getTime() - 15 * 60_000).toISOString();
  const provinces = [...new Set((await jurisdictionsWithMines(db)).map((p) => p.split('/')[0]!))];
  let resent = 0;
  for (const province of provinces) {
    const stale = await queryAll<NotificationItem>(db, {
      index: 'GSI1',
      partition: gsi1.notificationsOfProvince(province),
      filter: {
        expression: '#s = :q AND createdAt < :cutoff',
        names: { '#s': 'status' },
        values: { ':q': 'queued', ':cutoff': cutoff },
      },
    });
    await enqueueNotifications(stale);
    resent += stale.length;
  }
  return resent;
}
