import type { QueueSpec } from '#lib/queue/queue-spec.ts';

/** Every queue of the product. */
export const QUEUES: readonly QueueSpec[] = [
  // Chunks of 25 mines; a batch of 4 chunks keeps one invocation well inside its timeout.
  { name: 'power-review', module: 'power-review', batchSize: 4, maxReceiveCount: 5, visibilityTimeoutSeconds: 360 },
  // Chunks of up to 1,000 rows of a bulk import, one at a time per invocation.
  // Chunks of 25 mines, one query each on the credit index.
  {
    name: 'credit-classification',
    module: 'credit-classification',
    batchSize: 4,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 300,
  },
  // One message per notification: the dispatcher delivers it in-app, by email and by SMS to each recipient.
  {
    name: 'notifications',
    module: 'notification-dispatch',
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    sends: ['email', 'sms'],
  },
  { name: 'power-import', module: 'power-import', batchSize: 1, maxReceiveCount: 5, visibilityTimeoutSeconds: 360 },
];
