/**
 * The Chinese a bureau officer reads for the API's codes. Where a record carries its own label (statusLabel,
 * tierLabel, ruleLabel…) the pages show that one; these cover filters, counts and codes that come without a label.
 */
export type Role = 'bureau_admin' | 'inspector' | 'legal_reviewer' | 'mine_user' | 'partner_dept';
export const BUREAU_ROLES: readonly Role[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
export const isBureau = (role: Role | undefined): boolean => !!role && BUREAU_ROLES.includes(role);

export const ROLE_LABELS: Record<Role, string> = {
  bureau_admin: '煤管局领导',
  inspector: '监管中队',
  legal_reviewer: '法制审核',
  mine_user: '煤矿用户',
  partner_dept: '协同部门',
};

export const MINE_STATUS_LABELS: Record<string, string> = { producing: '生产', suspended: '停产', rectifying: '停产整顿', construction: '建设/技改', closed: '关闭' };
export const GAS_GRADE_LABELS: Record<string, string> = { low: '低瓦斯', high: '高瓦斯', outburst: '煤与瓦斯突出' };
export const STANDARDISATION_LABELS: Record<string, string> = { grade1: '一级', grade2: '二级', grade3: '三级', none: '未达标' };

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export const TIER_LABELS: Record<string, string> = { A: '守信', B: '基本守信', C: '失信', D: '严重失信' };

export const VERDICT_LABELS: Record<string, string> = { normal: '正常', anomaly: '异常', no_data: '无数据', unknown: '未审查' };
export const SEVERITY_LABELS: Record<string, string> = { low: '低', medium: '中', high: '高', critical: '严重' };
export const SEVERITY_ORDER: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const RULE_LABELS: Record<string, string> = {
  SUSPENDED_OVER_MAINTENANCE: '停产矿井用电超维持性负荷',
  CLOSED_CONSUMPTION: '关闭矿井仍有用电',
  OVER_CAPACITY: '超核定能力用电',
  NIGHT_PRODUCTION: '停产矿井夜间用电异常',
  HOIST_SHARE: '提升机用电占比异常升高',
  SPIKE: '用电量突增',
  FLATLINE_OR_DROP: '电量恒定或骤降',
  MISSING: '未按时报送电量',
  REVISED_AFTER_REVIEW: '审查后修改电量数据',
};

export const CASE_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed', 'closed'] as const;
export const CASE_STATUS_LABELS: Record<string, string> = { open: '待核实', investigating: '核实中', confirmed: '已认定', dismissed: '已排除', closed: '已结案' };
export const CASE_ACTION_LABELS: Record<string, string> = { assign: '指派承办人', start: '开始核实', confirm: '认定违法', dismiss: '排除', close: '结案' };
/** The case's state machine (lib/cases/case-actions.ts): from which statuses each action may be taken. */
export const CASE_ACTION_FROM: Record<string, readonly string[]> = {
  assign: ['open', 'investigating'],
  start: ['open'],
  confirm: ['investigating'],
  dismiss: ['open', 'investigating'],
  close: ['confirmed', 'dismissed'],
};
export const CASE_HANDLERS: readonly Role[] = ['bureau_admin', 'inspector'];

export const HAZARD_STATUSES = ['reported', 'rectifying', 'submitted', 'verified'] as const;
export const HAZARD_OPEN_STATUSES = ['reported', 'rectifying', 'submitted'] as const;
export const HAZARD_STATUS_LABELS: Record<string, string> = { reported: '已登记', rectifying: '整改中', submitted: '待验收', verified: '已销号' };

export const BLACKLIST_STATUSES = ['proposed', 'notice_served', 'under_review', 'published', 'rejected', 'withdrawn', 'expired', 'removed'] as const;
export const BLACKLIST_STATUS_LABELS: Record<string, string> = {
  proposed: '拟列入（待告知）',
  notice_served: '已事先告知（陈述申辩期）',
  under_review: '法制审核中',
  published: '已列入并公示',
  rejected: '法制审核未通过',
  withdrawn: '已撤回',
  expired: '期满移出',
  removed: '提前移出（信用修复）',
};
export const SUBJECT_TYPE_LABELS: Record<string, string> = { enterprise: '企业', person: '个人' };
export const SCOPES = ['project_approval', 'design_approval', 'safety_licence', 'qualification'] as const;
export const SCOPE_LABELS: Record<string, string> = { project_approval: '项目核准', design_approval: '设计审批', safety_licence: '安全许可', qualification: '从业资格准入' };

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  'credit.tier_changed': '信用等级变化',
  'blacklist.published': '列入黑名单',
  'case.opened': '立案核实',
  'hazard.major_listed': '重大隐患挂牌',
  reminder: '到期提醒',
};
export const NOTIFICATION_STATUS_LABELS: Record<string, string> = { queued: '待发送', sent: '已发送', failed: '发送失败' };
export const NOTICE_SEVERITY_LABELS: Record<string, string> = { info: '一般', warning: '提醒', critical: '紧急' };
export const CHANNEL_LABELS: Record<string, string> = { in_app: '站内', email: '邮件', sms: '短信' };
export const DELIVERY_STATUS_LABELS: Record<string, string> = { sent: '已送达', held: '夜间暂缓', failed: '失败', pending: '待发送', queued: '待发送' };

/** A label for a code, or the code itself when the vocabulary does not know it (a newer server). */
export const label = (labels: Record<string, string>, code: string | null | undefined): string => (code ? (labels[code] ?? code) : '');

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
