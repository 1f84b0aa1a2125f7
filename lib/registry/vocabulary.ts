import type { WorkflowDeclaration } from '#lib/workflow/declaration.ts';

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

/**
 * The statuses a mine leaves for `producing` only through an approved 复工复产验收 (lib/acceptance): a suspended,
 * rectifying or construction mine may not simply be set producing again.
 */
export const NEEDS_ACCEPTANCE: readonly MineStatus[] = ['suspended', 'rectifying', 'construction'];
export const needsAcceptance = (from: MineStatus, to: MineStatus): boolean =>
  to === 'producing' && NEEDS_ACCEPTANCE.includes(from);

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

/** What an approved licence action (暂扣 or 吊销, a penalty) makes of a licence from its date on. */
export const LICENCE_STATES = ['suspended', 'revoked'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];
export const LICENCE_STATE_LABELS: Record<LicenceState, string> = { suspended: '暂扣', revoked: '吊销' };

/** A dated entry of a licence's state history: from `from` on, the licence numbered `number` is suspended or revoked. */
export interface LicenceStateEntry {
  readonly state: LicenceState;
  readonly from: string;
  /** The licence the penalty acted on: a licence recorded later under another number starts without it. */
  readonly number: string;
  readonly penaltyId: string;
  readonly decisionNo?: string;
}

/**
 * The compact copy of a licence the mine's profile carries (written with the licence), so the nightly review reads
 * every licence's validity with the profile it already fetches. A licence is valid up to and including `expiresOn`.
 */
export interface LicenceValidity {
  readonly number: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  /** The state history's entries for this licence number, oldest first; absent when none. */
  readonly states?: readonly LicenceStateEntry[];
}

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

/**
 * The register the electricity review judges a mine by: its equipment (the must-run load a stopped mine is excused)
 * and its meters (what is expected to report, and the grid accounts the grid company's files name).
 */
export const REGISTER_KINDS = ['equipment', 'meter'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = { equipment: '设备', meter: '电表' };

/** What a change does to one record of the register: a new version of it, or its removal. */
export const REGISTER_CHANGES = ['put', 'remove'] as const;
export type RegisterChangeKind = (typeof REGISTER_CHANGES)[number];
export const REGISTER_CHANGE_LABELS: Record<RegisterChangeKind, string> = { put: '登记或修改', remove: '删除' };

export const REGISTER_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RegisterRequestStatus = (typeof REGISTER_REQUEST_STATUSES)[number];
export const REGISTER_REQUEST_STATUS_LABELS: Record<RegisterRequestStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
};

export const REGISTER_REQUEST_DECISIONS = ['approve', 'reject'] as const;
export type RegisterRequestDecision = (typeof REGISTER_REQUEST_DECISIONS)[number];

/**
 * A change to the register asked for by a mine (or by an inspector) counts only once a bureau user approves it: the
 * mine is the one the review judges, so it may not move the evidence against it. Approval is four-eyes: whoever asked
 * for the change may not approve it. Rejecting (with a reason) keeps the register as it was, so anyone of the bureau
 * who may decide may reject. The decision is the last segment of the path.
 */
export const REGISTER_REQUEST_WORKFLOW: WorkflowDeclaration<RegisterRequestStatus, RegisterRequestDecision> = {
  subject: '台账变更申请',
  states: REGISTER_REQUEST_STATUSES,
  stateLabels: REGISTER_REQUEST_STATUS_LABELS,
  creation: { request: '提出申请' },
  roleRefusal: 'forbidden',
  actionField: 'path.requestId',
  actions: {
    approve: {
      label: '批准',
      from: ['pending'],
      to: 'approved',
      by: ['bureau_admin', 'inspector'],
      fourEyes: [{ notBy: 'request', party: 'requester', partyLabel: '申请人' }],
    },
    reject: { label: '驳回', from: ['pending'], to: 'rejected', by: ['bureau_admin', 'inspector'] },
  },
};

