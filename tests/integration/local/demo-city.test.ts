// The demo city, as `npm start` seeds it: 鹤岗市 with three districts (东山区, the demo district, and two more),
// each with its mines, 90 days of readings, last night's review and today's credit tiers; seeding again adds
// nothing; the city's bureau lists every district's mines, a district's bureau only its own.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { listCredit } from '#lib/credit/credit-service.ts';
import { dailyReport } from '#lib/power/power-service.ts';
import { readingsBetween } from '#lib/power/readings.ts';
import { listMines } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { findUser } from '#lib/users/directory.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import {
  DEMO_CITY,
  DEMO_CITY_DISTRICTS,
  DEMO_CITY_MINES,
  type DemoCitySummary,
  seedDemoCity,
} from '#local/seed/demo-city.ts';
import { DEMO_JURISDICTION, DEMO_MINES, seedDemoDistrict } from '#local/seed/demo-district.ts';
import { DEFAULT_DEMO_DAYS } from '#local/seed/demo-readings.ts';
import { DEMO_USERS } from '#local/seed/demo-users.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-city-test-key';

let db: Db;
let first: DemoCitySummary;
let today: string;

const bureau = (jurisdiction: string): TenantStore =>
  new TenantStore(db, { kind: 'bureau', sub: 'test-admin', role: 'bureau_admin', jurisdiction } satisfies Principal);
const minesOf = async (store: TenantStore, jurisdiction?: string) =>
  (await listMines(store, { limit: 200, ...(jurisdiction ? { jurisdiction } : {}) })).items;

beforeAll(async () => {
  db = await testDb();
  await seedDemoDistrict(db);
  first = await seedDemoCity(db);
  today = todayInShanghai(db.now());
}, 120_000);

describe('the demo city', () => {
  it('seeds two more districts under hlj/hegang, neither xingshan nor nanshan, each with mines, one stopped', () => {
    expect(first.districts).toEqual(['hlj/hegang/xiangyang', 'hlj/hegang/gongnong']);
    expect(first.mines).toBe(DEMO_CITY_MINES.length);
    for (const d of DEMO_CITY_DISTRICTS) {
      expect(d.jurisdiction.startsWith(`${DEMO_CITY}/`)).toBe(true);
      expect(d.mines.length).toBeGreaterThanOrEqual(3);
      expect(d.mines.length).toBeLessThanOrEqual(4);
      expect(d.mines.filter((m) => m.status === 'suspended')).toHaveLength(1);
    }
    expect(DEMO_CITY_DISTRICTS.map((d) => d.jurisdiction)).not.toContain('hlj/hegang/xingshan');
    expect(DEMO_CITY_DISTRICTS.map((d) => d.jurisdiction)).not.toContain('hlj/hegang/nanshan');
  });

  it("the city's bureau lists the mines of all three districts; each district's bureau only its own", async () => {
    const city = await minesOf(bureau(DEMO_CITY));
    expect(city).toHaveLength(DEMO_MINES.length + DEMO_CITY_MINES.length);
    expect(new Set(city.map((m) => m.jurisdiction))).toEqual(
      new Set([DEMO_JURISDICTION, ...DEMO_CITY_DISTRICTS.map((d) => d.jurisdiction)]),
    );
    expect(await minesOf(bureau(DEMO_JURISDICTION))).toHaveLength(DEMO_MINES.length);
    for (const d of DEMO_CITY_DISTRICTS) {
      const own = await minesOf(bureau(d.jurisdiction));
      expect(own.map((m) => m.mineId).sort()).toEqual(d.mines.map((m) => m.id).sort());
      // The city narrowing its list to one district reads the same.
      expect((await minesOf(bureau(DEMO_CITY), d.jurisdiction)).map((m) => m.mineId).sort()).toEqual(
        own.map((m) => m.mineId).sort(),
      );
      // The district's mines have its inspector as their official, a user of the directory in its scope.
      expect(own.every((m) => m.assignedOfficial?.userId === d.official.sub)).toBe(true);
      expect(await findUser(db, d.official.sub)).toMatchObject({ role: 'inspector', jurisdiction: d.jurisdiction });
      expect(await findUser(db, d.admin.sub)).toMatchObject({ role: 'bureau_admin', jurisdiction: d.jurisdiction });
    }
  });

  it('gives each new mine the same 90 days of readings as the demo district, ending yesterday', async () => {
    const from = addDays(today, -DEFAULT_DEMO_DAYS);
    const yesterday = addDays(today, -1);
    for (const m of DEMO_CITY_MINES) {
      const rows = await readingsBetween(db, m.id, from, yesterday);
      expect(rows.map((r) => r.date).sort(), m.id).toHaveLength(DEFAULT_DEMO_DAYS);
    }
    expect(first.readings).toBe(DEMO_CITY_MINES.length * DEFAULT_DEMO_DAYS);
  });

  it("has last night's review and today's credit tier in each new district", async () => {
    const yesterday = addDays(today, -1);
    for (const d of DEMO_CITY_DISTRICTS) {
      const report = await dailyReport(bureau(d.jurisdiction), yesterday);
      expect(report.mines, d.jurisdiction).toBe(d.mines.length);
      expect(report.pendingJurisdictions).toEqual([]);
      // Ordinary days only: nothing planted, nothing found.
      expect(report.anomalies, d.jurisdiction).toEqual([]);
      expect(report.noData, d.jurisdiction).toEqual([]);
      const credit = await listCredit(bureau(d.jurisdiction), { limit: 200 });
      expect(credit.items.map((c) => c.mineId).sort()).toEqual(d.mines.map((m) => m.id).sort());
    }
  });

  it('the city user is a ready-made demo token scoped to the city', () => {
    expect(DEMO_USERS.city_admin).toMatchObject({
      role: 'bureau_admin',
      jurisdiction: DEMO_CITY,
      name: '鹤岗市煤管局（演示）',
    });
  });

  it('seeding again adds nothing', async () => {
    const before = await minesOf(bureau(DEMO_CITY));
    const again = await seedDemoCity(db);
    expect(again).toEqual({ districts: [], mines: 0, readings: 0 });
    expect(await minesOf(bureau(DEMO_CITY))).toHaveLength(before.length);
  });
});
