/** The review's rules as a bureau officer names them (the same names the cases carry). */
export const RULE_LABELS: Readonly<Record<string, string>> = {
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

export const ruleLabel = (rule: string): string => RULE_LABELS[rule] ?? rule;

export const SEVERITY_LABELS: Readonly<Record<string, string>> = { low: '低', medium: '中', high: '高', critical: '严重' };
