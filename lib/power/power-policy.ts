import { effectivePolicy, policyVersion, setPolicy } from '#lib/policies/policy-store.ts';
import type { Actor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { DEFAULT_POWER_POLICY } from './policy.ts';
import type { PowerReviewPolicy } from './types.ts';

/** The electricity review's policy: the generic versioned jurisdiction policy with the review's defaults. */
export const POWER_POLICY_NAME = 'power-review';
export type PowerThresholds = Omit<PowerReviewPolicy, 'version'>;
const { version: _defaultVersion, ...DEFAULT_THRESHOLDS } = DEFAULT_POWER_POLICY;

export interface PolicyInForce {
  readonly policy: PowerReviewPolicy;
  /** Where it is defined (null: the product default) and its version there: recorded on every review. */
  readonly ref: { readonly definedAt: string | null; readonly version: number };
}

export async function powerPolicyFor(db: Db, jurisdiction: string): Promise<PolicyInForce> {
  const found = await effectivePolicy<PowerThresholds>(db, POWER_POLICY_NAME, jurisdiction, DEFAULT_THRESHOLDS);
  // A stored policy older than a threshold added later still gets that threshold's default.
  const thresholds = { ...DEFAULT_THRESHOLDS, ...found.thresholds };
  return {
    policy: { ...thresholds, version: found.version },
    ref: { definedAt: found.definedAt, version: found.version },
  };
}

/**
 * The policy a review recorded it used (its `policy` ref): the product default for version 0, else that stored
 * version; undefined if the version cannot be found.
 */
export async function powerPolicyUsed(db: Db, ref: PolicyInForce['ref']): Promise<PowerReviewPolicy | undefined> {
  if (ref.definedAt === null) return { ...DEFAULT_THRESHOLDS, version: ref.version };
  const stored = await policyVersion<PowerThresholds>(db, POWER_POLICY_NAME, ref.definedAt, ref.version);
  return stored ? { ...DEFAULT_THRESHOLDS, ...stored.thresholds, version: ref.version } : undefined;
}

export function setPowerPolicy(
  db: Db,
  actor: Actor,
  jurisdiction: string,
  thresholds: PowerThresholds,
  expectedVersion: number,
  reason?: string,
) {
  return setPolicy(db, actor, { name: POWER_POLICY_NAME, jurisdiction, thresholds, expectedVersion, reason });
}
