import { RuleError } from '#lib/errors.ts';
import type { HazardView } from '#lib/hazards/index.ts';
import type { HistoryStep } from '#lib/workflow/engine.ts';
import type { AcceptanceRecord } from './acceptance-item.ts';

/**
 * Who took the steps the approval's four-eyes pairs look at (ACCEPTANCE_WORKFLOW): the applicant, the leader of the
 * inspection that made the on-site check (`lead_check`), and whoever recorded the check's conclusion.
 */
export function acceptanceHistory(a: Pick<AcceptanceRecord, 'application' | 'check'>): HistoryStep[] {
  const steps: HistoryStep[] = [{ action: 'apply', by: a.application.appliedBy }];
  if (a.check?.leader)
    steps.push({ action: 'lead_check', by: { sub: a.check.leader.userId, name: a.check.leader.name } });
  if (a.check?.recordedBy) steps.push({ action: 'record_check', by: a.check.recordedBy });
  return steps;
}

/**
 * Open major hazards (重大事故隐患 under 挂牌督办) not yet verified block the approval: a 422 naming each of them
 * (up to ten), or undefined when there is none. General hazards do not block.
 */
export function majorHazardBlock(open: readonly Pick<HazardView, 'hazardId' | 'level' | 'status' | 'description'>[]) {
  const major = open.filter((h) => h.level === 'major' && h.status !== 'verified');
  if (major.length === 0) return undefined;
  const named = major
    .slice(0, 10)
    .map((h) => `${h.hazardId}（${h.description.slice(0, 40)}）`)
    .join('、');
  return new RuleError(
    `该矿有 ${major.length} 项挂牌督办的重大事故隐患尚未验收销号，不能审批复工复产：${named}${major.length > 10 ? ' 等' : ''}`,
    major.slice(0, 10).map((h) => ({ field: 'hazards', message: `重大事故隐患 ${h.hazardId} 未销号` })),
  );
}
