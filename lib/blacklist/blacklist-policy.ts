import { effectivePolicy, setPolicy } from '#lib/policies/policy-store.ts';
import { type Actor, actorOf } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';

/**
 * The blacklist's terms, a versioned policy per jurisdiction: how long a listing lasts (3 years), the objection
 * window after the prior notice (7 days), how long before early removal may be asked (12 months), and the partner
 * departments told when an entry is published.
 */
export const BLACKLIST_POLICY_NAME = 'blacklist';

export interface PartnerDepartment {
  /** Stable code, e.g. `natural-resources`. */
  readonly code: string;
  readonly name: string;
  readonly email?: string;
}

export interface BlacklistTerms {
  readonly listingYears: number;
  readonly objectionDays: number;
  readonly earlyRemovalMonths: number;
  readonly partnerDepartments: readonly PartnerDepartment[];
}

export const DEFAULT_BLACKLIST_TERMS: BlacklistTerms = {
  listingYears: 3,
  objectionDays: 7,
  earlyRemovalMonths: 12,
  partnerDepartments: [
    { code: 'natural-resources', name: '自然资源局' },
    { code: 'market-regulation', name: '市场监督管理局' },
    { code: 'development-reform', name: '发展和改革局' },
  ],
};

export interface BlacklistPolicy extends BlacklistTerms {
  readonly ref: { readonly definedAt: string | null; readonly version: number };
}

export async function blacklistPolicyFor(db: Db, jurisdiction: string): Promise<BlacklistPolicy> {
  const found = await effectivePolicy<BlacklistTerms>(db, BLACKLIST_POLICY_NAME, jurisdiction, DEFAULT_BLACKLIST_TERMS);
  return {
    ...DEFAULT_BLACKLIST_TERMS,
    ...found.thresholds,
    ref: { definedAt: found.definedAt, version: found.version },
  };
}

export const setBlacklistPolicy = (
  db: Db,
  actor: Actor,
  jurisdiction: string,
  terms: BlacklistTerms,
  expectedVersion: number,
  reason?: string,
) => setPolicy(db, actor, { name: BLACKLIST_POLICY_NAME, jurisdiction, thresholds: terms, expectedVersion, reason });

/** The terms in force for the caller's jurisdiction. */
export async function getBlacklistPolicy(store: TenantStore) {
  const { ref, ...terms } = await blacklistPolicyFor(store.db, store.bureauScope());
  return { ...ref, terms };
}

/** A new version for the caller's jurisdiction: the given terms over those in force. */
export async function putBlacklistPolicy(
  store: TenantStore,
  body: { version: number; terms: Partial<BlacklistTerms>; reason: string },
) {
  const scope = store.bureauScope();
  const { ref: _ref, ...inForce } = await blacklistPolicyFor(store.db, scope);
  const defined = Object.fromEntries(
    Object.entries(body.terms).filter(([, v]) => v !== undefined),
  ) as Partial<BlacklistTerms>;
  const saved = await setBlacklistPolicy(
    store.db,
    actorOf(store.principal),
    scope,
    { ...inForce, ...defined },
    body.version,
    body.reason,
  );
  return { definedAt: saved.jurisdiction, version: saved.version, terms: saved.thresholds };
}
