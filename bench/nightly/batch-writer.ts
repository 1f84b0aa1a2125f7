/**
 * Fast seeding for the nightly-job bench: pulls items from a generator 25 at a time and writes them with
 * BatchWriteItem from several workers in parallel (unprocessed items retried), so 5,000 mines with a month of
 * readings go in within a minute or two instead of the hours one audited transaction per mine-day would take.
 * Only the batches in flight are in memory.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '#lib/store/db.ts';
import type { Item } from './synthetic-mines.ts';

const MAX_WRITE = 25;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));

export async function writeAll(
  db: Db,
  items: Iterator<Item>,
  options: { concurrency?: number; onProgress?: (written: number) => void } = {},
): Promise<number> {
  let written = 0;
  let exhausted = false;
  // The generator is synchronous and JavaScript runs one worker at a time, so workers can share it safely.
  const nextBatch = (): Item[] => {
    const batch: Item[] = [];
    while (!exhausted && batch.length < MAX_WRITE) {
      const next = items.next();
      if (next.done) exhausted = true;
      else batch.push(next.value);
    }
    return batch;
  };
  const worker = async (): Promise<void> => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await pause(attempt);
        const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
        pending = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
        if (attempt > 8 && pending.length) throw new Error(`BatchWrite left ${pending.length} items unprocessed`);
      }
      written += batch.length;
      options.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return written;
}
