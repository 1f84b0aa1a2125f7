import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { effectivePolicy, setPolicy } from '#lib/policies/policy-store.ts';
import type { Actor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';

/**
 * The penalty policy: the generic versioned per-jurisdiction policy (lib/policies/policy-store.ts) with these
 * defaults. A penalty records the version it was classified under, so a later change of the threshold never
 * reclassifies a penalty already proposed.
 */
export const PENALTY_POLICY_NAME = 'penalty';

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

export const penaltyThresholdsSchema = z.strictObject({
  majorFineThresholdYuan: z.number().check(z.minimum(0), z.maximum(100_000_000)),
  executionDueDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
});

export interface PenaltyPolicyInForce {
  readonly thresholds: PenaltyThresholds;
  /** Where it is defined (null: the product default) and its version there: recorded on every penalty. */
  readonly ref: { readonly definedAt: string | null; readonly version: number };
}

export async function penaltyPolicyFor(db: Db, jurisdiction: string): Promise<PenaltyPolicyInForce> {
  const found = await effectivePolicy<PenaltyThresholds>(
    db,
    PENALTY_POLICY_NAME,
    jurisdiction,
    DEFAULT_PENALTY_THRESHOLDS,
  );
  // A stored policy older than a threshold added later still gets that threshold's default.
  return {
    thresholds: { ...DEFAULT_PENALTY_THRESHOLDS, ...found.thresholds },
    ref: { definedAt: found.definedAt, version: found.version },
  };
}

/** A new version for the jurisdiction; thresholds not given keep the values in force there. */
export async function setPenaltyPolicy(
  db: Db,
  actor: Actor,
  jurisdiction: string,
  changes: Partial<PenaltyThresholds>,
  expectedVersion: number,
  reason?: string,
) {
  const { thresholds } = await penaltyPolicyFor(db, jurisdiction);
  const saved = await setPolicy<PenaltyThresholds>(db, actor, {
    name: PENALTY_POLICY_NAME,
    jurisdiction,
    thresholds: { ...thresholds, ...changes },
    expectedVersion,
    reason,
  });
  return { definedAt: saved.jurisdiction, version: saved.version, thresholds: saved.thresholds };
}
