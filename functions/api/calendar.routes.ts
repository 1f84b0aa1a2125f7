import * as z from 'zod/mini';
import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { LOOK_AHEAD_DAYS, REMINDER_KINDS } from '#lib/reminders/schedule.ts';
import { businessDateSchema, idSchema, listOf, text } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';

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

const rule = z.strictObject({
  // The scan reads four months ahead (LOOK_AHEAD_DAYS), so no lead time is longer.
  leadDays: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(LOOK_AHEAD_DAYS))).check(z.maxLength(10)),
  onTheDay: z.boolean(),
  dailyOverdue: z.boolean(),
  escalateAfterDays: z.number().check(z.int(), z.minimum(0), z.maximum(90)),
});
const reminderPolicySchema = z.object({
  definedAt: z.nullable(z.string()),
  version: z.number(),
  rules: z.record(z.enum(REMINDER_KINDS), rule),
});

export const calendarRoutes = [
  defineRoute({
    operationId: 'getReminderPolicy',
    method: 'GET',
    path: '/v1/policies/reminders',
    roles: ANY_BUREAU,
    tag: 'policies',
    summary: '提醒提前量与升级规则 (reminder rules in force for your jurisdiction)',
    response: reminderPolicySchema,
  }),
  defineRoute({
    operationId: 'putReminderPolicy',
    method: 'PUT',
    path: '/v1/policies/reminders',
    roles: ADMIN_ONLY,
    tag: 'policies',
    summary: '设定提醒提前量与升级规则 (a new version; kinds given replace theirs)',
    body: z.strictObject({
      version: z.number().check(z.int(), z.minimum(0)),
      rules: z.partialRecord(z.enum(REMINDER_KINDS), rule),
      reason: text(500),
    }),
    response: reminderPolicySchema,
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
] as const;
