import type { Principal } from '#lib/auth/principal.ts';
import { openMonthlyReports, submitMonthlyReport } from '#lib/reports/monthly.ts';
import { monthlyReportKey } from '#lib/reports/monthly-item.ts';
import type { Db } from '#lib/store/db.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_CITY_DISTRICTS } from './demo-city.ts';

/**
 * The demo city's monthly reports of last month: every district's opened (on the due-date index by the city's
 * reporting day), and 向阳区's submitted by its bureau's leader with a note, so the city's admin (city_admin) finds
 * one report to return or accept and two still owed. Idempotent: a report already submitted is left as it is.
 */
export interface DemoReports {
  readonly month: string;
  readonly opened: number;
  readonly submitted: string | undefined;
}

export async function seedDemoReports(db: Db): Promise<DemoReports> {
  const { month, opened } = await openMonthlyReports(db, todayInShanghai(db.now()));
  const district = DEMO_CITY_DISTRICTS.find((d) => d.jurisdiction.endsWith('/xiangyang')) ?? DEMO_CITY_DISTRICTS[0]!;
  const current = await getItem<{ state: string; version: number }>(db, monthlyReportKey(district.jurisdiction, month));
  if (current && current.state !== 'due') return { month, opened: opened.length, submitted: undefined };
  const admin: Principal = {
    kind: 'bureau',
    sub: district.admin.sub,
    role: 'bureau_admin',
    jurisdiction: district.jurisdiction,
    name: district.admin.name,
  };
  await submitMonthlyReport(new TenantStore(db, admin), month, {
    version: current?.version ?? 0,
    note: '本月执法统计如上，请市局审核（演示）。',
  });
  return { month, opened: opened.length, submitted: district.jurisdiction };
}

export const describeDemoReports = (r: DemoReports): string =>
  `${r.month}: ${r.opened} district report(s) opened${r.submitted ? `, ${r.submitted}'s submitted to the city` : ''}`;
