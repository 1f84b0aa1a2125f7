import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { DEFAULT_REWARD_SCALE, type RewardScale } from './reward.ts';

/**
 * The tip-off terms (`GET/PUT /v1/policies/tipoffs`): the days the bureau has to conclude a report after it came in
 * (60, 安全生产领域举报奖励办法 art. 12), the proof-of-work difficulty a visitor's browser must meet, how many reports
 * one source may send an hour, and the reward scale.
 */
export interface TipoffTerms {
  readonly concludeDays: number;
  /** Leading zero bits of SHA-256(challenge ‖ nonce): each bit doubles the browser's work. */
  readonly powDifficulty: number;
  /** Reports one source (a hashed address) may file per hour; challenges, five times as many. */
  readonly perSourcePerHour: number;
  readonly scale: RewardScale;
}

export const DEFAULT_TIPOFF_TERMS: TipoffTerms = {
  concludeDays: 60,
  powDifficulty: 16,
  perSourcePerHour: 5,
  scale: DEFAULT_REWARD_SCALE,
};

const yuan = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));

const tipoffTermsSchema = z.strictObject({
  concludeDays: z.number().check(z.int(), z.minimum(5), z.maximum(180)),
  powDifficulty: z.number().check(z.int(), z.minimum(4), z.maximum(24)),
  perSourcePerHour: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
  scale: z
    .strictObject({
      finePercent: z.number().check(z.minimum(0), z.maximum(100)),
      minYuan: yuan(10_000_000),
      maxYuan: yuan(10_000_000),
      perDeathYuan: z.strictObject({
        general: yuan(10_000_000),
        larger: yuan(10_000_000),
        major: yuan(10_000_000),
        especially_major: yuan(10_000_000),
      }),
      concealmentMaxYuan: yuan(10_000_000),
    })
    .check(z.refine((s) => s.minYuan <= s.maxYuan, { message: '奖励下限不能高于上限', path: ['minYuan'] })),
});

export const tipoffPolicy = definePolicy({
  name: 'tipoffs',
  label: '举报办理期限、防刷与奖励标准',
  field: 'terms',
  defaults: DEFAULT_TIPOFF_TERMS,
  schema: tipoffTermsSchema,
});