/**
 * Certificates of the people a mine must have certified (持证上岗): its safety managers (安全生产管理人员, 安全生产知识和
 * 管理能力考核合格) and its special-operations workers (特种作业人员, 特种作业操作证), by the operation categories of
 * 《特种作业人员安全技术培训考核管理规定》's catalogue (its 煤矿安全作业 class, and the general ones a mine needs).
 */
export const CERTIFICATE_KINDS = ['safety_manager', 'special_operation'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  safety_manager: '安全生产管理人员',
  special_operation: '特种作业人员',
};

export const SPECIAL_OPERATIONS = [
  'electrician',
  'welding',
  'coal_underground_electrical',
  'coal_blasting',
  'coal_monitoring',
  'coal_gas_inspection',
  'coal_safety_inspection',
  'coal_hoist',
  'coal_shearer',
  'coal_gas_drainage',
  'coal_outburst_prevention',
  'coal_water_exploration',
] as const;
export type SpecialOperation = (typeof SPECIAL_OPERATIONS)[number];
export const SPECIAL_OPERATION_LABELS: Record<SpecialOperation, string> = {
  electrician: '电工作业',
  welding: '焊接与热切割作业',
  coal_underground_electrical: '煤矿井下电气作业',
  coal_blasting: '煤矿井下爆破作业',
  coal_monitoring: '煤矿安全监测监控作业',
  coal_gas_inspection: '煤矿瓦斯检查作业',
  coal_safety_inspection: '煤矿安全检查作业',
  coal_hoist: '煤矿提升机操作作业',
  coal_shearer: '煤矿采煤机（掘进机）操作作业',
  coal_gas_drainage: '煤矿瓦斯抽采作业',
  coal_outburst_prevention: '煤矿防突作业',
  coal_water_exploration: '煤矿探放水作业',
};

/** A certificate's standing on a day: valid, within the reminder window before expiry, or expired. */
export const CERTIFICATE_STATES = ['valid', 'expiring', 'expired'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];
export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
};

/**
 * A certificate registered by the bureau is on the file at once; one a mine asks for waits for a bureau user, who
 * may not be the one who asked (the mine is the one whose staff the file vouches for). Statuses as for the register.
 */
export const CERTIFICATE_WORKFLOW: WorkflowDeclaration<RegisterRequestStatus, RegisterRequestDecision> = {
  subject: '人员证书登记申请',
  states: REGISTER_REQUEST_STATUSES,
  stateLabels: REGISTER_REQUEST_STATUS_LABELS,
  creation: { request: '提出申请' },
  roleRefusal: 'forbidden',
  actionField: 'path.certificateId',
  actions: {
    approve: {
      label: '批准',
      from: ['pending'],
      to: 'approved',
      by: ['bureau_admin', 'inspector'],
      fourEyes: [{ notBy: 'request', party: 'requester', partyLabel: '申请人' }],
    },
    reject: { label: '驳回', from: ['pending'], to: 'rejected', by: ['bureau_admin', 'inspector'] },
  },
};

/** The records that may name a responsible key person, and what a person's file calls them. */
export const PERSON_FILE_KINDS = ['violation', 'accident', 'penalty'] as const;
export type PersonFileKind = (typeof PERSON_FILE_KINDS)[number];

/** The three shifts of a coal mine's day, Asia/Shanghai: 夜班 00:00–08:00, 早班 08:00–16:00, 中班 16:00–24:00. */
export const SHIFTS = ['night', 'morning', 'afternoon'] as const;
export type Shift = (typeof SHIFTS)[number];
export const SHIFT_LABELS: Record<Shift, string> = { night: '夜班', morning: '早班', afternoon: '中班' };

/**
 * The headcount the bureau approved for a mine (核定下井人数), from a date on: the most allowed underground per
 * shift when producing, and the duty crew (值班人员) a stopped, closed or not-yet-accepted mine may keep underground
 * for ventilation, drainage and monitoring.
 */
export interface HeadcountLimits {
  /** First day in force, YYYY-MM-DD. */
  readonly from: string;
  readonly shifts: Readonly<Record<Shift, number>>;
  readonly dutyCrew: Readonly<Record<Shift, number>>;
}
