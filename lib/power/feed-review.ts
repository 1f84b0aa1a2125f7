import type { FeedValue } from '#lib/monitoring/feed-precedence.ts';
import { putFeed } from '#lib/monitoring/monitoring-service.ts';
import type { FeedKind } from '#lib/monitoring/vocabulary.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { reviewMines } from './review-mines.ts';

/**
 * A mine's system reports one feed of one day through the API (lib/monitoring/monitoring-service.ts). Where the day
 * had been reviewed and what the review reads changed, the day is reviewed again at once, as a revised reading is:
 * the change after review is a finding, and a late feed's own findings are not left for the next night.
 */
export async function reportFeed<K extends FeedKind>(
  store: TenantStore,
  mineId: string,
  date: string,
  kind: K,
  value: FeedValue<K>,
) {
  const { reviewAgain, db, ...result } = await putFeed(store, mineId, date, kind, value);
  if (reviewAgain) await reviewMines(db, date, [mineId]);
  return result;
}
