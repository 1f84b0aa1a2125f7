import { runReviewChunk } from '#lib/power/nightly-run.ts';
import { queueConsumer } from '#lib/queue/consumer.ts';
import { powerReviewQueue } from '#lib/queue/queues.ts';

/** Reviews one chunk of mines for a day; the last chunk of a jurisdiction writes its daily report. */
export const handler = queueConsumer(powerReviewQueue, ({ db, message }) => runReviewChunk(db, message));
