import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { creditPolicyFor } from '#lib/credit/credit-policy.ts';
import { approvePlan } from '#lib/enforcement-plan/plan-decision.ts';
import { createPlan, editPlan, plansOfYear } from '#lib/enforcement-plan/plans.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { createInspectionBody } from '#lib/inspections/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION } from './demo-jurisdiction.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * The demo district's enforcement plan (执法计划) of the current year, written through the functions the API uses:
 * drafted by the district's inspector from the mines' credit tiers, half of the mines given to a second team led
 * by the district's leader, approved by that leader (the second signature), then inspections recorded against it:
 * the months before last are mostly done (every fourth left overdue), last month's overdue, this month's due.
 */
const bureau = (u: { sub: string; role: 'inspector' | 'bureau_admin'; name: string }): Principal => ({
  kind: 'bureau',
  sub: u.sub,
  role: u.role,
  jurisdiction: DEMO_JURISDICTION,
  name: u.name,
});

export interface DemoPlan {
  readonly year: number;
  readonly items: number;
  readonly done: number;
  readonly existing: boolean;
}

export async function seedDemoPlan(db: Db): Promise<DemoPlan> {
  const drafter = new TenantStore(db, bureau(DEMO_USERS.inspector));
  const admin = new TenantStore(db, bureau(DEMO_USERS.bureau_admin));
  const today = todayInShanghai(db.now());
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const found = (await plansOfYear(drafter, year)).items[0];
  if (found) return { year, items: found.items.length, done: found.progress.done, existing: true };

  const draft = await createPlan(drafter, { year }, async (j) => (await creditPolicyFor(db, j)).inspectionsPerYear);
  const mines = [...new Set(draft.draft!.items.map((i) => i.mineId))];
  const second = new Set(mines.filter((_, k) => k % 2 === 1));
  const team = await editPlan(drafter, draft.planId, {
    version: draft.version,
    changes: draft
      .draft!.items.filter((i) => second.has(i.mineId))
      .map((i) => ({
        itemId: i.itemId,
        leaderUserId: DEMO_USERS.bureau_admin.sub,
        memberUserIds: [DEMO_USERS.inspector.sub],
      })),
  });
  const plan = await approvePlan(admin, draft.planId, { version: team.version });

  let done = 0;
  for (const [k, item] of plan.items.entries()) {
    if (item.month >= month - 1 || k % 4 === 3) continue;
    const doneOn = `${year}-${String(item.month).padStart(2, '0')}-${String(10 + (k % 15)).padStart(2, '0')}`;
    await createInspection(
      drafter,
      item.mineId,
      z.parse(createInspectionBody, {
        kind: 'done',
        doneOn,
        inspectors: [item.leader, ...item.members],
        purpose: `${year} 年度执法计划第 ${item.month} 月检查`,
        summary: '按年度执法计划检查，未发现新的重大事故隐患（演示）。',
        planItem: { planId: plan.planId, itemId: item.itemId },
      }),
    );
    done++;
  }
  return { year, items: plan.items.length, done, existing: false };
}
