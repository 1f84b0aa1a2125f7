import { minesByJurisdiction } from '#lib/jobs/mine-chunks.ts';
import type { Db } from '#lib/store/db.ts';
import { isConditionFailure, putItem, updateItem } from '#lib/store/item.ts';
import { creditBucket, gsi3, gsi4 } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';

/**
 * Records stored before the credit index had its copy by bucket of mines (GSI4) carry GSI3's keys only, where the
 * nightly classification no longer looks: their mines would be classified without them. The classification calls
 * this first: it reads each listed mine's GSI3 partition once (the mines found by jurisdiction, never a Scan), gives
 * every record without them its GSI4 keys, and records that the table is done, so every later run costs one GetItem
 * (and nothing once this process has seen it). A new table is marked done when it is created.
 */
export const CREDIT_BUCKETS_MIGRATED = { PK: 'MIGRATIONS', SK: 'CREDITINDEX#BY-BUCKET' } as const;

const MINES_AT_ONCE = 16;
const done = new WeakSet<Db>();

export interface CreditBucketMigration {
  /** Mines whose records were read (0 when the table was already done). */
  readonly mines: number;
  /** Records given their GSI4 keys by this call. */
  readonly moved: number;
}

type Indexed = { PK: string; SK: string; GSI3SK: string; GSI4PK?: string };

export async function migrateCreditBuckets(db: Db): Promise<CreditBucketMigration> {
  if (done.has(db) || (await getItem(db, CREDIT_BUCKETS_MIGRATED))) {
    done.add(db);
    return { mines: 0, moved: 0 };
  }
  const mineIds: string[] = [];
  for await (const listed of minesByJurisdiction(db)) mineIds.push(...listed.mineIds);
  let moved = 0;
  for (let i = 0; i < mineIds.length; i += MINES_AT_ONCE) {
    await Promise.all(
      mineIds.slice(i, i + MINES_AT_ONCE).map(async (mineId) => {
        const items = await queryAll<Indexed>(db, {
          index: 'GSI3',
          partition: gsi3.creditOf(mineId),
          attributes: ['PK', 'SK', 'GSI3SK', 'GSI4PK'],
        });
        for (const item of items.filter((i) => i.GSI4PK === undefined)) {
          // GSI3's `<until>#<kind>#<id>` becomes `<until>#<mineId>#<kind>#<id>`.
          const cut = item.GSI3SK.indexOf('#');
          const [until, rest] = [item.GSI3SK.slice(0, cut), item.GSI3SK.slice(cut + 1)];
          try {
            await updateItem(db, { PK: item.PK, SK: item.SK }, 'SET GSI4PK = :pk, GSI4SK = :sk', {
              condition: 'GSI3SK = :old AND attribute_not_exists(GSI4PK)',
              values: {
                ':pk': gsi4.creditBucket(creditBucket(mineId)),
                ':sk': `${until}#${mineId}#${rest}`,
                ':old': item.GSI3SK,
              },
            });
            moved++;
          } catch (error) {
            // Written anew since it was read (closed, executed): its writer gave it both indexes' keys.
            if (!isConditionFailure(error)) throw error;
          }
        }
      }),
    );
  }
  await putItem(db, { ...CREDIT_BUCKETS_MIGRATED, at: db.now().toISOString(), mines: mineIds.length, moved });
  done.add(db);
  return { mines: mineIds.length, moved };
}
