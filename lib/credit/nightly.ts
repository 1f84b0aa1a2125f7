import { minesByJurisdiction } from '#lib/jobs/mine-chunks.ts';
import type { QueueSender } from '#lib/queue/queue-spec.ts';
import { creditClassificationQueue } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import type { Db } from '#lib/store/db.ts';
import { creditBucket } from '#lib/store/keys.ts';
import { migrateCreditBuckets } from './credit-bucket-migration.ts';

/**
 * The nightly classification, fanned out like the electricity review: the scheduled function lists the mines of
 * every jurisdiction by index and sends them through the queue in chunks of one bucket of the credit index (GSI4), so
 * a worker reads a chunk's records in one query. A chunk delivered twice classifies the same mines to the same result
 * and records each tier change once.
 */
export const CREDIT_CHUNK_SIZE = 50;

export async function planCreditClassification(db: Db, sender: QueueSender, date: string, scope?: string) {
  // A table from before the bucketed copy of the credit index gets it first, or its records would not be read.
  await migrateCreditBuckets(db);
  const runId = db.newId('crun');
  const buckets = new Map<string, string[]>();
  let mines = 0;
  for await (const { mineIds } of minesByJurisdiction(db, scope))
    for (const mineId of mineIds) {
      const bucket = creditBucket(mineId);
      const inBucket = buckets.get(bucket);
      if (inBucket) inBucket.push(mineId);
      else buckets.set(bucket, [mineId]);
      mines++;
    }
  const messages = [...buckets]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([bucket, mineIds]) =>
      Array.from({ length: Math.ceil(mineIds.length / CREDIT_CHUNK_SIZE) }, (_, k) => ({
        bucket,
        mineIds: mineIds.slice(k * CREDIT_CHUNK_SIZE, (k + 1) * CREDIT_CHUNK_SIZE),
      })),
    )
    .map((body, chunk) => ({ id: `c${chunk}`, body: { runId, date, ...body } }));
  await sendMessages(creditClassificationQueue, messages, sender);
  return { runId, date, mines, buckets: buckets.size, chunks: messages.length };
}
