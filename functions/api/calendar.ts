import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { addCalendarEntry, listCalendar } from '#lib/reminders/calendar.ts';
import { listDeadlines } from '#lib/reminders/deadlines.ts';
import { reminderPolicy } from '#lib/reminders/reminder-policy.ts';
import { calendarRoutes } from './calendar.routes.ts';

/** The bureau's own deadlines, reminded like every other dated item, and the reminder rules. */
export const handler = apiHandler(calendarRoutes, {
  addCalendarEntry: async ({ store, body }) => ({ status: 201, body: await addCalendarEntry(store, body) }),
  listCalendar: async ({ store, query }) => ({ body: await listCalendar(store, query) }),
  listDeadlines: async ({ store, query }) => ({ body: await listDeadlines(store, query) }),
  ...policyOperations(reminderPolicy, 'Reminder'),
});
