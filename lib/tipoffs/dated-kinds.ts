import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import type { Recipient } from '#lib/notifications/notification.ts';
import { TIPOFF_DUE_KIND } from './tipoff-item.ts';

/**
 * An open tip-off's deadline to conclude (the policy's days from receipt), on the due-date index while it is
 * received or accepted: told to its assigned handlers and the jurisdiction's leaders, before, on the day and each day
 * overdue. Never to the mine (the index entry names no mine), and the reminder says nothing of the reporter.
 */
export const tipoffDeadline = remindedKind({
  indexKind: TIPOFF_DUE_KIND,
  reads: ['handlers', 'mineName', 'tipoffId'],
  rules: { tipoff: { leadDays: [7, 1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: () => 'tipoff',
  reminder: (i, { due, stage: s, leaders }) => {
    const handlers = ((i.handlers ?? []) as { userId: string; name: string }[]).map(
      (h): Recipient => ({ type: 'user', userId: h.userId, name: h.name }),
    );
    return {
      title: `举报办理期限：${String(i.mineName)}`,
      body: `举报（${String(i.tipoffId)}）办结期限${dueWhen(s, due)}，请按期核查并答复。`,
      recipients: [...handlers, ...leaders],
      ref: { entityType: 'tipoff', entityId: String(i.tipoffId) },
    };
  },
});
