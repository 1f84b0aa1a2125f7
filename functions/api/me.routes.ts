import * as z from 'zod/mini';
import { MINE_READERS } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { NOTIFICATION_KINDS } from '#lib/notifications/notification.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { describe, mobileSchema, pageQuery, text } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'me';
const channelsSchema = z.strictObject({ email: z.boolean(), sms: z.boolean() });
const contactSchema = z.object({
  sub: z.string(),
  role: z.string(),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  mobile: z.optional(z.string()),
  channels: channelsSchema,
  jurisdiction: describe(z.optional(z.string()), { description: 'A bureau user’s, once saved.' }),
  mineId: describe(z.optional(z.string()), { description: 'A mine user’s, once saved.' }),
  version: z.number(),
  updatedAt: describe(z.optional(z.string()), { description: 'Absent before the first save.' }),
});
const contactBody = z
  .strictObject({
    version: describe(z.number().check(z.int(), z.minimum(0)), {
      description: 'The version you read (0 before the first save).',
    }),
    name: z.optional(text(50)),
    email: z.optional(z.email().check(z.maxLength(254))),
    mobile: z.optional(mobileSchema),
    channels: describe(channelsSchema, { description: 'In-app is always on; email and SMS need their address.' }),
  })
  .check(
    z.refine((b) => !b.channels.email || b.email !== undefined, { message: '选择邮件提醒须填写邮箱', path: ['email'] }),
    z.refine((b) => !b.channels.sms || b.mobile !== undefined, {
      message: '选择短信提醒须填写手机号码',
      path: ['mobile'],
    }),
  );
const inboxItem = z.object({
  notificationId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  body: z.string(),
  ref: z.object({ entityType: z.string(), entityId: z.string() }),
  mineId: z.optional(z.string()),
  inbox: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
const inboxQuery = z.extend(pageQuery, {
  unread: z.optional(z.enum(['true', 'false'])),
  // 0 answers the unread count alone (the menu's badge): no item is read whole.
  limit: z.optional(
    describe(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(200)), {
      description: 'Items per page (default 50); 0 for the unread count alone.',
    }),
  ),
});

/** The caller's own contact, preferences and in-app inbox. Everyone signed in but the partner departments. */
export const meRoutes = [
  defineRoute({
    operationId: 'getMyContact',
    method: 'GET',
    path: '/v1/me/contact',
    roles: MINE_READERS,
    tag,
    summary: '我的联系方式与提醒渠道 (your contact and channels)',
    response: contactSchema,
  }),
  defineRoute({
    operationId: 'putMyContact',
    method: 'PUT',
    path: '/v1/me/contact',
    roles: MINE_READERS,
    tag,
    summary: '设置联系方式与提醒渠道 (email, mobile, channels; with version)',
    body: contactBody,
    response: contactSchema,
  }),
  defineRoute({
    operationId: 'listMyNotifications',
    method: 'GET',
    path: '/v1/me/notifications',
    roles: MINE_READERS,
    tag,
    summary: '站内通知 (yours, your mine’s, your jurisdiction leaders’; newest first; unread=true)',
    query: inboxQuery,
    response: z.object({ items: z.array(inboxItem), unread: z.number(), nextCursor: z.nullable(z.string()) }),
  }),
  defineRoute({
    operationId: 'markMyNotificationRead',
    method: 'POST',
    path: '/v1/me/notifications/{notificationId}/read',
    roles: MINE_READERS,
    tag,
    summary: '标为已读 (mark read)',
    params: z.object({ notificationId: z.string().check(z.regex(/^ntf-[0-9a-f]{24}$/, '通知编号格式不正确')) }),
    response: inboxItem,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const meNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] },
  sendsTo: [notificationsQueue.name],
};
