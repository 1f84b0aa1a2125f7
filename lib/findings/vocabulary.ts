/**
 * What a review finding is, plain data shared by the witnesses that produce findings (the electricity review) and
 * the investigation cases that hold them: the rules, their severities and Chinese names, the verdicts, and which
 * findings open a case. The dashboard bundles this module, so it imports nothing.
 */
export const RULE_IDS = [
  'SUSPENDED_OVER_MAINTENANCE',
  'CLOSED_CONSUMPTION',
  'OVER_CAPACITY',
  'NIGHT_PRODUCTION',
  'HOIST_SHARE',
  'SPIKE',
  'FLATLINE_OR_DROP',
  'MISSING',
  'REVISED_AFTER_REVIEW',
  'DECLARATION_MISMATCH',
  'LICENCE_INVALID',
  'UNACCEPTED_PRODUCTION',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Where a baseline value came from: the mine's own history, its equipment register, its approved capacity, or a
 * policy default. `equipment_cap` is a learned maintenance load cut down to what the register's must-run equipment
 * needs: a stopped mine is never excused more than its approved register allows, whatever its history says. For a
 * mine's declaration, the reading it is held against: the grid company's or the bureau's.
 */
export const BASELINE_SOURCES = [
  'history',
  'equipment',
  'equipment_cap',
  'capacity',
  'default',
  'grid',
  'bureau',
] as const;
export type BaselineSource = (typeof BASELINE_SOURCES)[number];

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The measured value the rule compared, in `unit`. */
  readonly measured: number;
  readonly threshold: number;
  readonly unit: 'kWh' | 'share' | 'z' | 'days';
  /** The baseline the threshold was derived from. */
  readonly baseline: { readonly name: string; readonly value: number; readonly source: BaselineSource };
  /** One sentence in Chinese, as a bureau officer would write it. */
  readonly message: string;
}

export type Verdict = 'normal' | 'anomaly' | 'no_data';

/** The review's rules as a bureau officer names them; a case carries its rule's name. */
export const RULE_LABELS: Record<RuleId, string> = {
  SUSPENDED_OVER_MAINTENANCE: '停产矿井用电超维持性负荷',
  CLOSED_CONSUMPTION: '关闭矿井仍有用电',
  OVER_CAPACITY: '超核定能力用电',
  NIGHT_PRODUCTION: '停产矿井夜间用电异常',
  HOIST_SHARE: '提升机用电占比异常升高',
  SPIKE: '用电量突增',
  FLATLINE_OR_DROP: '电量恒定或骤降',
  MISSING: '未按时报送电量',
  REVISED_AFTER_REVIEW: '审查后修改电量数据',
  DECLARATION_MISMATCH: '矿方申报电量与供电数据不符',
  LICENCE_INVALID: '证照失效仍组织生产',
  UNACCEPTED_PRODUCTION: '未经验收擅自生产',
};

/** A high or critical finding opens an investigation case (调查核实); lower ones are recorded on the review only. */
export const opensCase = (severity: Severity): boolean => severity === 'high' || severity === 'critical';

/**
 * Findings of one mine-day that are one act, by the rule that names it: where the rule on the left finds the day,
 * each rule it lists found the same production. 未经验收擅自生产 is drawn only above the 明停暗开 bar (the
 * maintenance rule), so a stopped mine's production-level day meets both; it is one act, so one case, named for the
 * stronger finding, with the other recorded as its evidence (lib/cases/record-findings.ts). A confirmed case is one
 * violation, so the mine's credit counts the act once.
 */
export const SAME_ACT: Readonly<Partial<Record<RuleId, readonly RuleId[]>>> = {
  UNACCEPTED_PRODUCTION: ['SUSPENDED_OVER_MAINTENANCE'],
};

/** The rule whose case a finding of `rule` goes to, given the rules that found the same mine-day; undefined: its own. */
export function actLeadOf(rule: RuleId, rulesOfDay: readonly RuleId[]): RuleId | undefined {
  return rulesOfDay.find((lead) => lead !== rule && SAME_ACT[lead]?.includes(rule));
}

/** The rules whose findings may go to a case of `rule` as evidence of the same act: itself first. */
export const rulesOfAct = (rule: RuleId): readonly RuleId[] => [rule, ...(SAME_ACT[rule] ?? [])];
