// A table written before the due-date index was keyed by jurisdiction: its dated items sit under `DUE#<date>` where
// nothing reads any more. The jobs' first reading moves each to its mine's (or its own) jurisdiction once, and a
// table marked done (every new one) costs one GetItem.
import { beforeAll, describe, expect, it } from 'vitest';
import { batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { DUE_INDEX_MIGRATED, migrateLegacyDueIndex } from '#lib/store/due-index-migration.ts';
import { deleteItem } from '#lib/store/item.ts';
import { getItem } from '#lib/store/query.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const TODAY = '2026-12-03';
const DS = 'hlj/hegang/dongshan';
const CITY = 'hlj/hegang';
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: testClock(`${TODAY}T01:00:00.000Z`).now });
  // As an older version left the table: no marker, items on the date partitions.
  await deleteItem(db, DUE_INDEX_MIGRATED);
  await batchPut(db, [
    { PK: 'MINE#m-1', SK: 'PROFILE', mineId: 'm-1', jurisdiction: DS },
    // A hazard of the mine: filed under the mine's jurisdiction (its profile), not an attribute of its own.
    { PK: 'MINE#m-1', SK: 'HAZARD#h-1', GSI2PK: 'DUE#2026-12-10', GSI2SK: 'HAZARD#m-1#h-1', hazardId: 'h-1' },
    // Two years back and four years ahead: still found.
    { PK: 'MINE#m-1', SK: 'LICENCE#mining', GSI2PK: 'DUE#2030-06-30', GSI2SK: 'LICENCE#m-1#mining' },
    { PK: 'MINE#m-1', SK: 'PENALTY#p-1', GSI2PK: 'DUE#2024-12-04', GSI2SK: 'PENALTY#m-1#p-1' },
    // An item of no mine: its own jurisdiction.
    { PK: `JUR#${CITY}`, SK: 'CALENDAR#c-1', jurisdiction: CITY, GSI2PK: 'DUE#2027-01-04', GSI2SK: 'CALENDAR#-#c-1' },
    // A mine that no longer exists: nowhere to file it.
    { PK: 'MINE#gone', SK: 'LICENCE#safety', GSI2PK: 'DUE#2026-12-20', GSI2SK: 'LICENCE#gone#safety' },
  ]);
});

describe('the due-date index of an older table', () => {
  it('is moved to the jurisdictions on the first reading of a job, the date leading each sort key', async () => {
    const result = await migrateLegacyDueIndex(db, TODAY);
    expect(result).toMatchObject({ moved: 4, unplaced: 1 });
    const district = await queryDue(db, { jurisdiction: DS, from: '2024-01-01', to: '2031-12-31' });
    expect(district.map((e) => `${e.date} ${e.kind} ${e.mineId} ${e.ref}`)).toEqual([
      '2024-12-04 PENALTY m-1 p-1',
      '2026-12-10 HAZARD m-1 h-1',
      '2030-06-30 LICENCE m-1 mining',
    ]);
    const city = await queryDue(db, { jurisdiction: CITY, from: '2027-01-04', to: '2027-01-04' });
    expect(city.map((e) => e.ref)).toEqual(['c-1']);
    // The one without a mine stays where it was, and the count is kept with the marker.
    expect(await getItem(db, { PK: 'MINE#gone', SK: 'LICENCE#safety' })).toMatchObject({ GSI2PK: 'DUE#2026-12-20' });
    expect(await getItem(db, DUE_INDEX_MIGRATED)).toMatchObject({ moved: 4, unplaced: 1 });
  });

  it('is read once: the next call reads no date partition', async () => {
    expect(await migrateLegacyDueIndex(db, TODAY)).toEqual({ moved: 0, unplaced: 0, datesRead: 0 });
  });

  it('is nothing to do on a table created by this version (marked when created)', async () => {
    const fresh = await testDb();
    expect(await getItem(fresh, DUE_INDEX_MIGRATED)).toBeDefined();
    expect((await migrateLegacyDueIndex(fresh, TODAY)).datesRead).toBe(0);
  });

  it('runs before a job reads the whole index, not before a bureau reads its own scope', async () => {
    const older = await testDb({ now: testClock(`${TODAY}T01:00:00.000Z`).now });
    await deleteItem(older, DUE_INDEX_MIGRATED);
    await batchPut(older, [
      { PK: 'MINE#m-2', SK: 'PROFILE', mineId: 'm-2', jurisdiction: DS },
      { PK: 'MINE#m-2', SK: 'HAZARD#h-2', GSI2PK: 'DUE#2026-12-05', GSI2SK: 'HAZARD#m-2#h-2' },
    ]);
    await dueIndexPaths(older, CITY);
    expect(await getItem(older, DUE_INDEX_MIGRATED)).toBeUndefined();
    await dueIndexPaths(older);
    expect(await getItem(older, DUE_INDEX_MIGRATED)).toBeDefined();
    expect((await queryDue(older, { jurisdiction: DS, from: TODAY, to: '2026-12-31' })).map((e) => e.ref)).toEqual([
      'h-2',
    ]);
  });
});
