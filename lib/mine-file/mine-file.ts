import { recentAccidents } from '#lib/accidents/accidents.ts';
import { pendingCasesOf } from '#lib/cases/case-queries.ts';
import { recentDirectives } from '#lib/directives/directives.ts';
import { openHazardsOf } from '#lib/hazards/hazards.ts';
import { recentInspections } from '#lib/inspections/inspections.ts';
import { recentInterviews } from '#lib/interviews/interviews.ts';
import { recentPenalties } from '#lib/penalties/penalty-queries.ts';
import { type MineItem, mineView } from '#lib/registry/mine-item.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { recentViolations } from '#lib/violations/violation-records.ts';

/**
 * One page of a mine's file (一矿一档): its profile with open hazards, recent violations, penalties, inspections,
 * interviews (约谈), 督办函 and 监管监察意见书, accidents and open investigation cases, read side by side. A read
 * model above the capabilities: it reads each one's records, and none of them reads it, so the registry every capability builds on stays below them all.
 */
export const RECORD_LIMIT = 20;

export async function mineRecord(store: TenantStore, mineId: string) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const [openHazards, violations, penalties, inspections, interviews, directives, accidents, openCases] =
    await Promise.all([
      openHazardsOf(db, mineId),
      recentViolations(db, mineId, RECORD_LIMIT),
      recentPenalties(db, mineId, RECORD_LIMIT),
      recentInspections(db, mineId, RECORD_LIMIT),
      recentInterviews(db, mineId, RECORD_LIMIT),
      recentDirectives(db, mineId, RECORD_LIMIT),
      recentAccidents(db, mineId, RECORD_LIMIT),
      pendingCasesOf(db, mineId, store.now()),
    ]);
  return {
    mine: mineView(mine),
    openHazards,
    violations,
    penalties,
    inspections,
    interviews,
    directives,
    accidents,
    openCases,
  };
}
