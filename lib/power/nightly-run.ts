import { mineChunks } from '#lib/jobs/mine-chunks.ts';
import type { QueueSender } from '#lib/queue/queue-spec.ts';
import { powerReviewQueue, type ReviewChunkMessage } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import type { Db } from '#lib/store/db.ts';
import { isConditionFailure, putItem, updateItem } from '#lib/store/item.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { buildPowerReport } from './power-report.ts';
import { reviewMines } from './review-mines.ts';

/**
 * The nightly review, fanned out: the scheduled function lists the jurisdictions and their mines by index and
 * sends chunks of mine ids through the queue; workers review a chunk each. Each jurisdiction's run item counts the
 * chunks done (a set, so a redelivered chunk counts once), and the worker that completes it writes the daily report.
 */
export const CHUNK_SIZE = 25;

export interface PlannedRun {
  readonly runId: string;
  readonly date: string;
  readonly jurisdictions: { path: string; mines: number; chunks: number }[];
}

export async function planPowerReview(db: Db, sender: QueueSender, date: string, scope?: string): Promise<PlannedRun> {
  const runId = db.newId('run');
  const planned: PlannedRun['jurisdictions'] = [];
  for await (const { path, mines, chunks } of mineChunks(db, CHUNK_SIZE, scope)) {
    // The run item first: a fast worker must find it to count its chunk.
    await putItem(db, {
      PK: pk.jurisdiction(path),
      SK: sk.powerRun(date),
      entity: 'powerRun',
      runId,
      date,
      jurisdiction: path,
      chunks: chunks.length,
      mines,
      startedAt: db.now().toISOString(),
    });
    const messages = chunks.map((mineIds, chunk) => ({
      id: `c${chunk}`,
      body: { runId, date, jurisdiction: path, chunk, chunks: chunks.length, mineIds },
    }));
    await sendMessages(powerReviewQueue, messages, sender);
    planned.push({ path, mines, chunks: chunks.length });
  }
  return { runId, date, jurisdictions: planned };
}

/** A worker's share: review the chunk, count it done, and write the report when it was the last one. */
export async function runReviewChunk(db: Db, message: ReviewChunkMessage) {
  const result = await reviewMines(db, message.date, message.mineIds);
  let completed = false;
  try {
    const after = await updateItem(
      db,
      { PK: pk.jurisdiction(message.jurisdiction), SK: sk.powerRun(message.date) },
      'ADD #done :chunk',
      {
        condition: 'runId = :run',
        names: { '#done': 'done' },
        values: { ':chunk': new Set([`${message.chunk}`]), ':run': message.runId },
        returnNew: true,
      },
    );
    const done = (after?.done as Set<string> | undefined)?.size ?? 0;
    completed = done >= message.chunks;
  } catch (error) {
    // A newer run of the same date took over; its own last chunk writes the report.
    if (!isConditionFailure(error)) throw error;
  }
  if (completed) await buildPowerReport(db, message.jurisdiction, message.date);
  return { ...result, reportWritten: completed };
}
