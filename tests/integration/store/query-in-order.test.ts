// One page over several key ranges (queryPageInOrder) on DynamoDB Local: whatever the page size, the pages together
// are every range's items once, in the ranges' order, none longer than asked; and the ranges are read several at a
// time, so a list of many ranges (a province's districts) is a few round trips, not one per range.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#lib/store/db.ts';
import { type QuerySpec, queryPageInOrder } from '#lib/store/query.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const PARTITION = 'TEST#in-order';
/** Items per range, in the ranges' order: empty ranges, a range longer than a page, more ranges than one read takes. */
const COUNTS = [0, 1, 3, 0, 2, 0, 0, 5, 1, 0, 2, 4];
const range = (r: number) => `r${String(r).padStart(2, '0')}#`;
const specs: QuerySpec[] = COUNTS.map((_, r) => ({ partition: PARTITION, beginsWith: range(r) }));
const expected = COUNTS.flatMap((n, r) => Array.from({ length: n }, (_, i) => `${range(r)}${i}`));
let db: Db;

beforeAll(async () => {
  db = await testDb();
  // Items of no range asked for sit between and after them and are never listed.
  const others = ['r03x', 'r05', 'r99#0', 'r1'];
  for (const SK of [...expected, ...others])
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { PK: PARTITION, SK } }));
});

async function pages(limit: number): Promise<string[][]> {
  const out: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPageInOrder<{ SK: string }>(db, specs, { limit, ...(cursor ? { cursor } : {}) });
    out.push(page.items.map((i) => i.SK));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('queryPageInOrder', () => {
  it.each([1, 2, 3, 4, 5, 7, 50])('pages of %i hold every item once, in order', async (limit) => {
    const got = await pages(limit);
    expect(got.flat()).toEqual(expected);
    for (const page of got) expect(page.length).toBeLessThanOrEqual(limit);
  });

  it('reads several ranges at a time: twelve ranges are two waits, eight queries and then four', async () => {
    let inFlight = 0;
    const waves: number[] = [];
    const watching = watchedDb(db, {
      sent: () => {
        // A query sent while none is in flight starts a new wait; one sent alongside others joins it.
        if (inFlight === 0) waves.push(0);
        waves[waves.length - 1] = (waves.at(-1) ?? 0) + 1;
        inFlight++;
      },
      settled: () => void inFlight--,
    });
    const page = await queryPageInOrder<{ SK: string }>(watching, specs, { limit: 50 });
    expect(page.items.map((i) => i.SK)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
    expect(waves).toEqual([8, 4]);
  });
});
