import { apiHandler } from '#lib/http/api-handler.ts';
import { listNotifications } from '#lib/notifications/notification-queries.ts';
import { notificationRoutes } from './notifications.routes.ts';

/** What the product has told people, and whether it went out. */
export const handler = apiHandler(notificationRoutes, {
  listNotifications: async ({ store, query }) => ({ body: await listNotifications(store, query) }),
});
