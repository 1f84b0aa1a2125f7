/**
 * The Chinese a bureau officer reads for the API's codes. Where a record carries its own label (statusLabel,
 * tierLabel, ruleLabel…) the pages show that one; these cover filters, counts and codes that come without a label.
 * The vocabularies the server defines come from its own plain-data modules, so a status, rule or tier reads the same
 * in the API's answers and on every page; only the words the server never uses are kept here.
 */
import { BUREAU_ROLES as BUREAU_ROLE_CODES, type Role } from '#lib/auth/roles.ts';
import type { SubjectType } from '#lib/blacklist/vocabulary.ts';
import { CASE_HANDLERS as CASE_HANDLER_CODES } from '#lib/cases/vocabulary.ts';
import type { Severity, Verdict } from '#lib/findings/vocabulary.ts';
import { RULE_LABELS } from '#lib/findings/vocabulary.ts';

export { ROLE_LABELS, type Role } from '#lib/auth/roles.ts';
export { BLACKLIST_STATUS_LABELS, SCOPE_LABELS, SCOPES } from '#lib/blacklist/vocabulary.ts';
export {
  CASE_ACTION_FROM,
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  CASE_STEP_LABELS,
  type CaseAction,
  PENDING_STATUSES as CASE_PENDING_STATUSES,
} from '#lib/cases/vocabulary.ts';
export { TIER_LABELS, TIERS } from '#lib/credit/tiers.ts';
export { RULE_LABELS } from '#lib/findings/vocabulary.ts';
export { HAZARD_STATUS_LABELS, OPEN_STATUSES as HAZARD_OPEN_STATUSES } from '#lib/hazards/vocabulary.ts';
export {
  CIRCUIT_LABELS,
  GAS_GRADE_LABELS,
  HYDROGEOLOGY_LABELS,
  MINE_STATUS_LABELS,
  STANDARDISATION_LABELS,
} from '#lib/registry/vocabulary.ts';

export const BUREAU_ROLES: readonly Role[] = BUREAU_ROLE_CODES;
export const isBureau = (role: Role | undefined): boolean => !!role && BUREAU_ROLES.includes(role);
/** The roles that act on a case (the API refuses the others). */
export const CASE_HANDLERS: readonly Role[] = CASE_HANDLER_CODES;

export const VERDICT_LABELS: Record<Verdict, string> = { normal: '正常', anomaly: '异常', no_data: '无数据' };
export const SEVERITY_LABELS: Record<Severity, string> = { low: '低', medium: '中', high: '高', critical: '严重' };
export const SEVERITY_ORDER: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const SUBJECT_TYPE_LABELS: Record<SubjectType, string> = { enterprise: '企业', person: '个人' };

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  'credit.tier_changed': '信用等级变化',
  'blacklist.published': '列入黑名单',
  'blacklist.check_alert': '名单查询异常',
  'case.opened': '立案核实',
  'hazard.major_listed': '重大隐患挂牌',
  'mine.identity_clash': '建档编号冲突',
  reminder: '到期提醒',
};
export const NOTIFICATION_STATUS_LABELS: Record<string, string> = {
  queued: '待发送',
  sent: '已发送',
  failed: '发送失败',
};
export const NOTICE_SEVERITY_LABELS: Record<string, string> = { info: '一般', warning: '提醒', critical: '紧急' };
export const CHANNEL_LABELS: Record<string, string> = { in_app: '站内', email: '邮件', sms: '短信' };
export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  sent: '已送达',
  held: '夜间暂缓',
  failed: '失败',
  pending: '待发送',
  queued: '待发送',
};

/** A label for a code, or the code itself when the vocabulary does not know it (a newer server). */
export const label = (labels: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code ? (labels[code] ?? code) : '';

/** A review rule as a bureau officer names it (the same names the cases carry). */
export const ruleLabel = (rule: string): string => label(RULE_LABELS, rule);

/** The colour of a status badge. */
export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

const TONES: Record<string, Tone> = {
  // mines
  producing: 'ok',
  suspended: 'warn',
  rectifying: 'warn',
  construction: 'info',
  closed: 'muted',
  // verdicts and severities
  normal: 'ok',
  anomaly: 'bad',
  no_data: 'warn',
  low: 'info',
  medium: 'warn',
  high: 'bad',
  critical: 'bad',
  // cases
  open: 'warn',
  investigating: 'info',
  confirmed: 'bad',
  dismissed: 'muted',
  // hazards
  reported: 'warn',
  submitted: 'info',
  verified: 'ok',
  // blacklist
  proposed: 'warn',
  notice_served: 'warn',
  under_review: 'info',
  published: 'bad',
  rejected: 'muted',
  withdrawn: 'muted',
  expired: 'muted',
  removed: 'ok',
  // tiers
  A: 'ok',
  B: 'info',
  C: 'warn',
  D: 'bad',
  // notifications
  queued: 'info',
  sent: 'ok',
  failed: 'bad',
  info: 'info',
  warning: 'warn',
};
export const toneOf = (code: string | null | undefined): Tone => (code ? (TONES[code] ?? 'muted') : 'muted');
