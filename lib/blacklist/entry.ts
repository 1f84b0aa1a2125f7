import type { Actor } from '../store/audit.ts';
import { gsi1, pk, sk } from '../store/keys.ts';

/**
 * A blacklist entry (严重失信主体名单) about an enterprise, by its credit code. It starts as a proposal, from a
 * person or from the system (a mine dropping to D); a person decides on it. The lifecycle after `proposed` (notice,
 * objection, legal review, publication, expiry, early removal) belongs to the blacklist capability.
 */
export const BLACKLIST_STATUSES = ['proposed'] as const;
export type BlacklistStatus = (typeof BLACKLIST_STATUSES)[number];
export const BLACKLIST_STATUS_LABELS: Record<BlacklistStatus, string> = { proposed: '拟列入（待审查）' };

export interface BlacklistGround {
  readonly code: string;
  readonly name: string;
  /** The legal or policy basis (法律依据). */
  readonly basis: string;
}

export interface BlacklistEntry {
  readonly entryId: string;
  readonly subjectType: 'enterprise';
  readonly subjectName: string;
  readonly creditCode: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly grounds: readonly BlacklistGround[];
  readonly status: BlacklistStatus;
  /** What raised it: a person, or the credit classification of a day. */
  readonly source: { readonly kind: 'credit'; readonly date: string; readonly tier: string; readonly reasons: readonly string[] } | { readonly kind: 'manual' };
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly steps: readonly { readonly action: string; readonly at: string; readonly by: Actor; readonly note?: string }[];
  readonly version: number;
  readonly updatedAt: string;
}

export const subjectPk = (e: Pick<BlacklistEntry, 'subjectType' | 'creditCode'>) => pk.subject(e.subjectType, e.creditCode);

export function blacklistKeys(e: Pick<BlacklistEntry, 'entryId' | 'subjectType' | 'creditCode' | 'jurisdiction' | 'status'>) {
  return {
    PK: subjectPk(e),
    SK: sk.blacklistEntry(e.entryId),
    entity: 'blacklistEntry',
    GSI1PK: gsi1.blacklistOfProvince(e.jurisdiction),
    GSI1SK: gsi1.blacklistInJurisdiction(e.jurisdiction, e.status, e.entryId),
  };
}

export const blacklistPointer = (e: Pick<BlacklistEntry, 'entryId' | 'subjectType' | 'creditCode' | 'jurisdiction'>) => ({
  PK: pk.blacklistId(e.entryId),
  SK: sk.blacklistPointer,
  entity: 'blacklistPointer',
  entryId: e.entryId,
  subjectPk: subjectPk(e),
  jurisdiction: e.jurisdiction,
});

/** The subject's one open entry (proposed or listed): a second proposal while one is open is refused. */
export const openEntryKey = (e: Pick<BlacklistEntry, 'subjectType' | 'creditCode'>) => ({ PK: subjectPk(e), SK: sk.blacklistOpen });
