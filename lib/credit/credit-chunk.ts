import type { CreditChunkMessage } from '#lib/queue/queues.ts';
import type { Db } from '#lib/store/db.ts';
import { creditRecordsOfBuckets } from './bucket-records.ts';
import { classifyMines } from './classify-mines.ts';
import { creditPolicyFor } from './credit-policy.ts';
import type { CreditPolicy } from './policy.ts';

/**
 * A chunk of the nightly classification (mines of one bucket, ./nightly.ts): their records in one query on the
 * credit index's copy by bucket (GSI4), which only this worker reads. A bucket's mines belong to many jurisdictions,
 * so the policies in force are kept for the run while this worker handles its chunks: each jurisdiction's is read
 * once a run and worker, not once a chunk. A new run (a new night, a re-run after a policy change) reads them again.
 */
let runPolicies: { runId: string; tableName: string; read: Map<string, Promise<CreditPolicy>> } | undefined;

function policiesOfRun(db: Db, runId: string) {
  if (runPolicies?.runId !== runId || runPolicies.tableName !== db.tableName)
    runPolicies = { runId, tableName: db.tableName, read: new Map() };
  const { read } = runPolicies;
  return (jurisdiction: string): Promise<CreditPolicy> => {
    let policy = read.get(jurisdiction);
    if (!policy) {
      policy = creditPolicyFor(db, jurisdiction);
      read.set(jurisdiction, policy);
      // A read that failed (throttled) fails its chunk, which is delivered again: read again then, not the failure.
      policy.catch(() => read.delete(jurisdiction));
    }
    return policy;
  };
}

export const runCreditChunk = (db: Db, message: CreditChunkMessage) =>
  classifyMines(db, message.date, message.mineIds, {
    recordsOf: creditRecordsOfBuckets,
    policyOf: policiesOfRun(db, message.runId),
  });
