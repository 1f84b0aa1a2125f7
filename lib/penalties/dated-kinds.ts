import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import { PENALTY_DUE_KIND, PUBLICATION_DUE_KIND } from './penalty-keys.ts';
import { PENALTY_KIND_LABELS, type PenaltyKind } from './vocabulary.ts';

/**
 * A penalty's execution due date (`executionDue`, `executionDueDays` after it took effect) on the due-date index
 * (lib/notifications/dated-kind.ts), while it is in force and not executed: the mine (which must execute it) and
 * its official are reminded a week and three days before and on the day, then daily while it is overdue, with the
 * leaders from the third day overdue, as for a hazard's deadline. Executing it takes it off the index.
 */
export const penaltyExecutionDue = remindedKind({
  indexKind: PENALTY_DUE_KIND,
  reads: ['decisionNo', 'kind', 'mineName', 'penaltyId'],
  rules: { penalty_execution: { leadDays: [7, 3], onTheDay: true, dailyOverdue: true, escalateAfterDays: 3 } },
  ruleOf: () => 'penalty_execution',
  reminder: (i, { name, due, stage: s, theMine, official, escalation }) => {
    const mineName = name || String(i.mineName ?? '');
    const label = PENALTY_KIND_LABELS[i.kind as PenaltyKind] ?? '行政处罚';
    const decision = typeof i.decisionNo === 'string' && i.decisionNo ? `（${i.decisionNo}）` : '';
    return {
      title: `行政处罚执行期限：${mineName}`,
      body: `${mineName}行政处罚“${label}”${decision}执行期限${dueWhen(s, due)}${s.daysLeft < 0 ? '，逾期未执行' : ''}${s.escalate ? '，已报局领导督办' : ''}。`,
      sms: `${mineName}行政处罚${s.daysLeft > 0 ? `执行期限还有${s.daysLeft}天` : s.daysLeft === 0 ? '今天执行期满' : `逾期未执行${-s.daysLeft}天`}`,
      recipients: [...theMine, ...official, ...escalation],
      ref: { entityType: 'penalty', entityId: String(i.penaltyId) },
    };
  },
});

/**
 * A decision in force awaiting publication (执法公示), due on the last working day the disclosure policy allows: on
 * the index from the day it takes effect until the nightly run publishes it (a run that failed, a decision recorded
 * late). The bureau's leaders are reminded three days and one day before, on the day, and each day it is late;
 * never the mine (publishing is the bureau's duty).
 */
export const publicationDue = remindedKind({
  indexKind: PUBLICATION_DUE_KIND,
  reads: ['decisionNo', 'kind', 'mineName', 'penaltyId'],
  rules: { disclosure_publication: { leadDays: [3, 1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 0 } },
  ruleOf: () => 'disclosure_publication',
  reminder: (i, { name, due, stage: s, leaders }) => {
    const mineName = name || String(i.mineName ?? '');
    const label = PENALTY_KIND_LABELS[i.kind as PenaltyKind] ?? '行政处罚';
    const decision = typeof i.decisionNo === 'string' && i.decisionNo ? `（${i.decisionNo}）` : '';
    return {
      title: `${s.daysLeft < 0 ? '逾期未公示' : '执法公示期限'}：${mineName}`,
      body: `${mineName}行政处罚“${label}”${decision}应公示截止${dueWhen(s, due)}${s.daysLeft < 0 ? '，尚未公示，请核实公示任务并及时公示' : '，尚未公示'}。`,
      recipients: [...leaders],
      ref: { entityType: 'penalty', entityId: String(i.penaltyId) },
    };
  },
});
