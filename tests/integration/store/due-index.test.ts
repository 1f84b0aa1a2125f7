// The due-date index on DynamoDB Local: a jurisdiction's deadlines over [from, to] are one Query on its own partition
// (both ends included, the day after not), never another jurisdiction's, page after page; and the paths a job reads.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { gsi2, pk } from '#lib/store/keys.ts';
import { testDb } from '../../support/test-db.ts';
import { watchedDb } from '../../support/watched-db.ts';

const DONGSHAN = 'hlj/hegang/dongshan';
const XIANGYANG = 'hlj/hegang/xiangyang';
let db: Db;

const dueItem = (path: string, date: string, kind: string, mineId: string, ref: string) => ({
  PK: `TEST#${path}`,
  SK: `${date}#${kind}#${ref}`,
  GSI2PK: gsi2.due(path),
  GSI2SK: gsi2.dueItem(date, kind, mineId, ref),
  ref,
});

beforeAll(async () => {
  db = await testDb();
  const items = [
    dueItem(DONGSHAN, '2026-04-30', 'HAZARD', 'm-a', 'before'),
    dueItem(DONGSHAN, '2026-05-01', 'HAZARD', 'm-a', 'first'),
    dueItem(DONGSHAN, '2026-05-02', 'LICENCE', 'm-a', 'mining'),
    dueItem(DONGSHAN, '2026-05-03', 'TIPOFFDUE', '-', 'last'),
    dueItem(DONGSHAN, '2026-05-04', 'HAZARD', 'm-a', 'after'),
    dueItem(XIANGYANG, '2026-05-02', 'HAZARD', 'm-x', 'other-district'),
    dueItem('hlj/hegang', '2026-05-02', 'CALENDAR', '-', 'city'),
    { PK: pk.jurisdictions, SK: DONGSHAN, path: DONGSHAN },
    { PK: pk.jurisdictions, SK: XIANGYANG, path: XIANGYANG },
  ];
  for (const item of items) await db.doc.send(toPut(item));
});

const toPut = (item: Record<string, unknown>) => new PutCommand({ TableName: db.tableName, Item: item });

describe('queryDue', () => {
  it('reads a district over [from, to], both days included, the days outside not, in date order', async () => {
    const got = await queryDue(db, { jurisdiction: DONGSHAN, from: '2026-05-01', to: '2026-05-03' });
    expect(got.map((e) => [e.date, e.kind, e.mineId, e.ref])).toEqual([
      ['2026-05-01', 'HAZARD', 'm-a', 'first'],
      ['2026-05-02', 'LICENCE', 'm-a', 'mining'],
      ['2026-05-03', 'TIPOFFDUE', undefined, 'last'],
    ]);
    expect(got[0]!.item).toMatchObject({ ref: 'first' });
  });

  it('reads one day alone, and nothing of a range that ends before it starts', async () => {
    expect(
      (await queryDue(db, { jurisdiction: DONGSHAN, from: '2026-05-04', to: '2026-05-04' })).map((e) => e.ref),
    ).toEqual(['after']);
    expect(await queryDue(db, { jurisdiction: DONGSHAN, from: '2026-05-05', to: '2026-05-01' })).toEqual([]);
  });

  it("never holds another district's items, nor its city's", async () => {
    const all = await queryDue(db, { jurisdiction: DONGSHAN, from: '2026-01-01', to: '2026-12-31' });
    expect(all.map((e) => e.ref)).not.toContain('other-district');
    expect(all.map((e) => e.ref)).not.toContain('city');
    const other = await queryDue(db, { jurisdiction: XIANGYANG, from: '2026-01-01', to: '2026-12-31' });
    expect(other.map((e) => e.ref)).toEqual(['other-district']);
  });

  it('keeps one kind, exactly', async () => {
    const got = await queryDue(db, { jurisdiction: DONGSHAN, from: '2026-01-01', to: '2026-12-31', kind: 'HAZARD' });
    expect(got.map((e) => e.ref)).toEqual(['before', 'first', 'after']);
  });

  it('reads every page of a large partition', async () => {
    const path = 'hlj/hegang/gongnong';
    const pad = 'x'.repeat(2000);
    for (let i = 0; i < 700; i++) {
      const item = { ...dueItem(path, '2026-06-01', 'HAZARD', 'm-g', `h-${String(i).padStart(4, '0')}`), pad };
      await db.doc.send(toPut(item));
    }
    const got = await queryDue(db, { jurisdiction: path, from: '2026-06-01', to: '2026-06-01' });
    expect(got).toHaveLength(700);
  }, 60_000);
});

describe('dueIndexPaths', () => {
  it('names every jurisdiction with mines and the cities and provinces above them, each once', async () => {
    expect(await dueIndexPaths(db)).toEqual(['hlj', 'hlj/hegang', DONGSHAN, XIANGYANG]);
    expect(await dueIndexPaths(db, XIANGYANG)).toEqual([XIANGYANG]);
  });

  it("under a scope, reads only the scope's range of the list, not the country's", async () => {
    for (const path of ['hlj/hegangx/a', 'jl/changchun/b', 'jl/jilin/c'])
      await db.doc.send(toPut({ PK: pk.jurisdictions, SK: path, path }));
    const read: number[] = [];
    const counting = watchedDb(db, { answered: (_, out) => void read.push(out.ScannedCount ?? 0) });
    // A sibling whose name starts with the scope's (hegangx) is read by the key range but is not under the city.
    expect(await dueIndexPaths(counting, 'hlj/hegang')).toEqual(['hlj/hegang', DONGSHAN, XIANGYANG]);
    expect(read).toEqual([3]);
    read.length = 0;
    expect(await dueIndexPaths(counting, 'jl')).toEqual([
      'jl',
      'jl/changchun',
      'jl/changchun/b',
      'jl/jilin',
      'jl/jilin/c',
    ]);
    expect(read).toEqual([2]);
  });
});
