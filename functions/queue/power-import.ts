import { type ImportChunkMessage, processImportChunk } from '#lib/power/imports/power-import.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';

/** Stores one chunk of a bulk power import; a redelivered chunk stores and counts nothing twice. */
export const handler = queueConsumer<ImportChunkMessage>('power-import', ({ db, message }) =>
  processImportChunk(db, message),
);
