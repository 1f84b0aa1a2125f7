import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { hazardKey } from './hazard-item.ts';

/**
 * A hazard's rectification deadline on the due-date index (lib/notifications/dated-kind.ts), while it is open:
 * the mine, its official and the hazard's supervising official are reminded before and on the day, then daily,
 * with the leaders once it is overdue long enough; once the mine has reported the fix, the bureau owes the check.
 */
export const hazardDeadline = remindedKind({
  indexKind: hazardKey.dueKind,
  reads: ['description', 'hazardId', 'level', 'status', 'supervision'],
  rules: { hazard: { leadDays: [3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: () => 'hazard',
  reminder: (i, { name, due, stage: s, theMine, official, leaders, escalation }) => {
    const supervision = i.supervision as { official: { userId: string; name: string } } | undefined;
    const supervisor: Recipient[] = supervision
      ? [{ type: 'user', userId: supervision.official.userId, name: supervision.official.name }]
      : [];
    if (i.status === 'submitted') {
      // The mine has reported the fix: the bureau owes the check (验收), not the mine.
      return {
        title: `隐患待验收：${name}`,
        body: `${name}已提交隐患“${String(i.description ?? '')}”的整改材料，整改期限${dueWhen(s, due)}，请及时验收销号。`,
        sms: `${name}隐患整改已提交，待验收`,
        recipients: [...(official.length || supervisor.length ? [...official, ...supervisor] : leaders), ...escalation],
        ref: { entityType: 'hazard', entityId: String(i.hazardId) },
      };
    }
    return {
      title: `隐患整改期限：${name}`,
      body: `${name}${i.level === 'major' ? '重大事故隐患' : '事故隐患'}“${String(i.description ?? '')}”整改期限${dueWhen(s, due)}${s.escalate ? '，已报局领导督办' : ''}。`,
      sms: `${name}隐患整改${s.daysLeft >= 0 ? `期限${s.daysLeft === 0 ? '为今天' : `还有${s.daysLeft}天`}` : `已逾期${-s.daysLeft}天`}`,
      recipients: [...theMine, ...official, ...supervisor, ...escalation],
      ref: { entityType: 'hazard', entityId: String(i.hazardId) },
    };
  },
});
