import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { lowerIsTighter, supersetIsTighter } from '#lib/policies/guarded.ts';
import { PENALTY_KIND_LABELS, PENALTY_KINDS, type PenaltyKind } from './vocabulary.ts';

/**
 * The penalty policy (`GET/PUT /v1/policies/penalty`). A penalty records the version it was classified under, so a
 * later change of the threshold never reclassifies a penalty already proposed.
 */
export interface PenaltyThresholds {
  /**
   * A fine above this amount (元) is a major enforcement decision (重大执法决定) that needs the legal review. The
   * amount is the bureau's to set: its own 重大执法决定法制审核目录 names it (provinces differ, and enterprise and
   * individual amounts often differ). 50,000 元 is only a starting default.
   */
  readonly majorFineThresholdYuan: number;
  /**
   * Kinds of penalty that are always major decisions, whatever the amount. An ordered suspension and a licence
   * suspended or revoked always are (the product's bound: no jurisdiction may take them off); a bureau's catalogue
   * may add others (every fine, every interview).
   */
  readonly majorKinds: readonly PenaltyKind[];
  /** Days from the day a penalty takes effect to the day it must have been executed (unless a suspension ends later). */
  readonly executionDueDays: number;
}

export const DEFAULT_PENALTY_THRESHOLDS: PenaltyThresholds = {
  majorFineThresholdYuan: 50_000,
  majorKinds: ['ordered_suspension', 'licence_action'],
  executionDueDays: 30,
};

/** The highest amount the schema allows, and the bound above the provinces: each province's catalogue names its own. */
const MAX_FINE_THRESHOLD_YUAN = 100_000_000;

const penaltyThresholdsSchema = z.strictObject({
  majorFineThresholdYuan: z.number().check(z.minimum(0), z.maximum(MAX_FINE_THRESHOLD_YUAN)),
  majorKinds: z.array(z.enum(PENALTY_KINDS)).check(z.maxLength(PENALTY_KINDS.length)),
  executionDueDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
});

export const penaltyPolicy = definePolicy({
  name: 'penalty',
  label: '处罚策略',
  field: 'thresholds',
  defaults: DEFAULT_PENALTY_THRESHOLDS,
  schema: penaltyThresholdsSchema,
  // What makes a penalty a major decision decides whether it takes the legal reviewer's signature.
  guarded: [
    {
      path: 'majorFineThresholdYuan',
      label: '重大执法决定罚款标准（元）',
      tighter: lowerIsTighter,
      outerBound: MAX_FINE_THRESHOLD_YUAN,
    },
    {
      path: 'majorKinds',
      label: '属重大执法决定的处罚种类',
      tighter: supersetIsTighter,
      format: (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_KIND_LABELS[k]).join('、') || '（无）',
    },
  ],
});
