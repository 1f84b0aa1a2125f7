import { putNewFeedDays } from '#lib/monitoring/feeds.ts';
import type { FeedProvenance } from '#lib/monitoring/vocabulary.ts';
import { buildPowerReport } from '#lib/power/power-report.ts';
import { recordReadings } from '#lib/power/readings.ts';
import { reviewMines } from '#lib/power/review-mines.ts';
import { setHeadcountLimits } from '#lib/registry/headcount.ts';
import { type Actor, systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION, DEMO_MINES } from './demo-district.ts';
import { demoFeeds, demoHeadcount } from './demo-monitoring.ts';
import { DEMO_INCIDENTS, demoDeclarations, demoReadings, incidentDates } from './demo-readings.ts';

/**
 * Ninety days of readings for the demo district, with the planted incidents of demo-readings.ts, stored through
 * the same path as a grid import (a mine that under-declared reported its own figure first, as mines do before the
 * grid company's file arrives; the grid's value takes effect and the mine's stays beside it as its declaration),
 * 30 days of the monitoring feeds with each mine's approved headcount (demo-monitoring.ts); then last night's review, so the daily report, the anomalies and their investigation cases are there on first
 * start. (Earlier days can be reviewed with `npm run job -- power-review --date …`; reviewing them all at start
 * would slow the first start past its budget.)
 */
export const DEMO_REVIEWED_DAYS = 1;

/** Who reports a demo mine's own readings: its dispatch office, a plainly fictional demo role. */
const demoMineActor = (m: (typeof DEMO_MINES)[number]): Actor => ({
  sub: `demo-mine-${m.id}`,
  role: 'mine_user',
  name: `${m.name}调度室（演示）`,
});

export async function seedDemoPower(
  db: Db,
): Promise<{ readings: number; monitoringDays: number; reviewedDays: string[] }> {
  const today = todayInShanghai(db.now());
  const actor = systemActor('demo-seed');
  const byMine = demoReadings({ today });
  const declared = demoDeclarations({ today });
  let readings = 0;
  await Promise.all(
    DEMO_MINES.map(async (m) => {
      const rows = byMine.get(m.id) ?? [];
      readings += rows.length;
      const own = declared.get(m.id) ?? [];
      if (own.length)
        await recordReadings(db, demoMineActor(m), { mineId: m.id, jurisdiction: DEMO_JURISDICTION }, own, {
          source: 'mine',
        });
      await recordReadings(db, actor, { mineId: m.id, jurisdiction: DEMO_JURISDICTION }, rows, {
        source: 'grid',
        defaultReason: '演示数据',
      });
    }),
  );
  const monitoringDays = await seedDemoMonitoring(db, today);
  const reviewedDays: string[] = [];
  for (let back = DEMO_REVIEWED_DAYS; back >= 1; back--) {
    const date = addDays(today, -back);
    await reviewMines(
      db,
      date,
      DEMO_MINES.map((m) => m.id),
    );
    await buildPowerReport(db, DEMO_JURISDICTION, date);
    reviewedDays.push(date);
  }
  return { readings, monitoringDays, reviewedDays };
}

/** The networked supervision platform that sends the demo's monitoring feeds: a plainly fictional demo source. */
const DEMO_PLATFORM: Omit<FeedProvenance, 'at'> = {
  source: 'platform',
  byId: 'demo-platform',
  by: '监管联网平台（演示）',
};

/**
 * Each demo mine's approved headcount (set by the bureau, as in production) and 30 days of both monitoring feeds
 * (demo-monitoring.ts), recorded as the platform's on days that hold none yet.
 */
async function seedDemoMonitoring(db: Db, today: string): Promise<number> {
  const bureau = new TenantStore(db, {
    kind: 'bureau',
    sub: 'seed',
    role: 'bureau_admin',
    jurisdiction: DEMO_JURISDICTION,
    name: '演示数据',
  });
  const feeds = demoFeeds({ today });
  let days = 0;
  await Promise.all(
    DEMO_MINES.map(async (m) => {
      const { from, shifts, dutyCrew } = demoHeadcount(m, addDays(today, -400));
      await setHeadcountLimits(bureau, m.id, { from, shifts, dutyCrew, reason: '安全生产许可证核定下井人数（演示）' });
      const own = feeds.get(m.id) ?? [];
      days += own.length;
      await putNewFeedDays(db, m.id, { ...DEMO_PLATFORM, at: db.now().toISOString() }, own);
    }),
  );
  return days;
}

/** How far back `npm start` reviews the demo's ordinary days, so the charts show the baseline band over them. */
export const DEMO_HISTORY_DAYS = 60;

/**
 * The nightly review of the demo's ordinary days (from 60 days back, none an incident day), oldest first, with
 * their daily reports: what a district that has used the product for two months would have. The incident days
 * before yesterday stay unreviewed, so the cases, the credit records and the reminders are those of last night's
 * review alone; `npm run job -- power-review --date …` reviews them.
 */
export async function seedDemoReviewHistory(db: Db): Promise<string[]> {
  const today = todayInShanghai(db.now());
  const incidentDays = new Set(DEMO_INCIDENTS.flatMap((i) => incidentDates(i, today)));
  const days: string[] = [];
  for (let back = DEMO_HISTORY_DAYS; back > DEMO_REVIEWED_DAYS; back--) {
    const date = addDays(today, -back);
    if (incidentDays.has(date)) continue;
    await reviewMines(
      db,
      date,
      DEMO_MINES.map((m) => m.id),
    );
    await buildPowerReport(db, DEMO_JURISDICTION, date);
    days.push(date);
  }
  return days;
}
