import { dispatchNotification } from '#lib/notifications/dispatch.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';

/** Delivers each notification in-app, by email and by SMS; a failed delivery fails its message, which is retried. */
export const handler = queueConsumer(notificationsQueue, ({ db, message }) => dispatchNotification(db, message), {
  concurrency: 5,
});
