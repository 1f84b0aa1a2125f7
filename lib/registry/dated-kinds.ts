import { dueWhen, remindedKind, type UnremindedKind } from '#lib/notifications/dated-kind.ts';
import { CERTIFICATE_DUE_KIND, type CertificateItem, certificateTitle } from './certificates.ts';
import { LICENCE_DUE_KIND } from './licences.ts';
import { DUTY_DUE_KIND } from './periodic-duties.ts';
import { STATUS_DUE_KIND } from './status-history.ts';
import { LICENCE_LABELS, type LicenceType, PERIODIC_DUTY_LABELS, type PeriodicDuty } from './vocabulary.ts';

/**
 * The mine file's dated items on the due-date index (lib/notifications/dated-kind.ts): licences expiring and
 * periodic duties falling due, reminded to the mine and its official; a status change scheduled for a day, which
 * the nightly job applies and no one is reminded of.
 */
export const licenceExpiry = remindedKind({
  indexKind: LICENCE_DUE_KIND,
  reads: ['number', 'type'],
  rules: {
    // 安全生产许可证: its extension is applied for three months before expiry, hence the 90-day notice. After expiry a
    // producing mine is reminded daily until the licence is renewed (it leaves that due date) or the mine stops, the
    // leaders too from a week on.
    licence_safety_production: { leadDays: [90, 30, 7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 },
    licence_other: { leadDays: [60, 30, 7], onTheDay: true, dailyOverdue: true, escalateAfterDays: 7 },
  },
  ruleOf: (i) => (i.type === 'safety_production' ? 'licence_safety_production' : 'licence_other'),
  reminder: (i, { rule, name, mineId, mineStatus, due, stage: s, theMine, official, escalation }) => {
    // Overdue, a licence is chased only while the mine produces on it: a stopped mine needs none to stay stopped.
    if (s.daysLeft < 0 && mineStatus !== 'producing') return null;
    const label = LICENCE_LABELS[i.type as LicenceType] ?? String(i.type);
    const extension =
      rule === 'licence_safety_production' && s.daysLeft >= 90 ? '。安全生产许可证须于有效期满前3个月申请延期' : '';
    return {
      title: `证照到期提醒：${name}${label}`,
      body: `${name}${label}（${String(i.number ?? '')}）${dueWhen(s, due)}${extension}。`,
      sms: `${name}${label}${s.daysLeft >= 0 ? `${s.daysLeft}天后到期` : '已过期'}，请及时办理`,
      recipients: [...theMine, ...official, ...escalation],
      ref: { entityType: 'licence', entityId: `${mineId}/${String(i.type)}` },
    };
  },
});

/**
 * A certificate of a safety manager or a special-operations worker expiring: 特种作业操作证 are reviewed within the 60
 * days before expiry, hence the 60-day notice, to the mine and its official. Not chased daily once expired: the
 * mine file shows it expired, and an inspection finds whoever works on it.
 */
export const certificateExpiry = remindedKind({
  indexKind: CERTIFICATE_DUE_KIND,
  reads: ['kind', 'operation', 'holderName', 'certificateNo', 'certificateId'],
  rules: {
    certificate_expiry: { leadDays: [60, 30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  },
  ruleOf: () => 'certificate_expiry',
  reminder: (i, { name, mineId, due, stage: s, theMine, official }) => {
    const c = i as Pick<CertificateItem, 'kind' | 'operation' | 'holderName' | 'certificateNo' | 'certificateId'>;
    const title = certificateTitle(c);
    return {
      title: `人员证书到期提醒：${name}${title}`,
      body: `${name}${title}${dueWhen(s, due)}。特种作业操作证须于期满前60日内申请复审，逾期不得上岗作业。`,
      sms: `${name}${c.holderName}的证书${s.daysLeft > 0 ? `${s.daysLeft}天后到期` : s.daysLeft === 0 ? '今天到期' : '已过期'}，请及时复审或换证`,
      recipients: [...theMine, ...official],
      ref: { entityType: 'certificate', entityId: `${mineId}/${String(c.certificateId)}` },
    };
  },
});

export const periodicDutyDue = remindedKind({
  indexKind: DUTY_DUE_KIND,
  reads: ['duty', 'intervalMonths', 'lastDoneOn'],
  rules: {
    // 瓦斯等级鉴定 takes weeks to commission, hence two months' notice; drills are planned a month ahead.
    gas_grade_appraisal: { leadDays: [60, 30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
    emergency_drill: { leadDays: [30, 7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 },
  },
  ruleOf: (i) => (i.duty === 'gas_grade_appraisal' ? 'gas_grade_appraisal' : 'emergency_drill'),
  reminder: (i, { name, mineId, due, stage: s, theMine, official }) => {
    const label = PERIODIC_DUTY_LABELS[i.duty as PeriodicDuty] ?? String(i.duty);
    return {
      title: `定期工作提醒：${name}${label}`,
      body: `${name}${label}上次于 ${String(i.lastDoneOn)} 完成，每 ${String(i.intervalMonths)} 个月一次，下次${dueWhen(s, due)}。`,
      sms: `${name}${label}${s.daysLeft > 0 ? `${s.daysLeft}天后到期` : s.daysLeft === 0 ? '今天到期' : '已逾期'}，请按期完成`,
      recipients: [...theMine, ...official],
      ref: { entityType: 'periodicDuty', entityId: `${mineId}/${String(i.duty)}` },
    };
  },
});

export const statusChangeDue: UnremindedKind = {
  indexKind: STATUS_DUE_KIND,
  notReminded: 'a scheduled status change is applied on its day by the nightly job mine-status-effective',
};
