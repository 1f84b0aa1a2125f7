import type { ConcealedAccidentLevel, TipoffSubject } from './vocabulary.ts';

/**
 * The reward scale (安全生产领域举报奖励办法, 2018): a founded report of a major hazard or of illegal production earns
 * a share of the administrative fine, within a floor and a cap; a founded report of a concealed or falsely reported
 * accident earns an amount per concealed death by the accident's level, within a cap. The numbers are the tip-off
 * policy's (yuan, whole).
 */
export interface RewardScale {
  /** Per cent of the fine, e.g. 15. */
  readonly finePercent: number;
  readonly minYuan: number;
  readonly maxYuan: number;
  /** Per concealed death, by level. */
  readonly perDeathYuan: Readonly<Record<ConcealedAccidentLevel, number>>;
  readonly concealmentMaxYuan: number;
}

export const DEFAULT_REWARD_SCALE: RewardScale = {
  finePercent: 15,
  minYuan: 3_000,
  maxYuan: 300_000,
  perDeathYuan: { general: 30_000, larger: 40_000, major: 50_000, especially_major: 60_000 },
  concealmentMaxYuan: 300_000,
};

export type RewardBasis =
  | { readonly subject: 'major_hazard' | 'illegal_production'; readonly fineYuan: number }
  | { readonly subject: 'accident_concealment'; readonly level: ConcealedAccidentLevel; readonly deaths: number };

/** The reward in whole yuan, or 0 when the basis earns none (no fine, no death). */
export function rewardYuan(basis: RewardBasis, scale: RewardScale = DEFAULT_REWARD_SCALE): number {
  if (basis.subject === 'accident_concealment') {
    if (basis.deaths <= 0) return 0;
    return Math.min(scale.concealmentMaxYuan, basis.deaths * scale.perDeathYuan[basis.level]);
  }
  if (basis.fineYuan <= 0) return 0;
  const share = Math.round((basis.fineYuan * scale.finePercent) / 100);
  return Math.min(scale.maxYuan, Math.max(scale.minYuan, share));
}

/** Whether a subject can earn a reward at all. */
export const rewardable = (subject: TipoffSubject): subject is RewardBasis['subject'] => subject !== 'other';
