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
  'PEOPLE_WHEN_STOPPED',
  'OVER_HEADCOUNT',
  'GAS_NO_POWER_CUT',
  'SENSOR_OFFLINE',
  'POWER_PEOPLE_DISAGREE',
  'PERSONNEL_REVISED_AFTER_REVIEW',
  'GAS_REVISED_AFTER_REVIEW',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Where a baseline value came from: the mine's own history, its equipment register, its approved capacity, or a
 * policy default. `equipment_cap` is a learned maintenance load cut down to what the register's must-run equipment
 * needs: a stopped mine is never excused more than its approved register allows, whatever its history says. For a
 * mine's declaration, the reading it is held against: the grid company's or the bureau's. `headcount`: the approved
 * headcount (核定下井人数) or duty crew the register holds for the day.
 */
export const BASELINE_SOURCES = [
  'history',
  'equipment',
  'equipment_cap',
  'capacity',
  'default',
  'grid',
  'bureau',
  'headcount',
] as const;
export type BaselineSource = (typeof BASELINE_SOURCES)[number];

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The measured value the rule compared, in `unit`. */
  readonly measured: number;
  readonly threshold: number;
  /** `people` underground, `percent` CH4 by volume, `hours` offline, `count` of alarms. */
  readonly unit: 'kWh' | 'share' | 'z' | 'days' | 'people' | 'percent' | 'hours' | 'count';
  /** The baseline the threshold was derived from. */
  readonly baseline: { readonly name: string; readonly value: number; readonly source: BaselineSource };
  /** One sentence in Chinese, as a bureau officer would write it. */
  readonly message: string;
}

export const VERDICTS = ['normal', 'anomaly', 'no_data'] as const;
export type Verdict = (typeof VERDICTS)[number];

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
  PEOPLE_WHEN_STOPPED: '停产停建矿井有人员下井作业',
  OVER_HEADCOUNT: '超定员组织生产',
  GAS_NO_POWER_CUT: '瓦斯超限未断电',
  SENSOR_OFFLINE: '监控传感器长时间断线',
  POWER_PEOPLE_DISAGREE: '电量与人员数据不符',
  PERSONNEL_REVISED_AFTER_REVIEW: '审查后修改人员位置数据',
  GAS_REVISED_AFTER_REVIEW: '审查后修改安全监控数据',
};

/**
 * The witnesses a day's review hears: the electricity, the personnel location system (people underground) and the
 * safety monitoring system (gas). Each gives its own verdict of the day (no_data when it did not report), so the
 * review page can list what each said.
 */
export const WITNESSES = ['electricity', 'personnel', 'gas'] as const;
export type Witness = (typeof WITNESSES)[number];
export const WITNESS_LABELS: Record<Witness, string> = {
  electricity: '用电量',
  personnel: '人员位置监测',
  gas: '安全监控',
};

/**
 * Which witness a rule speaks for. The electricity held against the people (POWER_PEOPLE_DISAGREE) is the personnel
 * feed's: without it the electricity alone found nothing.
 */
export const RULE_WITNESS: Record<RuleId, Witness> = {
  SUSPENDED_OVER_MAINTENANCE: 'electricity',
  CLOSED_CONSUMPTION: 'electricity',
  OVER_CAPACITY: 'electricity',
  NIGHT_PRODUCTION: 'electricity',
  HOIST_SHARE: 'electricity',
  SPIKE: 'electricity',
  FLATLINE_OR_DROP: 'electricity',
  MISSING: 'electricity',
  REVISED_AFTER_REVIEW: 'electricity',
  DECLARATION_MISMATCH: 'electricity',
  LICENCE_INVALID: 'electricity',
  UNACCEPTED_PRODUCTION: 'electricity',
  PEOPLE_WHEN_STOPPED: 'personnel',
  OVER_HEADCOUNT: 'personnel',
  POWER_PEOPLE_DISAGREE: 'personnel',
  PERSONNEL_REVISED_AFTER_REVIEW: 'personnel',
  GAS_NO_POWER_CUT: 'gas',
  SENSOR_OFFLINE: 'gas',
  GAS_REVISED_AFTER_REVIEW: 'gas',
};

/** A high or critical finding opens an investigation case (调查核实); lower ones are recorded on the review only. */
export const opensCase = (severity: Severity): boolean => severity === 'high' || severity === 'critical';

/**
 * Findings of one mine-day that are one act, by the rule that names it: where the rule on the left finds the day,
 * each rule it lists found the same production. 未经验收擅自生产 is drawn only above the 明停暗开 bar (the
 * maintenance rule), so a stopped mine's production-level day meets both; it is one act, so one case, named for the
 * stronger finding, with the other recorded as its evidence (lib/cases/record-findings.ts). A confirmed case is one
 * violation, so the mine's credit counts the act once.
 *
 * People underground on a stopped day (the personnel feed) and the electricity's production on it are witnesses of
 * one act. 未经验收擅自生产, the strongest, names the case when it found the day; otherwise the people (the direct
 * witness) do, and the electricity's maintenance and night findings of the day and the two feeds' disagreement join
 * it as evidence. A rule that joins one which itself joins another goes to the last one's case (actLeadOf follows the
 * chain), so the act has one case whichever witnesses spoke.
 */
export const SAME_ACT: Readonly<Partial<Record<RuleId, readonly RuleId[]>>> = {
  UNACCEPTED_PRODUCTION: ['SUSPENDED_OVER_MAINTENANCE', 'PEOPLE_WHEN_STOPPED', 'POWER_PEOPLE_DISAGREE'],
  PEOPLE_WHEN_STOPPED: ['POWER_PEOPLE_DISAGREE', 'SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION'],
};

const directLeadOf = (rule: RuleId, rulesOfDay: readonly RuleId[]): RuleId | undefined =>
  rulesOfDay.find((lead) => lead !== rule && SAME_ACT[lead]?.includes(rule));

/**
 * The rule whose case a finding of `rule` goes to, given the rules that found the same mine-day; undefined: its own.
 * Where the rule it joins joins another in turn, the last one of the chain names the case.
 */
export function actLeadOf(rule: RuleId, rulesOfDay: readonly RuleId[]): RuleId | undefined {
  const seen = new Set<RuleId>([rule]);
  let lead = directLeadOf(rule, rulesOfDay);
  for (let next = lead; next !== undefined && !seen.has(next); next = directLeadOf(next, rulesOfDay)) {
    seen.add(next);
    lead = next;
  }
  return lead;
}

/**
 * The rules whose findings may go to a case of `rule` as evidence of the same act: itself first, then those it lists,
 * then those they list in turn (a chain ends at the case its first rule names).
 */
export const rulesOfAct = (rule: RuleId): readonly RuleId[] => {
  const out: RuleId[] = [rule];
  for (let i = 0; i < out.length; i++) {
    for (const joined of SAME_ACT[out[i]!] ?? []) if (!out.includes(joined)) out.push(joined);
  }
  return out;
};
