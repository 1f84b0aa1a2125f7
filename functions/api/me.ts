import { apiHandler } from '#lib/http/api-handler.ts';
import { getContact, putContact } from '#lib/notifications/contacts.ts';
import { markRead, myNotifications } from '#lib/notifications/inbox.ts';
import { meRoutes } from './me.routes.ts';

/** The caller's contact, channel preferences and in-app inbox. */
export const handler = apiHandler(meRoutes, {
  getMyContact: async ({ store }) => ({ body: await getContact(store) }),
  putMyContact: async ({ store, body }) => ({ body: await putContact(store, body) }),
  listMyNotifications: async ({ store, query }) => ({ body: await myNotifications(store, query) }),
  markMyNotificationRead: async ({ store, params }) => ({ body: await markRead(store, params.notificationId) }),
});
