// The nightly classification reads a bucket of mines' credit records in one query on GSI4 (the credit index's copy
// by bucket), and a table written before that copy existed gets it before the first run reads it.
import { beforeAll, describe, expect, it } from 'vitest';
import { creditRecordsOfBuckets } from '#lib/credit/bucket-records.ts';
import { CREDIT_BUCKETS_MIGRATED, migrateCreditBuckets } from '#lib/credit/credit-bucket-migration.ts';
import { creditRecordsOfEach } from '#lib/credit/credit-store.ts';
import { CREDIT_CHUNK_SIZE, planCreditClassification } from '#lib/credit/nightly.ts';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import type { CreditRecord } from '#lib/credit/records.ts';
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';
import { batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { deleteItem } from '#lib/store/item.ts';
import { creditBucket, creditIndex, gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { requestsDuring } from '../../support/request-count.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const ASOF = '2026-11-28';
const DS = 'hlj/hegang/dongshan';
const XS = 'hlj/hegang/xingshan';

/** Mine ids: two in one bucket (`a`, `b`), one in another (`c`). */
function mineIds() {
  const a = 'm-bucket-a';
  let n = 0;
  const next = (same: boolean) => {
    for (; ; n++) if ((creditBucket(`m-bucket-${n}`) === creditBucket(a)) === same) return `m-bucket-${n++}`;
  };
  return { a, b: next(true), c: next(false) };
}
const { a, b, c } = mineIds();

const profile = (mineId: string, jurisdiction: string) => ({
  PK: pk.mine(mineId),
  SK: sk.profile,
  GSI1PK: gsi1.minesOfProvince(jurisdiction),
  GSI1SK: gsi1.mineInJurisdiction(jurisdiction, mineId),
  entity: 'mine',
  mineId,
  name: `${mineId} 测试煤矿`,
  jurisdiction,
});

/** A violation as the dated-records writer files it (both credit indexes), or as a version before GSI4 did. */
const violation = (mineId: string, date: string, id: string, withBuckets = true) => {
  const { GSI4PK, GSI4SK, ...gsi3Only } = creditIndex(mineId, date, 'VIOLATION', id);
  return {
    PK: pk.mine(mineId),
    SK: `VIOLATION#${id}`,
    entity: 'violation',
    mineId,
    violationId: id,
    date,
    category: 'over_capacity',
    ...(withBuckets ? { GSI4PK, GSI4SK, ...gsi3Only } : gsi3Only),
  };
};

/** Each mine: one record out of every window, one only in a 36-month window, one in every window. */
const recordsOf = (mineId: string, withBuckets = true) => [
  violation(mineId, '2022-01-10', `${mineId}-v-old`, withBuckets),
  violation(mineId, '2024-06-01', `${mineId}-v-mid`, withBuckets),
  violation(mineId, '2026-10-01', `${mineId}-v-new`, withBuckets),
];

const byId = (records: readonly CreditRecord[] = []) => [...records].sort((x, y) => x.id.localeCompare(y.id));
const SHORT_WINDOW = { windowMonths: 12, seriousWindowMonths: 12 };
const LONG_WINDOW = { windowMonths: 36, seriousWindowMonths: 36 };

let db: Db;
beforeAll(async () => {
  db = await testDb({ now: testClock(`${ASOF}T20:00:00.000Z`).now });
  await batchPut(db, [
    { PK: pk.jurisdictions, SK: DS, entity: 'jurisdiction', path: DS },
    { PK: pk.jurisdictions, SK: XS, entity: 'jurisdiction', path: XS },
    profile(a, DS),
    profile(b, XS),
    profile(c, DS),
    ...recordsOf(a),
    ...recordsOf(b),
    ...recordsOf(c),
  ]);
});

describe('the credit records of a bucket of mines', () => {
  const mines = [
    { mineId: a, window: SHORT_WINDOW },
    { mineId: b, window: LONG_WINDOW },
    { mineId: c, window: DEFAULT_CREDIT_THRESHOLDS },
  ];

  it('are, for each mine, exactly what its own query on GSI3 reads, each within its own window', async () => {
    const bucketed = await creditRecordsOfBuckets(db, ASOF, mines);
    const each = await creditRecordsOfEach(db, ASOF, mines);
    for (const { mineId } of mines) expect(byId(bucketed.get(mineId)), mineId).toEqual(byId(each.get(mineId)));
    // The longer window of b reaches its 2024 record; a's window in the same bucket's query does not take it.
    expect(byId(bucketed.get(b)).map((r) => r.id)).toEqual([`${b}-v-mid`, `${b}-v-new`]);
    expect(byId(bucketed.get(a)).map((r) => r.id)).toEqual([`${a}-v-new`]);
  });

  it('cost one query per bucket, not one per mine', async () => {
    const counts = await requestsDuring(db.doc, () => creditRecordsOfBuckets(db, ASOF, mines));
    expect(counts).toEqual({ Query: 2 });
  });
});

describe('the nightly plan', () => {
  it('sends every mine once, in chunks of one bucket each', async () => {
    const sent: OutgoingMessage[] = [];
    const plan = await planCreditClassification(db, { send: async (_q, m) => void sent.push(...m) }, ASOF);
    expect(plan).toMatchObject({ mines: 3, buckets: 2, chunks: 2 });
    const bodies = sent.map((m) => JSON.parse(m.body) as { bucket: string; mineIds: string[] });
    expect(bodies.flatMap((m) => m.mineIds).sort()).toEqual([a, b, c].sort());
    for (const body of bodies) for (const mineId of body.mineIds) expect(creditBucket(mineId)).toBe(body.bucket);
  });

  it('cuts a bucket of more mines than a chunk takes into chunks of at most CREDIT_CHUNK_SIZE', async () => {
    const crowded = await testDb({ now: testClock(`${ASOF}T20:00:00.000Z`).now });
    const ids: string[] = [];
    for (let n = 0; ids.length <= CREDIT_CHUNK_SIZE; n++)
      if (creditBucket(`m-crowd-${n}`) === creditBucket(a)) ids.push(`m-crowd-${n}`);
    await batchPut(crowded, [
      { PK: pk.jurisdictions, SK: DS, entity: 'jurisdiction', path: DS },
      ...ids.map((id) => profile(id, DS)),
    ]);
    const sent: OutgoingMessage[] = [];
    const plan = await planCreditClassification(crowded, { send: async (_q, m) => void sent.push(...m) }, ASOF);
    expect(plan).toMatchObject({ mines: CREDIT_CHUNK_SIZE + 1, buckets: 1, chunks: 2 });
    const sizes = sent.map((m) => (JSON.parse(m.body) as { mineIds: string[] }).mineIds.length);
    expect(sizes).toEqual([CREDIT_CHUNK_SIZE, 1]);
    expect(new Set(sent.map((m) => m.id)).size).toBe(2);
  });
});

describe('a table from before the copy by bucket', () => {
  it('gets it on the first run: the records written then are read by bucket, once moved', async () => {
    const old = await testDb({ now: testClock(`${ASOF}T20:00:00.000Z`).now });
    await deleteItem(old, CREDIT_BUCKETS_MIGRATED);
    await batchPut(old, [
      { PK: pk.jurisdictions, SK: DS, entity: 'jurisdiction', path: DS },
      profile(a, DS),
      profile(c, DS),
      ...recordsOf(a, false),
      // One of c's already written by this version: left as it is.
      ...recordsOf(c, false).slice(0, 2),
      violation(c, '2026-10-01', `${c}-v-new`),
    ]);
    const mines = [a, c].map((mineId) => ({ mineId, window: LONG_WINDOW }));
    expect((await creditRecordsOfBuckets(old, ASOF, mines)).get(a)).toEqual([]);

    expect(await migrateCreditBuckets(old)).toEqual({ mines: 2, moved: 5 });
    const bucketed = await creditRecordsOfBuckets(old, ASOF, mines);
    const each = await creditRecordsOfEach(old, ASOF, mines);
    for (const { mineId } of mines) expect(byId(bucketed.get(mineId))).toEqual(byId(each.get(mineId)));
    expect(bucketed.get(a)).toHaveLength(2);

    // Done: recorded on the table, and the next run reads nothing again.
    expect(await getItem(old, CREDIT_BUCKETS_MIGRATED)).toMatchObject({ mines: 2, moved: 5 });
    expect(await requestsDuring(old.doc, () => migrateCreditBuckets(old))).toEqual({});
  });

  it('is nothing to do on a new table (marked when it is created)', async () => {
    const fresh = await testDb();
    expect(await getItem(fresh, CREDIT_BUCKETS_MIGRATED)).toBeDefined();
    expect(await migrateCreditBuckets(fresh)).toEqual({ mines: 0, moved: 0 });
  });
});
