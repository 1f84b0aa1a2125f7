import { mineChunks } from '#lib/jobs/mine-chunks.ts';
import type { QueueSender } from '#lib/queue/queue-spec.ts';
import { type CreditChunkMessage, creditClassificationQueue } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import type { Db } from '#lib/store/db.ts';
import { classifyMines } from './classify-mines.ts';

/**
 * The nightly classification, fanned out like the electricity review: the scheduled function lists the mines of
 * every jurisdiction by index and sends chunks through the queue; a worker classifies a chunk. A chunk delivered
 * twice classifies the same mines to the same result and records each tier change once.
 */
export const CREDIT_CHUNK_SIZE = 25;

export async function planCreditClassification(db: Db, sender: QueueSender, date: string, scope?: string) {
  const runId = db.newId('crun');
  const planned: { path: string; mines: number; chunks: number }[] = [];
  for await (const { path, mines, chunks } of mineChunks(db, CREDIT_CHUNK_SIZE, scope)) {
    const messages = chunks.map((mineIds, chunk) => ({
      id: `c${chunk}`,
      body: { runId, date, jurisdiction: path, mineIds },
    }));
    await sendMessages(creditClassificationQueue, messages, sender);
    planned.push({ path, mines, chunks: chunks.length });
  }
  return { runId, date, jurisdictions: planned };
}

export const runCreditChunk = (db: Db, message: CreditChunkMessage) => classifyMines(db, message.date, message.mineIds);
