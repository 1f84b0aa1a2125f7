import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import { LISTING_END_KIND, OBJECTION_DUE_KIND } from './entry.ts';

/**
 * A blacklist entry's dates on the due-date index (lib/notifications/dated-kind.ts): the end of the objection period
 * (陈述申辩期) while the notice runs, told to the leaders and to the mine whose notice it is (so it can still object
 * in time), and the end of the listing while it is published, told to the leaders.
 */
export const blacklistObjectionDeadline = remindedKind({
  indexKind: OBJECTION_DUE_KIND,
  reads: ['entryId', 'subjectName'],
  rules: { blacklist_objection: { leadDays: [2], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 } },
  ruleOf: () => 'blacklist_objection',
  reminder: (i, { name, due, stage: s, leaders, theMine }) => ({
    title: `陈述申辩期：${String(i.subjectName ?? name)}`,
    body: `拟列入严重失信主体名单的${String(i.subjectName ?? name)}陈述申辩期${dueWhen(s, due)}：煤矿可在期内提出陈述申辩并提交证明材料；届满后监管部门答复申辩并提交法制审核。`,
    recipients: [...theMine, ...leaders],
    ref: { entityType: 'blacklistEntry', entityId: String(i.entryId) },
  }),
});

export const blacklistListingEnd = remindedKind({
  indexKind: LISTING_END_KIND,
  reads: ['entryId', 'subjectName'],
  rules: { blacklist_end: { leadDays: [30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 } },
  ruleOf: () => 'blacklist_end',
  reminder: (i, { name, due, stage: s, leaders }) => ({
    title: `名单期满：${String(i.subjectName ?? name)}`,
    body: `${String(i.subjectName ?? name)}严重失信主体名单管理期限${dueWhen(s, due)}，期满当日自动移出。`,
    recipients: leaders,
    ref: { entityType: 'blacklistEntry', entityId: String(i.entryId) },
  }),
});
