/** The tip-off's words (举报): plain data, bundled by the dashboard. */

/** What a report is about; only the first three can earn a reward (安全生产领域举报奖励办法). */
export const TIPOFF_SUBJECTS = ['major_hazard', 'illegal_production', 'accident_concealment', 'other'] as const;
export type TipoffSubject = (typeof TIPOFF_SUBJECTS)[number];
export const TIPOFF_SUBJECT_LABELS: Record<TipoffSubject, string> = {
  major_hazard: '重大事故隐患',
  illegal_production: '非法违法生产经营',
  accident_concealment: '瞒报、谎报事故',
  other: '其他安全生产问题',
};

export const TIPOFF_STATUSES = ['received', 'accepted', 'not_in_scope', 'duplicate', 'concluded'] as const;
export type TipoffStatus = (typeof TIPOFF_STATUSES)[number];
export const TIPOFF_STATUS_LABELS: Record<TipoffStatus, string> = {
  received: '已收到，待受理',
  accepted: '已受理，核查中',
  not_in_scope: '不属于受理范围',
  duplicate: '重复举报，并入其他举报办理',
  concluded: '已办结',
};

export const TIPOFF_FINDINGS = ['founded', 'partly_founded', 'unfounded'] as const;
export type TipoffFinding = (typeof TIPOFF_FINDINGS)[number];
export const TIPOFF_FINDING_LABELS: Record<TipoffFinding, string> = {
  founded: '属实',
  partly_founded: '部分属实',
  unfounded: '不属实',
};

export const REWARD_STATUSES = ['proposed', 'approved', 'paid'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export const REWARD_STATUS_LABELS: Record<RewardStatus, string> = {
  proposed: '已提出，待法制审核',
  approved: '审核通过，待发放',
  paid: '已发放',
};

/** Accident levels as the reward scale names them (per concealed death). */
export const CONCEALED_ACCIDENT_LEVELS = ['general', 'larger', 'major', 'especially_major'] as const;
export type ConcealedAccidentLevel = (typeof CONCEALED_ACCIDENT_LEVELS)[number];
export const CONCEALED_ACCIDENT_LEVEL_LABELS: Record<ConcealedAccidentLevel, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

/** Limits of what a visitor may send: each text field, the evidence files. */
export const TIPOFF_LIMITS = {
  mineName: 100,
  what: 2000,
  when: 100,
  where: 200,
  contactName: 50,
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  fileName: 120,
} as const;

export const TIPOFF_FILE_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
  'video/mp4': ['mp4'],
} as const;
export type TipoffFileType = keyof typeof TIPOFF_FILE_TYPES;
