import type { Db } from './db.ts';
import { gsi1 } from './keys.ts';
import { queryAll } from './query.ts';
import type { MineTenancy, TenantStore } from './tenant-store.ts';

/**
 * Every mine at or below a jurisdiction inside the caller's (a bureau's preview over its mines): their profiles from
 * the jurisdiction index, and a Db that reaches only their partitions.
 */
export async function minesUnder<T extends MineTenancy = MineTenancy>(
  store: TenantStore,
  jurisdiction: string,
): Promise<{ readonly profiles: T[]; readonly db: Db }> {
  const listed = await queryAll<T>(store.shared, {
    index: 'GSI1',
    partition: gsi1.minesOfProvince(jurisdiction),
    beginsWith: gsi1.jurisdictionPrefix(jurisdiction),
  });
  return store.minesListed(listed);
}
