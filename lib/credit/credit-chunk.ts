import type { CreditChunkMessage } from '#lib/queue/queues.ts';
import type { Db } from '#lib/store/db.ts';
import { creditRecordsOfBuckets } from './bucket-records.ts';
import { classifyMines } from './classify-mines.ts';
import { creditPolicyCache } from './credit-policy.ts';

/**
 * A chunk of the nightly classification (mines of one bucket, ./nightly.ts): their records in one query on the
 * credit index's copy by bucket (GSI4), which only this worker reads. A bucket's mines belong to many jurisdictions,
 * so the policies in force are kept for the run while this worker handles its chunks: each jurisdiction's is read
 * once a run and worker, not once a chunk. A new run (a new night, a re-run after a policy change) reads them again;
 * a failed read is not kept, so the chunk delivered again reads it again.
 */
let runPolicies: { runId: string; tableName: string; of: ReturnType<typeof creditPolicyCache> } | undefined;

function policiesOfRun(db: Db, runId: string) {
  if (runPolicies?.runId !== runId || runPolicies.tableName !== db.tableName)
    runPolicies = { runId, tableName: db.tableName, of: creditPolicyCache(db) };
  return runPolicies.of;
}

export const runCreditChunk = (db: Db, message: CreditChunkMessage) =>
  classifyMines(db, message.date, message.mineIds, {
    recordsOf: creditRecordsOfBuckets,
    policyOf: policiesOfRun(db, message.runId),
  });
