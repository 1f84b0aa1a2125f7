import { type DueItem, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { ENFORCEMENT_PLAN_DUE_KIND, type PlanItem } from './plan-item.ts';

/**
 * A month of an approved enforcement plan on the due-date index (due the month's last day) while it has planned
 * inspections not done: their team leaders (带队负责人) are told a week before and on the day, then daily while
 * overdue, with the jurisdiction's leaders from a week overdue. Each stage is one reminder (the scan keys it by the
 * entry and the stage), so nobody is told the same thing twice. Never told to the mines.
 */
const pendingOf = (i: DueItem<'pending'>): PlanItem[] =>
  Object.values((i.pending as Record<string, PlanItem> | undefined) ?? {});

export const enforcementPlanMonth = remindedKind({
  indexKind: ENFORCEMENT_PLAN_DUE_KIND,
  reads: ['month', 'pending', 'planId', 'year'],
  rules: { enforcement_plan: { leadDays: [7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 } },
  ruleOf: (i) => (pendingOf(i).length > 0 ? 'enforcement_plan' : null),
  reminder: (i, { due, stage: s, escalation }) => {
    const pending = pendingOf(i);
    if (pending.length === 0) return null;
    const leaders = new Map<string, Recipient>();
    for (const p of pending)
      leaders.set(p.leader.userId, { type: 'user', userId: p.leader.userId, name: p.leader.name });
    const mines = [...new Set(pending.map((p) => p.mineName))];
    const listed = mines.slice(0, 5).join('、') + (mines.length > 5 ? ` 等 ${mines.length} 处` : '');
    const month = `${String(i.year)}年${String(i.month)}月`;
    return {
      title: `执法计划${s.daysLeft < 0 ? '逾期' : '到期'}：${month}`,
      body:
        s.daysLeft >= 0
          ? `${month}执法计划尚有 ${pending.length} 项检查未完成（${listed}），须于 ${due} 前完成并按计划记录。`
          : `${month}执法计划有 ${pending.length} 项检查逾期未完成（${listed}），已逾期 ${-s.daysLeft} 天，请尽快检查并按计划记录${s.escalate ? '；已报局领导' : ''}。`,
      sms: `${month}执法计划${s.daysLeft < 0 ? `逾期${-s.daysLeft}天` : '到期'}，${pending.length}项未完成`,
      recipients: [...leaders.values(), ...escalation],
      ref: { entityType: 'enforcementPlan', entityId: String(i.planId) },
    };
  },
});
