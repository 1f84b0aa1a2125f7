import { runCreditChunk } from '#lib/credit/credit-chunk.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';
import { creditClassificationQueue } from '#lib/queue/queues.ts';

/** Classifies chunks of mines as of a day, the chunks of a batch at once (they are independent mines). */
export const handler = queueConsumer(creditClassificationQueue, ({ db, message }) => runCreditChunk(db, message), {
  concurrency: 4,
});
