import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { ACCEPTANCE_DUE_KIND, type AcceptanceCheck } from './acceptance-item.ts';

/**
 * A 复工复产验收 waiting for the bureau on the due-date index (lib/notifications/dated-kind.ts): the on-site check
 * within the policy's checkDays of the application, the approval within its approvalDays of the check's conclusion
 * (./acceptance-policy.ts). The mine's official (else the leaders) is reminded the day before and on the day, then
 * daily, with the leaders from the third day overdue; while the check is under way its leader is reminded too. A
 * mine waiting to resume has every reason to push: the reminder keeps the bureau from sitting on it.
 */
export const acceptanceDue = remindedKind({
  indexKind: ACCEPTANCE_DUE_KIND,
  reads: ['acceptanceId', 'check', 'status'],
  rules: { acceptance: { leadDays: [1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: (i) => (i.status === 'applied' || i.status === 'checking' || i.status === 'checked' ? 'acceptance' : null),
  reminder: (i, { name, due, stage: s, official, leaders, escalation }) => {
    const check = i.check as AcceptanceCheck | undefined;
    const leader: Recipient[] =
      i.status === 'checking' && check?.leader
        ? [{ type: 'user', userId: check.leader.userId, name: check.leader.name }]
        : [];
    const step = i.status === 'checked' ? '审批' : '现场检查';
    const handlers = [...official, ...leader];
    return {
      title: `复工复产验收待${step}：${name}`,
      body: `${name}的复工复产验收申请待${step}，办理期限${dueWhen(s, due)}${s.escalate ? '，已报局领导' : ''}。`,
      sms: `${name}复工复产验收待${step}${s.daysLeft >= 0 ? '' : `，已逾期${-s.daysLeft}天`}`,
      recipients: [...(handlers.length ? handlers : leaders), ...escalation],
      ref: { entityType: 'acceptance', entityId: String(i.acceptanceId) },
    };
  },
});
