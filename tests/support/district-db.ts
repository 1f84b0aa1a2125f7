import type { Principal } from '#lib/auth/principal.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, bureau, mineInput } from './registry-fixtures.ts';
import { type TestClock, testClock } from './test-clock.ts';
import { testDb } from './test-db.ts';

/** A district of mines on a table of its own, with a clock to move, and the bureau people who act on them. */
export const DS = 'hlj/hegang/dongshan';
export const ADMIN = admin(DS, 'admin-ds');
export const INSPECTOR = bureau('inspector', DS, 'insp-a');
export const OTHER_INSPECTOR = bureau('inspector', DS, 'insp-b');
export const REVIEWER = bureau('legal_reviewer', DS, 'legal-1');

/** 09:00 in Asia/Shanghai on a business day. */
export const morningOf = (date: string) => `${date}T01:00:00.000Z`;

export interface DistrictDb {
  readonly db: Db;
  readonly clock: TestClock;
  readonly as: (p: Principal) => TenantStore;
  /** Moves "now" to 09:00 Shanghai time of a business day. */
  readonly on: (date: string) => void;
}

export async function districtDb(today: string, mineIds: readonly string[]): Promise<DistrictDb> {
  const clock = testClock(morningOf(today));
  const db = await testDb({ now: clock.now });
  const root = new TenantStore(db, admin('hlj', 'province-admin'));
  for (const mineId of mineIds)
    await createMine(root, mineInput(mineId, { jurisdiction: DS, statusEffectiveDate: '2020-01-01' }));
  return { db, clock, as: (p) => new TenantStore(db, p), on: (date) => clock.set(morningOf(date)) };
}
