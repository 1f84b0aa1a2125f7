// Fair use on DynamoDB Local: two instances (each its own client) sharing the table cannot together exceed a burst
// or a window, the scope's limit binds across callers, a refusal says which limit and how long, and the next
// window starts afresh. The clock is fixed inside a window so the seconds do not move under the test.

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeRate, type RateOutcome } from '#lib/store/counters.ts';
import { createDb, createDocumentClient, type Db } from '#lib/store/db.ts';
import { freshTable } from '../../support/test-db.ts';

const T0 = Date.parse('2026-03-10T02:00:00.000Z');
let nowMs = T0 + 2_200;
let one: Db;
let two: Db;

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable('rate');
  const now = () => new Date(nowMs);
  one = createDb({ doc: createDocumentClient(endpoint), tableName, now });
  two = createDb({ doc: createDocumentClient(endpoint), tableName, now });
});

const granted = (outcomes: RateOutcome[]) => outcomes.filter((o) => o.granted).length;

describe('consumeRate on a shared table', () => {
  it('two instances racing get exactly the burst between them, then 429 for a second', async () => {
    nowMs = T0 + 2_200;
    const request = {
      scope: 'j:hlj/hegang/dongshan',
      caller: 'caller-a',
      scopeLimit: { perSecond: 100, burst: 300 },
      callerLimit: { perSecond: 2, burst: 8 },
    };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => consumeRate(i % 2 ? one : two, request)));
    expect(granted(outcomes)).toBe(8);
    expect(outcomes.find((o) => !o.granted)).toEqual({ granted: false, by: 'caller', retryAfterSeconds: 1 });
    // The next second: the burst again, up to the window's 20 in all.
    nowMs = T0 + 3_200;
    expect(
      granted(await Promise.all(Array.from({ length: 30 }, (_, i) => consumeRate(i % 2 ? one : two, request)))),
    ).toBe(8);
    nowMs = T0 + 4_200;
    const third = await Promise.all(Array.from({ length: 30 }, (_, i) => consumeRate(i % 2 ? one : two, request)));
    expect(granted(third)).toBe(4);
    // The window is used up: wait until it ends (at T0 + 10 s).
    expect(third.find((o) => !o.granted)).toEqual({ granted: false, by: 'caller', retryAfterSeconds: 6 });
    // A new window starts afresh.
    nowMs = T0 + 10_000;
    expect(await consumeRate(one, request)).toEqual({ granted: true });
  });

  it('instances taking several at once, or one when that no longer fits, are granted exactly the burst between them', async () => {
    nowMs = T0 + 40_300;
    const request = {
      scope: 'j:hlj/hegang/nanshan',
      caller: 'caller-c',
      scopeLimit: { perSecond: 100, burst: 300 },
      callerLimit: { perSecond: 5, burst: 8 },
    };
    // As the API's limiter does: ask for three, and for one when three are refused.
    const takeThree = async (db: Db): Promise<number> => {
      if ((await consumeRate(db, { ...request, take: 3 })).granted) return 3;
      return (await consumeRate(db, request)).granted ? 1 : 0;
    };
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => takeThree(i % 2 ? one : two)));
    expect(got.reduce((a, b) => a + b, 0)).toBe(8);
    const item = await one.doc.send(
      new GetCommand({
        TableName: one.tableName,
        Key: { PK: 'QUOTA#rate:j:hlj/hegang/nanshan#2026-03-10T02:00:40.000Z', SK: 'COUNT' },
      }),
    );
    expect(item.Item).toMatchObject({ n: 8, n0: 8, 'c:caller-c': 8, 'c:caller-c:0': 8 });
  });

  it('exactly at the burst is admitted, one over refused, and a refusal changes nothing', async () => {
    nowMs = T0 + 20_500;
    const request = {
      scope: 'j:hlj/hegang/xingshan',
      caller: 'caller-b',
      scopeLimit: { perSecond: 100, burst: 300 },
      callerLimit: { perSecond: 5, burst: 3 },
    };
    for (let i = 0; i < 3; i++) expect((await consumeRate(one, request)).granted).toBe(true);
    expect((await consumeRate(two, request)).granted).toBe(false);
    expect((await consumeRate(two, request)).granted).toBe(false);
    const item = await one.doc.send(
      new GetCommand({
        TableName: one.tableName,
        Key: { PK: 'QUOTA#rate:j:hlj/hegang/xingshan#2026-03-10T02:00:20.000Z', SK: 'COUNT' },
      }),
    );
    expect(item.Item).toMatchObject({ n: 3, n0: 3, 'c:caller-b': 3, 'c:caller-b:0': 3, entity: 'rate' });
    expect(item.Item?.expiresAt).toBe(Math.floor((T0 + 20_000) / 1000) + 20);
  });

  it('the jurisdiction’s limit binds across its callers, and another jurisdiction is not touched', async () => {
    nowMs = T0 + 30_100;
    const scopeLimit = { perSecond: 10, burst: 10 };
    const callerLimit = { perSecond: 10, burst: 10 };
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        consumeRate(i % 2 ? one : two, { scope: 'j:hlj/jixi', caller: `c${i % 4}`, scopeLimit, callerLimit }),
      ),
    );
    expect(granted(outcomes)).toBe(10);
    expect(outcomes.find((o) => !o.granted)).toMatchObject({ granted: false, by: 'scope', retryAfterSeconds: 1 });
    expect(await consumeRate(one, { scope: 'j:jl/baishan', caller: 'c0', scopeLimit, callerLimit })).toEqual({
      granted: true,
    });
  });
});
