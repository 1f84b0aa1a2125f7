// The demo city's monthly reports: last month's opened for each district, 向阳区's submitted; seeding again changes
// nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { monthlyReportKey } from '#lib/reports/monthly-item.ts';
import type { Db } from '#lib/store/db.ts';
import { pk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import { put, transact } from '#lib/store/transact.ts';
import { DEMO_CITY_DISTRICTS } from '#local/seed/demo-city.ts';
import { describeDemoReports, seedDemoReports } from '#local/seed/demo-reports.ts';
import { testDb } from '../../support/test-db.ts';

const NOW = new Date('2026-12-03T02:00:00.000Z');
const DISTRICTS = ['hlj/hegang/dongshan', ...DEMO_CITY_DISTRICTS.map((d) => d.jurisdiction)];
let db: Db;

beforeAll(async () => {
  db = await testDb({ now: () => NOW });
  // The districts as the city seed lists them (each with mines).
  await transact(
    db,
    DISTRICTS.map((path) => put(db, { PK: pk.jurisdictions, SK: path, entity: 'jurisdiction', path })),
  );
}, 60_000);

describe('seedDemoReports', () => {
  it('opens last month’s report of each district and submits 向阳区’s, once', async () => {
    const first = await seedDemoReports(db);
    expect(first).toEqual({ month: '2026-11', opened: 3, submitted: 'hlj/hegang/xiangyang' });
    expect(describeDemoReports(first)).toBe(
      "2026-11: 3 district report(s) opened, hlj/hegang/xiangyang's submitted to the city",
    );
    const states = await Promise.all(
      DISTRICTS.map(async (d) => (await getItem<{ state: string }>(db, monthlyReportKey(d, '2026-11')))?.state),
    );
    expect(states.sort()).toEqual(['due', 'due', 'submitted']);

    expect(await seedDemoReports(db)).toEqual({ month: '2026-11', opened: 0, submitted: undefined });
    const xiangyang = await getItem<{ version: number; submissions: unknown[] }>(
      db,
      monthlyReportKey('hlj/hegang/xiangyang', '2026-11'),
    );
    expect(xiangyang).toMatchObject({ version: 2 });
    expect(xiangyang?.submissions).toHaveLength(1);
  });
});
