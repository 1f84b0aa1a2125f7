import { queueConsumer } from '#lib/queue/consumer.ts';
import { mineMoveQueue } from '#lib/queue/queues.ts';
import { handleMineMove } from '#lib/registry/mine-move.ts';

/** Rewrites a moved mine's records to its current jurisdiction; a redelivered message rewrites nothing twice. */
export const handler = queueConsumer(mineMoveQueue, ({ db, message }) => handleMineMove(db, message));
