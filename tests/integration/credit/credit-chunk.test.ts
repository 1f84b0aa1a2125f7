// A chunk of the nightly classification keeps the policies it read for the rest of its run (a bucket's mines span
// many jurisdictions), but not a failed read: the chunk fails, is delivered again, and reads the policy again.
import { ThrottlingException } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCreditChunk } from '#lib/credit/credit-chunk.ts';
import type { Db } from '#lib/store/db.ts';
import { creditBucket } from '#lib/store/keys.ts';
import { type CreditDb, creditDb, currentCreditItem } from './fixtures.ts';

const DAY = '2025-06-10';
const MINE = 'm-chunk-1';
let ctx: CreditDb;

beforeAll(async () => {
  ctx = await creditDb(DAY, [MINE]);
});

/** The Db with its first request that reads a jurisdiction's items (the policy in force) throttled. */
function policyReadThrottledOnce(db: Db): Db {
  let throttled = false;
  const send = (command: { input: unknown }) => {
    if (!throttled && JSON.stringify(command.input).includes('JUR#')) {
      throttled = true;
      return Promise.reject(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    }
    return db.doc.send(command as never);
  };
  return { ...db, doc: { send } as unknown as Db['doc'] };
}

describe('a chunk of the nightly run', () => {
  it('whose policy read was throttled fails, and classifies when delivered again in the same run', async () => {
    const db = policyReadThrottledOnce(ctx.db);
    const message = { runId: 'crun-throttled', date: DAY, bucket: creditBucket(MINE), mineIds: [MINE] };
    await expect(runCreditChunk(db, message)).rejects.toThrow(/Rate exceeded/);
    expect(await currentCreditItem(ctx.db, MINE)).toBeUndefined();

    await expect(runCreditChunk(db, message)).resolves.toMatchObject({ classified: 1 });
    expect(await currentCreditItem(ctx.db, MINE)).toMatchObject({ asOf: DAY, mineId: MINE });
  });
});
