import { processImportChunk } from '#lib/power/imports/power-import.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';
import { powerImportQueue } from '#lib/queue/queues.ts';

/** Stores one chunk of a bulk power import; a redelivered chunk stores and counts nothing twice. */
export const handler = queueConsumer(powerImportQueue, ({ db, message }) => processImportChunk(db, message));
