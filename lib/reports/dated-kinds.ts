import { dueWhen, remindedKind } from '#lib/notifications/dated-kind.ts';
import { MONTHLY_REPORT_DUE_KIND } from './monthly-item.ts';

/**
 * A district's monthly report not yet submitted (or returned by the city), due by the city's reporting day: the
 * district's admins (its leaders) are reminded three days and one day before, on the day, and each day it is late.
 * Submitting takes it off the index. Never the mines: reporting upward is the bureau's duty.
 */
export const monthlyReportDue = remindedKind({
  indexKind: MONTHLY_REPORT_DUE_KIND,
  reads: ['jurisdiction', 'month', 'state'],
  rules: { monthly_report: { leadDays: [3, 1], onTheDay: true, dailyOverdue: true, escalateAfterDays: 0 } },
  ruleOf: (i) => (i.state === 'due' || i.state === 'returned' ? 'monthly_report' : null),
  reminder: (i, { due, stage: s, leaders }) => {
    const [y, m] = String(i.month).split('-');
    const month = `${y}年${Number(m)}月`;
    const returned = i.state === 'returned';
    return {
      title: `${s.daysLeft < 0 ? '月报逾期未报送' : '月报报送期限'}：${month}`,
      body: `${month}执法统计月报${returned ? '已被市局退回，须修改后重新报送，' : '尚未报送，'}报送截止${dueWhen(s, due)}。`,
      sms: `${month}月报${s.daysLeft > 0 ? `还有${s.daysLeft}天截止` : s.daysLeft === 0 ? '今天截止' : `逾期${-s.daysLeft}天`}`,
      recipients: [...leaders],
      ref: { entityType: 'monthlyReport', entityId: `${String(i.month)}@${String(i.jurisdiction)}` },
    };
  },
});
