/**
 * The registry's closed vocabularies, with the Chinese a bureau officer reads. The dashboard bundles this module to
 * show the same words, so it stays plain data.
 */
export const MINE_STATUSES = ['producing', 'suspended', 'rectifying', 'construction', 'closed'] as const;
export type MineStatus = (typeof MINE_STATUSES)[number];

/** The mine's status from a date on (its status history as spans, oldest first). */
export interface StatusSpan {
  readonly status: MineStatus;
  readonly from: string;
}
export const MINE_STATUS_LABELS: Record<MineStatus, string> = {
  producing: '生产',
  suspended: '停产',
  rectifying: '停产整顿',
  construction: '建设/技改',
  closed: '关闭',
};

export const GAS_GRADES = ['low', 'high', 'outburst'] as const;
export const GAS_GRADE_LABELS: Record<(typeof GAS_GRADES)[number], string> = {
  low: '低瓦斯',
  high: '高瓦斯',
  outburst: '煤与瓦斯突出',
};

export const HYDROGEOLOGY = ['simple', 'medium', 'complex', 'very_complex'] as const;
export const HYDROGEOLOGY_LABELS: Record<(typeof HYDROGEOLOGY)[number], string> = {
  simple: '简单',
  medium: '中等',
  complex: '复杂',
  very_complex: '极复杂',
};

export const STANDARDISATION_GRADES = ['grade1', 'grade2', 'grade3', 'none'] as const;
export const STANDARDISATION_LABELS: Record<(typeof STANDARDISATION_GRADES)[number], string> = {
  grade1: '一级',
  grade2: '二级',
  grade3: '三级',
  none: '未达标',
};

export const LICENCE_TYPES = [
  'safety_production',
  'mining',
  'business',
  'principal_qualification',
  'rescue_agreement',
] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];
export const LICENCE_LABELS: Record<LicenceType, string> = {
  safety_production: '安全生产许可证',
  mining: '采矿许可证',
  business: '营业执照',
  principal_qualification: '主要负责人考核合格证',
  rescue_agreement: '救护协议',
};

export const PERSON_ROLES = [
  'chairman',
  'general_manager',
  'mine_manager',
  'actual_controller',
  'chief_engineer',
] as const;
export const PERSON_ROLE_LABELS: Record<(typeof PERSON_ROLES)[number], string> = {
  chairman: '董事长',
  general_manager: '总经理',
  mine_manager: '矿长',
  actual_controller: '实际控制人',
  chief_engineer: '总工程师',
};

export const CIRCUITS = ['hoist', 'ventilation', 'drainage', 'monitoring', 'other'] as const;
export type Circuit = (typeof CIRCUITS)[number];
export const CIRCUIT_LABELS: Record<Circuit, string> = {
  hoist: '提升',
  ventilation: '通风',
  drainage: '排水',
  monitoring: '监控',
  other: '其他',
};

/**
 * Duties a mine repeats on a cycle, each due again a fixed number of months after it was last done: the gas-grade
 * appraisal (瓦斯等级鉴定: a low-gas mine every 2 years, a high-gas or outburst mine every year) and the emergency
 * drills (生产安全事故应急条例 / 应急预案管理办法: the comprehensive or special plan at least once a year, the on-site
 * response plan at least every half year).
 */
export const PERIODIC_DUTIES = ['gas_grade_appraisal', 'emergency_plan_drill', 'onsite_response_drill'] as const;
export type PeriodicDuty = (typeof PERIODIC_DUTIES)[number];
export const PERIODIC_DUTY_LABELS: Record<PeriodicDuty, string> = {
  gas_grade_appraisal: '瓦斯等级鉴定',
  emergency_plan_drill: '综合或专项应急预案演练',
  onsite_response_drill: '现场处置方案演练',
};
