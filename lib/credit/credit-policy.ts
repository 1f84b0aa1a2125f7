import { effectivePolicy, setPolicy } from '#lib/policies/policy-store.ts';
import type { Actor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { type CreditPolicy, type CreditThresholds, DEFAULT_CREDIT_THRESHOLDS } from './policy.ts';

/** The credit model's policy: the generic versioned jurisdiction policy with the model's defaults. */
export const CREDIT_POLICY_NAME = 'credit';

export async function creditPolicyFor(db: Db, jurisdiction: string): Promise<CreditPolicy> {
  const found = await effectivePolicy<CreditThresholds>(
    db,
    CREDIT_POLICY_NAME,
    jurisdiction,
    DEFAULT_CREDIT_THRESHOLDS,
  );
  // A stored policy older than a setting added later still gets that setting's default.
  return {
    ...DEFAULT_CREDIT_THRESHOLDS,
    ...found.thresholds,
    ref: { definedAt: found.definedAt, version: found.version },
  };
}

export function setCreditPolicy(
  db: Db,
  actor: Actor,
  jurisdiction: string,
  thresholds: CreditThresholds,
  expectedVersion: number,
  reason?: string,
) {
  return setPolicy(db, actor, { name: CREDIT_POLICY_NAME, jurisdiction, thresholds, expectedVersion, reason });
}

/** A per-jurisdiction cache for a batch of mines: one policy read per jurisdiction, not per mine. */
export function creditPolicyCache(db: Db): (jurisdiction: string) => Promise<CreditPolicy> {
  const cache = new Map<string, Promise<CreditPolicy>>();
  return (jurisdiction) => {
    if (!cache.has(jurisdiction)) cache.set(jurisdiction, creditPolicyFor(db, jurisdiction));
    return cache.get(jurisdiction)!;
  };
}
