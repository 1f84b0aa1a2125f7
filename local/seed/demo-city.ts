import type { Principal } from '#lib/auth/principal.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { buildPowerReport } from '#lib/power/power-report.ts';
import { recordReadings } from '#lib/power/readings.ts';
import { reviewMines } from '#lib/power/review-mines.ts';
import { nameJurisdiction } from '#lib/registry/jurisdictions.ts';
import { systemActor } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { findUser, registerUser } from '#lib/users/directory.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type DemoMine, type DemoPlace, seedMine } from './demo-district.ts';
import { demoReadings } from './demo-readings.ts';
import { DEMO_CITY } from './demo-users.ts';

/**
 * The demo city, 鹤岗市, beyond its demo district (东山区, demo-district.ts): two more districts with a few plainly
 * fictional mines each, their bureaus' users, and the same 90 days of ordinary readings the demo district has (no
 * planted incidents), reviewed last night and classified today, so the city's bureau (DEMO_USERS.city_admin) reads
 * three districts and the nightly jobs have something to read in each.
 */
export { DEMO_CITY };

export interface DemoCityDistrict extends DemoPlace {
  readonly bureauName: string;
  /** The district bureau's users in the directory: its leader and the inspector assigned to its mines. */
  readonly admin: { readonly sub: string; readonly name: string };
  readonly mines: readonly DemoMine[];
}

const district = (
  key: string,
  districtName: string,
  short: string,
  serialPrefix: string,
  codeOffset: number,
  mines: readonly DemoMine[],
): DemoCityDistrict => ({
  jurisdiction: `${DEMO_CITY}/${key}`,
  districtName,
  bureauName: `鹤岗市${districtName}煤管局（演示）`,
  admin: { sub: `demo-${key}-bureau_admin`, name: `${short}区煤管局（演示）` },
  official: { sub: `demo-${key}-inspector`, name: `${short}区监管中队（演示）` },
  serialPrefix,
  // Each district its own range of credit codes, resident IDs and grid accounts (the demo district's is 0–12).
  codeOffset,
  mines,
});

/** The city's other demo districts: each mostly producing, one mine stopped. */
export const DEMO_CITY_DISTRICTS: readonly DemoCityDistrict[] = [
  district('xiangyang', '向阳区', '向阳', 'XY', 100, [
    {
      id: 'm-xy01',
      name: '向阳演示一矿',
      status: 'producing',
      capacity: 300_000,
      gas: 'low',
      standard: 'grade2',
      safetyLicenceDays: 500,
    },
    {
      id: 'm-xy02',
      name: '向阳演示二矿',
      status: 'producing',
      capacity: 450_000,
      gas: 'high',
      standard: 'grade1',
      safetyLicenceDays: 360,
    },
    {
      id: 'm-xy03',
      name: '向阳演示三矿',
      status: 'producing',
      capacity: 150_000,
      gas: 'low',
      standard: 'grade3',
      safetyLicenceDays: 60,
    },
    {
      id: 'm-xy04',
      name: '向阳演示四矿',
      status: 'suspended',
      capacity: 120_000,
      gas: 'low',
      standard: 'none',
      safetyLicenceDays: 200,
    },
  ]),
  district('gongnong', '工农区', '工农', 'GN', 150, [
    {
      id: 'm-gn01',
      name: '工农演示一矿',
      status: 'producing',
      capacity: 240_000,
      gas: 'low',
      standard: 'grade2',
      safetyLicenceDays: 600,
    },
    {
      id: 'm-gn02',
      name: '工农演示二矿',
      status: 'producing',
      capacity: 180_000,
      gas: 'outburst',
      standard: 'grade3',
      safetyLicenceDays: 150,
    },
    {
      id: 'm-gn03',
      name: '工农演示三矿',
      status: 'suspended',
      capacity: 90_000,
      gas: 'low',
      standard: 'none',
      safetyLicenceDays: 400,
    },
  ]),
];

/** Every mine of the city's other demo districts. */
export const DEMO_CITY_MINES: readonly DemoMine[] = DEMO_CITY_DISTRICTS.flatMap((d) => d.mines);

const cityPrincipal = (jurisdiction: string): Principal => ({
  kind: 'bureau',
  sub: 'seed',
  role: 'bureau_admin',
  jurisdiction,
  name: '演示数据',
});

export interface DemoCitySummary {
  /** The districts seeded by this call (none when they were there already). */
  readonly districts: readonly string[];
  readonly mines: number;
  readonly readings: number;
}

/**
 * Seeds the city's other districts once: a district whose mines are already there is left as it is, and so is a
 * user already in the directory. Written through the same functions as the demo district, so validated and audited.
 */
export async function seedDemoCity(db: Db): Promise<DemoCitySummary> {
  const today = todayInShanghai(db.now());
  // The districts are independent of each other: seed them side by side.
  const seeded = await Promise.all(DEMO_CITY_DISTRICTS.map((d) => seedCityDistrict(db, today, d)));
  const done = DEMO_CITY_DISTRICTS.filter((_, k) => seeded[k] !== undefined);
  return {
    districts: done.map((d) => d.jurisdiction),
    mines: done.reduce((n, d) => n + d.mines.length, 0),
    readings: seeded.reduce((n: number, r) => n + (r ?? 0), 0),
  };
}

/** One district, unless its mines are there already: the number of readings written, or undefined. */
async function seedCityDistrict(db: Db, today: string, d: DemoCityDistrict): Promise<number | undefined> {
  const yesterday = addDays(today, -1);
  for (const [role, u] of [
    ['bureau_admin', d.admin],
    ['inspector', d.official],
  ] as const) {
    if (await findUser(db, u.sub)) continue;
    await registerUser(db, systemActor('seed'), { userId: u.sub, role, name: u.name, jurisdiction: d.jurisdiction });
  }
  const there = await batchGet(
    db,
    d.mines.map((m) => ({ PK: pk.mine(m.id), SK: sk.profile })),
  );
  if (there.length > 0) return undefined;
  const store = new TenantStore(db, cityPrincipal(d.jurisdiction));
  await nameJurisdiction(store, { version: 0, name: d.districtName, bureauName: d.bureauName });
  await Promise.all(d.mines.map((m, i) => seedMine(store, today, m, i, d)));
  const byMine = demoReadings({ today, mines: d.mines, incidents: [] });
  const actor = systemActor('demo-seed');
  let readings = 0;
  await Promise.all(
    d.mines.map(async (m) => {
      const rows = byMine.get(m.id) ?? [];
      readings += rows.length;
      await recordReadings(db, actor, { mineId: m.id, jurisdiction: d.jurisdiction }, rows, {
        source: 'grid',
        defaultReason: '演示数据',
      });
    }),
  );
  const ids = d.mines.map((m) => m.id);
  await reviewMines(db, yesterday, ids);
  await buildPowerReport(db, d.jurisdiction, yesterday);
  await classifyMines(db, today, ids);
  return readings;
}

/** The seed's log line. */
export const describeDemoCity = (s: DemoCitySummary): string =>
  s.districts.length
    ? `${s.districts.join(', ')}: ${s.mines} mines, ${s.readings} daily readings, last night's review and today's credit tiers`
    : 'already seeded';
