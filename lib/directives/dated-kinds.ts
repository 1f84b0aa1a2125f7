import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import { DIRECTIVE_DUE_KIND } from './directive-item.ts';
import { DIRECTIVE_KIND_LABELS, type DirectiveKind } from './vocabulary.ts';

/**
 * A directive's deadline (办理期限) on the due-date index (lib/notifications/dated-kind.ts), while it is open: the
 * mine (which must answer) and its official are reminded three days before and on the day, then daily while it is
 * overdue, with the leaders from the third day overdue. Closing it (every item accepted) takes it off the index.
 */
export const directiveDeadline = remindedKind({
  indexKind: DIRECTIVE_DUE_KIND,
  reads: ['directiveId', 'documentNo', 'kind', 'mineName', 'status', 'subject'],
  rules: { directive: { leadDays: [3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: (i) => (i.status === 'open' ? 'directive' : null),
  reminder: (i, { name, due, stage: s, theMine, official, escalation }) => {
    const mineName = name || String(i.mineName ?? '');
    const label = DIRECTIVE_KIND_LABELS[i.kind as DirectiveKind] ?? '督办文书';
    const no = typeof i.documentNo === 'string' ? `（${i.documentNo}）` : '';
    return {
      title: `${label}办理期限：${mineName}`,
      body: `${mineName}${label}${no}“${String(i.subject ?? '')}”办理期限${dueWhen(s, due)}${s.daysLeft < 0 ? '，仍有事项未办结' : ''}${s.escalate ? '，已报局领导' : ''}。`,
      sms: `${mineName}${label}${s.daysLeft > 0 ? `办理期限还有${s.daysLeft}天` : s.daysLeft === 0 ? '今天到期' : `已逾期${-s.daysLeft}天`}`,
      recipients: [...theMine, ...official, ...escalation],
      ref: { entityType: 'directive', entityId: String(i.directiveId) },
    };
  },
});
