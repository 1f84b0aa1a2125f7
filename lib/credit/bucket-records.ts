import { creditBucket, gsi4 } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { type CreditRecordsReader, creditWindowStart } from './credit-store.ts';
import { CREDIT_RECORD_ATTRIBUTES, type CreditRecord, fromStoredItem } from './records.ts';

/**
 * The records of several mines that may count on `asOf`, by mine: one query per bucket of mines on GSI4 (the
 * nightly job's copy of the credit index), from the earliest window start among the bucket's mines. Each mine gets
 * the records of its own mine and window, exactly what `creditRecordsOf` reads for it.
 */
export const creditRecordsOfBuckets: CreditRecordsReader = async (db, asOf, mines) => {
  const byMine = new Map(
    mines.map((m) => [m.mineId, { from: creditWindowStart(asOf, m.window), records: [] as CreditRecord[] }]),
  );
  // Each bucket's earliest window start: dates compare as strings.
  const buckets = new Map<string, string>();
  for (const [mineId, { from }] of byMine) {
    const bucket = creditBucket(mineId);
    const earliest = buckets.get(bucket);
    if (earliest === undefined || from < earliest) buckets.set(bucket, from);
  }
  await Promise.all(
    [...buckets].map(async ([bucket, from]) => {
      const items = await queryAll<Record<string, unknown> & { GSI4SK: string }>(db, {
        index: 'GSI4',
        partition: gsi4.creditBucket(bucket),
        between: [from, '~'],
        attributes: [...CREDIT_RECORD_ATTRIBUTES, 'GSI4SK'],
      });
      for (const item of items) {
        const mine = byMine.get(gsi4.mineOf(item.GSI4SK));
        // Another mine of the bucket, or older than this mine's window (a bucket reads from its longest window).
        if (!mine || item.GSI4SK < mine.from) continue;
        const record = fromStoredItem(item);
        if (record) mine.records.push(record);
      }
    }),
  );
  return new Map([...byMine].map(([mineId, { records }]) => [mineId, records]));
};
