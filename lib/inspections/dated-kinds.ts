import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { INSPECTION_DUE_KIND, type Inspector, TIER_INSPECTION_DUE_KIND } from './inspection-item.ts';

/**
 * Inspections on the due-date index (lib/notifications/dated-kind.ts). Neither is told to the mine: an enforcement
 * inspection is not announced to the mine it inspects.
 *
 * - A mine's next inspection under differential supervision (差异化监管), written with its credit classification:
 *   only the dishonest tiers (C, D) are chased, to the mine's official (else the leaders).
 * - A planned inspection (计划检查), while it is planned: its inspectors (else the mine's official, else the leaders)
 *   are reminded before and on its day, then daily until it is done or cancelled, with the leaders once it is a
 *   week late.
 */
export const tierInspectionDue = remindedKind({
  indexKind: TIER_INSPECTION_DUE_KIND,
  reads: ['tier'],
  rules: { inspection: { leadDays: [7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 } },
  // Differential supervision: only the dishonest tiers are chased for their inspections.
  ruleOf: (i) => (i.tier === 'C' || i.tier === 'D' ? 'inspection' : null),
  reminder: (i, { name, mineId, due, stage: s, official, leaders, escalation }) => ({
    title: `差异化监管检查：${name}`,
    body: `${name}安全信用为${String(i.tier)}级，按计划应于 ${due} 前检查，${dueWhen(s, due)}。`,
    recipients: [...(official.length ? official : leaders), ...escalation],
    ref: { entityType: 'credit', entityId: String(mineId) },
  }),
});

export const plannedInspection = remindedKind({
  indexKind: INSPECTION_DUE_KIND,
  reads: ['inspectionId', 'inspectors', 'purpose'],
  rules: { inspection_planned: { leadDays: [3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 } },
  ruleOf: () => 'inspection_planned',
  reminder: (i, { name, due, stage: s, official, leaders, escalation }) => {
    const inspectors: Recipient[] = ((i.inspectors as readonly Inspector[] | undefined) ?? []).map((p) => ({
      type: 'user',
      userId: p.userId,
      name: p.name,
    }));
    const handlers = inspectors.length ? inspectors : official;
    const purpose = typeof i.purpose === 'string' && i.purpose ? `（${i.purpose}）` : '';
    return {
      title: `计划检查：${name}`,
      body:
        s.daysLeft >= 0
          ? `${name}执法检查${purpose}计划于 ${due} 进行，${s.daysLeft === 0 ? '即今天' : `还有 ${s.daysLeft} 天`}，请按计划检查并记录结果。`
          : `${name}执法检查${purpose}计划于 ${due} 进行，已逾期 ${-s.daysLeft} 天仍未记录检查结果，请检查后记录或取消计划${s.escalate ? '；已报局领导' : ''}。`,
      sms: `${name}计划检查${s.daysLeft > 0 ? `${s.daysLeft}天后` : s.daysLeft === 0 ? '为今天' : `已逾期${-s.daysLeft}天`}`,
      recipients: [...(handlers.length ? handlers : leaders), ...escalation],
      ref: { entityType: 'inspection', entityId: String(i.inspectionId) },
    };
  },
});
