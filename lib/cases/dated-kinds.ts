import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { CASE_DUE_KIND } from './case-item.ts';

/**
 * An investigation case's deadline on the due-date index (lib/notifications/dated-kind.ts), while it is pending:
 * its assignee (else the mine's official, else the leaders) is reminded the day before and on the day, then daily,
 * with the leaders from the first day overdue.
 */
export const caseDeadline = remindedKind({
  indexKind: CASE_DUE_KIND,
  reads: ['assignee', 'caseId', 'ruleLabel'],
  rules: { case: { leadDays: [1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 1 } },
  ruleOf: () => 'case',
  reminder: (i, { name, due, stage: s, official, leaders, escalation }) => {
    const assignee = i.assignee as { userId: string; name: string } | undefined;
    const handlers: readonly Recipient[] = assignee
      ? [{ type: 'user', userId: assignee.userId, name: assignee.name }]
      : official;
    return {
      title: `调查核实案件办理期限：${name}`,
      body: `${name}“${String(i.ruleLabel ?? '')}”调查核实案件办理期限${dueWhen(s, due)}。`,
      sms: `${name}用电异常案件${s.daysLeft >= 0 ? '即将到期' : `逾期${-s.daysLeft}天`}，请办理`,
      recipients: [...(handlers.length ? handlers : leaders), ...escalation],
      ref: { entityType: 'case', entityId: String(i.caseId) },
    };
  },
});
