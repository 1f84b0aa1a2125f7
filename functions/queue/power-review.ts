import { queueConsumer } from '../../lib/queue/consumer.ts';
import { runReviewChunk, type ReviewChunkMessage } from '../../lib/power/nightly-run.ts';

/** Reviews one chunk of mines for a day; the last chunk of a jurisdiction writes its daily report. */
export const handler = queueConsumer<ReviewChunkMessage>('power-review', ({ db, message }) =>
  runReviewChunk(db, message),
);
