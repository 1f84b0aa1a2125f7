import { ForbiddenError, ValidationError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import { actorOf } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, daysBetween, isFutureBusinessDate, todayInShanghai } from '#lib/validators/business-date.ts';
import type { FeedValue } from './feed-precedence.ts';
import { feedsBetween, recordFeed } from './feeds.ts';
import type { FeedKind } from './vocabulary.ts';

/** What the API does with the monitoring feeds, for a caller bound to a TenantStore. */

/**
 * A mine's own system reports one feed of one day. Only the mine writes here (source `mine`); the bureau's record
 * is the platform's file, which comes through the bulk import. A bureau user's entry would be neither the mine's
 * system nor the platform, so the route refuses it (403) rather than invent a third source.
 */
export async function putFeed<K extends FeedKind>(
  store: TenantStore,
  mineId: string,
  date: string,
  kind: K,
  value: FeedValue<K>,
) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  if (store.principal.kind !== 'mine') throw new ForbiddenError('监测数据由煤矿系统报送或经监管联网平台批量导入');
  if (isFutureBusinessDate(date, store.now()))
    throw new ValidationError(`日期 ${date} 尚未到来`, [{ field: 'params.date', message: `日期 ${date} 尚未到来` }]);
  const recorded = await recordFeed(db, actorOf(store.principal), mine, { kind, date, value, source: 'mine' });
  // The mine's scoped store goes back with it, for a caller that must review the day again (not to the client).
  return { ...recorded, db };
}

export const MAX_FEED_RANGE_DAYS = 366;

/** The mine-days in [from, to] with their feeds (default: the 30 days up to yesterday). */
export async function feedRange(
  store: TenantStore,
  mineId: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const { db } = await store.mine(mineId);
  const to = query.to ?? addDays(todayInShanghai(store.now()), -1);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw new ValidationError('from 不能晚于 to', [{ field: 'query.from', message: 'from 不能晚于 to' }]);
  if (daysBetween(from, to) >= MAX_FEED_RANGE_DAYS)
    throw new ValidationError(`区间不能超过 ${MAX_FEED_RANGE_DAYS} 天`, [
      { field: 'query.from', message: `区间不能超过 ${MAX_FEED_RANGE_DAYS} 天` },
    ]);
  return { from, to, items: await feedsBetween(db, mineId, from, to) };
}
