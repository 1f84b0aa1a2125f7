// A filtered list on DynamoDB Local: a sparse filter fills its page in one round trip instead of one per page's
// worth of items, and paging through it by cursor returns every match once, in order, on the table and on an index.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#lib/store/db.ts';
import { FILTERED_READ, type QuerySpec, queryPage } from '#lib/store/query.ts';
import { requestsDuring } from '../../support/request-count.ts';
import { testDb } from '../../support/test-db.ts';

const ITEMS = 1_200; // more than one wide read
const matches = (i: number) => i % 7 === 3;
let db: Db;

beforeAll(async () => {
  db = await testDb();
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const n = String(i).padStart(5, '0');
    return {
      PK: 'LIST#a',
      SK: `ITEM#${n}`,
      GSI1PK: 'LISTS#a',
      GSI1SK: `x/${n}`,
      n: i,
      status: matches(i) ? 'rectifying' : 'verified',
    };
  });
  for (let i = 0; i < items.length; i += 25)
    await db.doc.send(
      new BatchWriteCommand({
        RequestItems: { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
});

const rectifying: QuerySpec['filter'] = {
  expression: '#status = :status',
  names: { '#status': 'status' },
  values: { ':status': 'rectifying' },
};
const expected = Array.from({ length: ITEMS }, (_, i) => i).filter(matches);

async function everyPage(spec: QuerySpec, limit: number): Promise<{ seen: number[]; pages: number }> {
  const seen: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await queryPage<{ n: number }>(db, spec, { limit, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((i) => i.n));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  return { seen, pages };
}

describe('queryPage with a filter', () => {
  it('fills a page of sparse matches in one round trip, not one per page of items read', async () => {
    let page: Awaited<ReturnType<typeof queryPage<{ n: number }>>> | undefined;
    const requests = await requestsDuring(db.doc, async () => {
      page = await queryPage<{ n: number }>(db, { partition: 'LIST#a', filter: rectifying }, { limit: 20 });
    });
    expect(page!.items.map((i) => i.n)).toEqual(expected.slice(0, 20));
    expect(page!.nextCursor).not.toBeNull();
    expect(requests).toEqual({ Query: 1 });
    expect(FILTERED_READ).toBeLessThan(ITEMS);
  });

  it.each([
    { where: 'the table', spec: { partition: 'LIST#a', filter: rectifying } },
    { where: 'an index', spec: { index: 'GSI1', partition: 'LISTS#a', beginsWith: 'x/', filter: rectifying } },
    {
      where: 'an index, newest first',
      spec: { index: 'GSI1', partition: 'LISTS#a', newestFirst: true, filter: rectifying },
    },
  ] as const)('pages through every match once and in order on $where', async ({ spec }) => {
    const { seen, pages } = await everyPage(spec as QuerySpec, 30);
    const want = 'newestFirst' in spec ? [...expected].reverse() : expected;
    expect(seen).toEqual(want);
    expect(pages).toBe(Math.ceil(want.length / 30));
  });

  it('without a filter reads exactly the page', async () => {
    let page: Awaited<ReturnType<typeof queryPage<{ n: number }>>> | undefined;
    const requests = await requestsDuring(db.doc, async () => {
      page = await queryPage<{ n: number }>(db, { partition: 'LIST#a' }, { limit: 5 });
    });
    expect(page!.items.map((i) => i.n)).toEqual([0, 1, 2, 3, 4]);
    expect(requests).toEqual({ Query: 1 });
    const next = await queryPage<{ n: number }>(db, { partition: 'LIST#a' }, { limit: 5, cursor: page!.nextCursor! });
    expect(next.items.map((i) => i.n)).toEqual([5, 6, 7, 8, 9]);
  });
});
