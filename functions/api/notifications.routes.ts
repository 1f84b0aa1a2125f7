import * as z from 'zod/mini';
import { ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '#lib/notifications/notification.ts';
import { describe, idSchema, jurisdictionSchema, pageOf, pageQuery } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const recipientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mine'), mineId: z.string() }),
  z.object({ type: z.literal('user'), userId: z.string(), name: z.optional(z.string()) }),
  z.object({ type: z.literal('leaders'), jurisdiction: z.string() }),
  z.object({ type: z.literal('partner'), code: z.string(), name: z.string(), email: z.optional(z.string()) }),
]);
const notificationSchema = z.object({
  notificationId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  eventKey: describe(z.string(), { description: 'What makes it the same event twice; the id derives from it.' }),
  mineId: z.optional(z.string()),
  jurisdiction: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  body: z.string(),
  recipients: z.array(recipientSchema),
  ref: z.object({ entityType: z.string(), entityId: z.string() }),
  sms: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  createdAt: z.string(),
  dispatchedAt: z.optional(z.string()),
  deliveries: describe(
    z.optional(
      z.record(
        z.string(),
        z.object({
          channel: z.enum(['in_app', 'email', 'sms']),
          addressee: z.string(),
          toMasked: z.optional(z.string()),
          status: z.enum(['sent', 'held', 'failed']),
          attempts: z.number(),
          sentAt: z.optional(z.string()),
          holdUntil: z.optional(z.string()),
          lastError: z.optional(z.string()),
          updatedAt: z.string(),
        }),
      ),
    ),
    {
      description: 'The delivery log: one entry per recipient and channel (in_app, email, sms), addresses masked.',
    },
  ),
});
const listQuery = z.extend(pageQuery, {
  status: z.optional(z.enum(NOTIFICATION_STATUSES)),
  mineId: z.optional(idSchema),
  jurisdiction: z.optional(jurisdictionSchema),
});

export const notificationRoutes = [
  defineRoute({
    operationId: 'listNotifications',
    method: 'GET',
    path: '/v1/notifications',
    roles: ANY_BUREAU,
    tag: 'notifications',
    summary: '辖区通知记录 (notifications of your jurisdiction; filter status, mineId)',
    query: listQuery,
    response: pageOf(notificationSchema),
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const notificationsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
