import { ConflictError, ValidationError } from '#lib/errors.ts';
import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import { gsi2, pk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';

/**
 * The bureau's calendar (工作日程): deadlines of its own (a report due to the city, a special campaign's end), each
 * on the due-date index so the reminder scan reminds the jurisdiction's leaders, and the mine named with it.
 *
 * | access pattern                    | table / index | key condition                                       |
 * |-----------------------------------|---------------|-----------------------------------------------------|
 * | calendar of a jurisdiction        | table         | PK = JUR#<path>, begins_with(SK, CALENDAR#)          |
 * | calendar entries due on a date    | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <dueOn>#CALENDAR#…     |
 */
export interface CalendarEntry {
  readonly calendarId: string;
  readonly jurisdiction: string;
  readonly title: string;
  readonly dueOn: string;
  readonly description?: string;
  readonly mineId?: string;
  readonly createdBy: Actor;
  readonly createdAt: string;
}

export const CALENDAR_DUE_KIND = 'CALENDAR';

/** A calendar entry's deadline, reminded to the jurisdiction's leaders and the mine named with it. */
export const calendarDeadline = remindedKind({
  indexKind: CALENDAR_DUE_KIND,
  reads: ['calendarId', 'description', 'title'],
  rules: { calendar: { leadDays: [7, 1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: () => 'calendar',
  reminder: (i, { due, stage: s, leaders, theMine }) => ({
    title: `工作日程：${String(i.title)}`,
    body: `${String(i.title)}${dueWhen(s, due)}。${String(i.description ?? '')}`,
    recipients: [...leaders, ...theMine],
    ref: { entityType: 'calendar', entityId: String(i.calendarId) },
  }),
});

export async function addCalendarEntry(
  store: TenantStore,
  input: { title: string; dueOn: string; description?: string | undefined; mineId?: string | undefined },
): Promise<CalendarEntry> {
  const jurisdiction = store.bureauScope();
  if (input.mineId) await store.mine(input.mineId);
  const db = store.shared;
  if (input.dueOn < todayInShanghai(db.now()))
    throw new ValidationError('日程期限不能早于今天', [{ field: 'body.dueOn', message: 'must not be in the past' }]);
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const entry: CalendarEntry = {
    calendarId: db.newId('cal'),
    jurisdiction,
    title: input.title,
    dueOn: input.dueOn,
    ...(input.description ? { description: input.description } : {}),
    ...(input.mineId ? { mineId: input.mineId } : {}),
    createdBy: actor,
    createdAt: at,
  };
  await transact(db, [
    putNew(
      db,
      {
        PK: pk.jurisdiction(jurisdiction),
        SK: `CALENDAR#${entry.calendarId}`,
        entity: 'calendar',
        GSI2PK: gsi2.due(jurisdiction),
        GSI2SK: gsi2.dueItem(entry.dueOn, CALENDAR_DUE_KIND, entry.mineId ?? '-', entry.calendarId),
        ...entry,
      },
      new ConflictError('日程已存在'),
    ),
    auditWrite(
      db,
      actor,
      {
        jurisdiction,
        action: 'calendar.created',
        entityType: 'calendar',
        entityId: entry.calendarId,
        before: null,
        after: { title: entry.title, dueOn: entry.dueOn },
      },
      at,
    ),
  ]);
  return entry;
}

/** The caller's jurisdiction's calendar, by due date. */
export async function listCalendar(store: TenantStore, query: { from?: string | undefined }) {
  const jurisdiction = store.bureauScope();
  const items = (
    await queryAll<Record<string, unknown>>(store.shared, {
      partition: pk.jurisdiction(jurisdiction),
      beginsWith: 'CALENDAR#',
    })
  ).map((i) => stripKeys(i) as unknown as CalendarEntry);
  return {
    items: items
      .filter((e) => !query.from || e.dueOn >= query.from)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.calendarId.localeCompare(b.calendarId)),
  };
}
