import { queueConsumer } from '../../lib/queue/consumer.ts';
import { processImportChunk, type ImportChunkMessage } from '../../lib/power/imports/power-import.ts';

/** Stores one chunk of a bulk power import; a redelivered chunk stores and counts nothing twice. */
export const handler = queueConsumer<ImportChunkMessage>('power-import', ({ db, message }) =>
  processImportChunk(db, message),
);
