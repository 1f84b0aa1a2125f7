import type { QueueSpec } from '../../lib/queue/queue-spec.ts';

/** Every queue of the product. Later capabilities add theirs here (bulk power ingest, notifications, …). */
export const QUEUES: readonly QueueSpec[] = [];
