import { dispatchNotification } from '#lib/notifications/dispatch.ts';
import type { DispatchMessage } from '#lib/notifications/notification.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';

/** Delivers each notification in-app, by email and by SMS; a failed delivery fails its message, which is retried. */
export const handler = queueConsumer<DispatchMessage>(
  'notifications',
  ({ db, message }) => dispatchNotification(db, message),
  { concurrency: 5 },
);
