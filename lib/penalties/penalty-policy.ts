import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';

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
  /** Days from the day a penalty takes effect to the day it must have been executed (unless a suspension ends later). */
  readonly executionDueDays: number;
}

export const DEFAULT_PENALTY_THRESHOLDS: PenaltyThresholds = {
  majorFineThresholdYuan: 50_000,
  executionDueDays: 30,
};

const penaltyThresholdsSchema = z.strictObject({
  majorFineThresholdYuan: z.number().check(z.minimum(0), z.maximum(100_000_000)),
  executionDueDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
});

export const penaltyPolicy = definePolicy({
  name: 'penalty',
  label: '处罚策略',
  field: 'thresholds',
  defaults: DEFAULT_PENALTY_THRESHOLDS,
  schema: penaltyThresholdsSchema,
});
