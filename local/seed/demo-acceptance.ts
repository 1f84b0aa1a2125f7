import { actOnAcceptance, applyForAcceptance, listMineAcceptances } from '#lib/acceptance/acceptances.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION } from './demo-district.ts';

/**
 * One 复工复产验收 of the demo district, so a newcomer sees the loop half-way: m-demo10 (suspended) has applied with
 * its rectification report, the bureau's on-site check (an inspection led by a plainly fictional team leader) is
 * recorded, and it waits for a bureau_admin's approval. The demo admin (dev-bureau_admin) neither led nor recorded
 * the check, so he may approve it from the dashboard. Written through the functions the API uses; idempotent (a
 * mine that already has an acceptance gets none).
 */
export const DEMO_ACCEPTANCE_MINE = 'm-demo10';

const MINE_USER: Principal = {
  kind: 'mine',
  sub: `seed-mine_user-${DEMO_ACCEPTANCE_MINE}`,
  role: 'mine_user',
  mineId: DEMO_ACCEPTANCE_MINE,
  name: '东山演示十矿安全科（演示）',
};
const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-acceptance-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队周某（演示）',
};

export async function seedDemoAcceptance(db: Db): Promise<{ acceptanceId: string; status: string } | undefined> {
  const mine = new TenantStore(db, MINE_USER);
  const inspector = new TenantStore(db, INSPECTOR);
  const existing = await listMineAcceptances(inspector, DEMO_ACCEPTANCE_MINE, { limit: 1 });
  if (existing.items.length > 0) return undefined;
  const applied = await applyForAcceptance(mine, DEMO_ACCEPTANCE_MINE, {
    report:
      '按停产整改通知完成整改：一、主要通风机更换并完成性能测定；二、井下供电系统恢复双回路；三、补齐安全监控传感器并联网调试；四、全员复工前安全培训完毕。',
    evidence: ['整改报告（演示）.pdf', '通风机性能测定报告（演示）.pdf'],
  });
  const inspection = await createInspection(inspector, DEMO_ACCEPTANCE_MINE, {
    kind: 'done',
    doneOn: todayInShanghai(db.now()),
    inspectors: [
      { userId: 'seed-acceptance-leader', name: '监管中队吴某（演示）' },
      { userId: INSPECTOR.sub, name: INSPECTOR.name! },
    ],
    summary: '复工复产验收现场检查：通风、供电、安全监控、人员培训',
    findings: { hazardIds: [], violationIds: [] },
  });
  const assigned = await actOnAcceptance(inspector, applied.acceptanceId, {
    action: 'assign_check',
    version: applied.version,
    inspectionId: inspection.inspectionId,
  });
  const checked = await actOnAcceptance(inspector, applied.acceptanceId, {
    action: 'record_check',
    version: assigned.version,
    findings: '现场核查：整改通知所列四项均已完成，通风系统可靠，双回路供电正常，监控系统联网运行，同意提请审批。',
  });
  return { acceptanceId: checked.acceptanceId, status: checked.status };
}
