import { type CreditChunkMessage, runCreditChunk } from '#lib/credit/nightly.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';

/** Classifies chunks of mines as of a day, the chunks of a batch at once (they are independent mines). */
export const handler = queueConsumer<CreditChunkMessage>(
  'credit-classification',
  ({ db, message }) => runCreditChunk(db, message),
  { concurrency: 4 },
);
