import * as z from 'zod/mini';
import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { reminderPolicy } from '#lib/reminders/reminder-policy.ts';
import { businessDateSchema, idSchema, listOf, text } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'reminders';
const entrySchema = z.object({
  calendarId: z.string(),
  jurisdiction: z.string(),
  title: z.string(),
  dueOn: z.string(),
  description: z.optional(z.string()),
  mineId: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: actorSchema,
});

export const calendarRoutes = [
  ...policyRoutes(reminderPolicy, {
    id: 'Reminder',
    tag: 'policies',
    summary: '提醒提前量与升级规则 (reminder rules in force for your jurisdiction)',
    putSummary: '设定提醒提前量与升级规则 (a new version; settings not given keep their values in force)',
  }),
  defineRoute({
    operationId: 'addCalendarEntry',
    method: 'POST',
    path: '/v1/calendar',
    roles: ADMIN_ONLY,
    tag,
    summary: '新增工作日程 (a bureau deadline; the leaders are reminded)',
    body: z.strictObject({
      title: text(100),
      dueOn: businessDateSchema,
      description: z.optional(text(1000)),
      mineId: z.optional(idSchema),
    }),
    status: 201,
    response: entrySchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listCalendar',
    method: 'GET',
    path: '/v1/calendar',
    roles: ANY_BUREAU,
    tag,
    summary: '工作日程 (your jurisdiction’s, by due date; from=YYYY-MM-DD)',
    query: z.strictObject({ from: z.optional(businessDateSchema) }),
    response: listOf(entrySchema),
  }),
  defineRoute({
    operationId: 'listDeadlines',
    method: 'GET',
    path: '/v1/deadlines',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区到期事项 (what is due in your jurisdiction over [from, to], at most 366 days; one read per district)',
    query: z.strictObject({ from: businessDateSchema, to: businessDateSchema }),
    response: listOf(
      z.object({
        date: z.string(),
        kind: z.string(),
        jurisdiction: z.string(),
        mineId: z.optional(z.string()),
        ref: z.string(),
        title: z.string(),
        mineName: z.optional(z.string()),
        record: z.optional(z.object({ entityType: z.string(), entityId: z.string() })),
      }),
    ),
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const calendarNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] },
  sendsTo: [notificationsQueue.name],
};
