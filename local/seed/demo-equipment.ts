/**
 * A demo mine's meters and equipment register, scaled by its capacity, and the one register change request a
 * newcomer finds waiting for the bureau's decision.
 */

import { equipment, meters } from '#lib/registry/equipment.ts';
import type { Circuit } from '#lib/registry/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_MINES, type DemoMine } from './demo-mines.ts';

/** Every demo mine's equipment register, before scaling by capacity (the benches use the same). */
export const EQUIPMENT: readonly { id: string; name: string; kw: number; circuit: Circuit; mustRun: boolean }[] = [
  { id: 'fan-main-1', name: '主通风机 1号', kw: 250, circuit: 'ventilation', mustRun: true },
  { id: 'fan-main-2', name: '主通风机 2号（备用）', kw: 250, circuit: 'ventilation', mustRun: false },
  { id: 'pump-1', name: '主排水泵 1号', kw: 160, circuit: 'drainage', mustRun: true },
  { id: 'pump-2', name: '主排水泵 2号', kw: 160, circuit: 'drainage', mustRun: false },
  { id: 'monitor', name: '安全监控系统', kw: 15, circuit: 'monitoring', mustRun: true },
  { id: 'hoist-main', name: '主井提升机', kw: 800, circuit: 'hoist', mustRun: false },
  { id: 'shearer', name: '采煤机及工作面设备', kw: 650, circuit: 'other', mustRun: false },
];

/** The day the demo registers were approved: three years back, before any reading the demo or a walk through it dates. */
export const demoRegisterSince = (today: string): string => addMonths(today, -36);

/** The grid company's account of the i-th demo mine's main meter. */
export const demoGridAccount = (i: number): string => `23040600${String(i + 1).padStart(2, '0')}`;

/** An item's rated power at a mine of this size (the must-run ones never below 60 % of the reference mine's). */
const demoRatedKw = (e: (typeof EQUIPMENT)[number], scale: number): number =>
  Math.round(e.kw * (e.mustRun ? Math.max(0.6, scale) : scale));

/**
 * The i-th mine of its district (`code` its position among all demo mines') gets its main and hoist meters and the
 * equipment on them, as the bureau approved them when the district's files were set up, before any day the demo
 * reviews.
 */
export async function seedMeteredEquipment(
  store: TenantStore,
  today: string,
  m: DemoMine,
  i: number,
  code: number,
  serialPrefix: string,
): Promise<void> {
  const scale = m.capacity / 300_000;
  const effectiveFrom = demoRegisterSince(today);
  await meters.put(store, m.id, 'main', {
    name: '总进线电表',
    serialNo: `${serialPrefix}-${i + 1}-001`,
    gridAccountNo: demoGridAccount(code),
    multiplier: 1,
    effectiveFrom,
  });
  await meters.put(store, m.id, 'hoist', {
    name: '提升回路电表',
    serialNo: `${serialPrefix}-${i + 1}-002`,
    multiplier: 1,
    circuit: 'hoist',
    effectiveFrom,
  });
  for (const e of EQUIPMENT) {
    await equipment.put(store, m.id, e.id, {
      name: e.name,
      ratedKw: demoRatedKw(e, scale),
      circuit: e.circuit,
      mustRunWhenStopped: e.mustRun,
      meterId: e.circuit === 'hoist' ? 'hoist' : 'main',
      effectiveFrom,
    });
  }
}

/**
 * The request a newcomer finds waiting: 泰源煤矿 asks that its second drainage pump count as must-run from today (the
 * rainy season), which would raise the load its stopped days are excused; nothing changes until the bureau decides.
 */
export const DEMO_REGISTER_REQUEST = {
  mineId: 'm-taiyuan',
  equipmentId: 'pump-2',
  reason: '雨季涌水量增大，2号主排水泵停产期间也须常开',
} as const;

export async function seedDemoRegisterRequest(db: Db): Promise<void> {
  const i = DEMO_MINES.findIndex((m) => m.id === DEMO_REGISTER_REQUEST.mineId);
  const mine = DEMO_MINES[i]!;
  const pump = EQUIPMENT.find((e) => e.id === DEMO_REGISTER_REQUEST.equipmentId)!;
  const mineUser = new TenantStore(db, {
    kind: 'mine',
    sub: `dev-mine_user-${mine.id}`,
    role: 'mine_user',
    mineId: mine.id,
    name: `${mine.name}机电科（演示）`,
  });
  const current = await equipment.get(mineUser, mine.id, pump.id);
  await equipment.put(mineUser, mine.id, pump.id, {
    version: current.version,
    name: pump.name,
    ratedKw: demoRatedKw(pump, mine.capacity / 300_000),
    circuit: pump.circuit,
    mustRunWhenStopped: true,
    meterId: 'main',
    // Today as the request is made (a seed running across midnight in Shanghai would ask for yesterday).
    effectiveFrom: todayInShanghai(db.now()),
    reason: DEMO_REGISTER_REQUEST.reason,
  });
}
