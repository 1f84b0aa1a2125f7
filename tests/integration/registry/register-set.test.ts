// The register on one item, which the nightly review reads with the profiles instead of querying each mine's register:
// it must always give the register in force on a day exactly as the records do, and a copy made from an old read must
// never undo a change made after it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { equipment, meters, registerItemsOf, registerOn } from '#lib/registry/equipment.ts';
import { createMine } from '#lib/registry/mines.ts';
import { registerOnDate } from '#lib/registry/register.ts';
import { copyToRegisterSet, parseRegisterSet, registerRecordsOf, registerSetKey } from '#lib/registry/register-set.ts';
import { equipmentBody, meterBody } from '#lib/registry/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, mineInput } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const clock = testClock('2025-03-10T02:00:00.000Z');
const DISTRICT = 'hlj/hegang/dongshan';
const ADMIN = admin(DISTRICT, 'admin-rs');
const DAYS = ['2024-12-31', '2025-01-01', '2025-01-15', '2025-02-01', '2025-02-15', '2025-03-01', '2025-03-10'];
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: clock.now });
});

const as = (p: Principal) => new TenantStore(db, p);
const fan = (b: Record<string, unknown> = {}) =>
  equipmentBody.parse({ name: '主通风机', ratedKw: 250, circuit: 'ventilation', mustRunWhenStopped: true, ...b });
const meter = (b: Record<string, unknown> = {}) => meterBody.parse({ name: '总进线电表', serialNo: 'RS-1', ...b });
const setItem = (mineId: string) => getItem<Record<string, unknown>>(db, registerSetKey(mineId));

/** A mine with a meter, a fan replaced once and a pump removed later. */
async function mineWithHistory(mineId: string) {
  await createMine(as(admin(DISTRICT)), mineInput(mineId, { jurisdiction: DISTRICT }));
  const store = as(ADMIN);
  await meters.put(store, mineId, 'main', meter({ effectiveFrom: '2025-01-01' }));
  await equipment.put(store, mineId, 'fan-1', fan({ effectiveFrom: '2025-01-01' }));
  await equipment.put(store, mineId, 'fan-1', fan({ ratedKw: 315, effectiveFrom: '2025-02-01', version: 1 }));
  await equipment.put(
    store,
    mineId,
    'pump-1',
    equipmentBody.parse({
      name: '主排水泵',
      ratedKw: 160,
      circuit: 'drainage',
      mustRunWhenStopped: true,
      effectiveFrom: '2025-01-15',
    }),
  );
  await equipment.remove(store, mineId, 'pump-1', 1, { effectiveFrom: '2025-03-01', reason: '已拆除' });
}

const sameOnEveryDay = async (mineId: string) => {
  const records = parseRegisterSet(await setItem(mineId));
  expect(records).toBeDefined();
  for (const day of DAYS) expect(registerOnDate(records!, day), day).toEqual(await registerOn(db, mineId, day));
};

describe('the register on one item', () => {
  it('is not trusted until complete: the first reader queries the records and copies them, the next reads the item', async () => {
    await mineWithHistory('m-rs1');
    // The changes wrote their records' attributes, but the item does not know it holds every record.
    const before = await setItem('m-rs1');
    expect(before).toBeDefined();
    expect(parseRegisterSet(before)).toBeUndefined();

    const read = await registerRecordsOf(db, 'm-rs1', before);
    expect(read.map((r) => r.itemId).sort()).toEqual(['fan-1', 'main', 'pump-1']);
    const after = await setItem('m-rs1');
    expect(after?.complete).toBe(true);
    await sameOnEveryDay('m-rs1');
    // Who recorded a version stays on the record only.
    expect(JSON.stringify(after)).not.toContain('admin-rs');
  });

  it('follows every later change in the same transaction as the record', async () => {
    await mineWithHistory('m-rs2');
    await registerRecordsOf(db, 'm-rs2', undefined);
    const store = as(ADMIN);
    await equipment.put(store, 'm-rs2', 'fan-2', fan({ ratedKw: 90, effectiveFrom: '2025-03-10' }));
    await equipment.put(store, 'm-rs2', 'fan-1', fan({ ratedKw: 400, effectiveFrom: '2025-03-01', version: 2 }));
    await sameOnEveryDay('m-rs2');
    const records = parseRegisterSet(await setItem('m-rs2'))!;
    expect(registerOnDate(records, '2025-03-10').equipment.map((e) => [e.equipmentId, e.ratedKw])).toEqual([
      ['fan-1', 400],
      ['fan-2', 90],
    ]);
    // The reader now takes the item and queries nothing: what it answers is the item's.
    expect(await registerRecordsOf(db, 'm-rs2', await setItem('m-rs2'))).toEqual(records);
  });

  it('a copy made from a read older than a change keeps the change', async () => {
    await mineWithHistory('m-rs3');
    const stale = await registerItemsOf(db, 'm-rs3');
    await equipment.put(as(ADMIN), 'm-rs3', 'fan-1', fan({ ratedKw: 500, effectiveFrom: '2025-03-05', version: 2 }));
    await copyToRegisterSet(db, 'm-rs3', stale);
    await sameOnEveryDay('m-rs3');
    const records = parseRegisterSet(await setItem('m-rs3'))!;
    expect(registerOnDate(records, '2025-03-06').equipment.find((e) => e.equipmentId === 'fan-1')?.ratedKw).toBe(500);
  });

  it('a mine without a register reads as empty and is then known to have none', async () => {
    await createMine(as(admin(DISTRICT)), mineInput('m-rs4', { jurisdiction: DISTRICT }));
    expect(await registerRecordsOf(db, 'm-rs4', undefined)).toEqual([]);
    expect(parseRegisterSet(await setItem('m-rs4'))).toEqual([]);
  });
});
