import type { Actor } from '#lib/store/audit.ts';
import { creditIndex, gsi1, gsi2, pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { BlacklistGround, Scope } from './grounds.ts';
import { BLACKLIST_STATUS_LABELS, type BlacklistStatus, type SubjectType } from './vocabulary.ts';

/**
 * A blacklist entry (严重失信主体名单) about an enterprise (by its credit code) or one of its key persons (关键少数,
 * by the keyed hash of the resident ID, never the ID). Flow (应急管理部令第11号):
 *
 *   proposed → notice_served (事先告知; objections recorded and answered) → under_review (法制审核)
 *            → published (3 years) → expired on its end date, or removed early (≥ 12 months, repair evidence,
 *              a legal reviewer's second signature); a removal resting on forged material is revoked, again with
 *              two signatures (proposed, then approved by a legal reviewer who did not propose it).
 *   under_review → rejected;  proposed / notice_served / under_review → withdrawn.
 */
export {
  BLACKLIST_STATUS_LABELS,
  BLACKLIST_STATUSES,
  type BlacklistStatus,
  OPEN_STATUSES,
  SUBJECT_TYPES,
  type SubjectType,
} from './vocabulary.ts';

export interface Step {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

export interface Objection {
  readonly objectionId: string;
  /** Business day the subject's statement (陈述申辩) was received. */
  readonly receivedOn: string;
  readonly content: string;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly answer?: { readonly text: string; readonly upheld: boolean; readonly by: Actor; readonly at: string };
}

export interface RemovalRequest {
  readonly reason: string;
  /** Credit-repair evidence (信用修复材料): references to documents. */
  readonly evidence: readonly string[];
  readonly requestedBy: Actor;
  readonly requestedAt: string;
}

/** A proposal to revoke an early removal (its material was forged), waiting for a legal reviewer's signature. */
export interface RevocationRequest {
  readonly reason: string;
  /** The evidence that the repair material was forged (查实弄虚作假的材料). */
  readonly evidence: readonly string[];
  readonly requestedBy: Actor;
  readonly requestedAt: string;
}

export interface BlacklistEntry {
  readonly entryId: string;
  readonly subjectType: SubjectType;
  /** Enterprise name, or the person's name. */
  readonly subjectName: string;
  /** The enterprise's credit code (for a person, the code of the enterprise the person answers for). */
  readonly creditCode: string;
  readonly enterpriseName: string;
  /** A person's role and masked ID; the hash is the subject key and never leaves the store. */
  readonly person?: {
    readonly personId: string;
    readonly role: string;
    readonly roleLabel: string;
    readonly residentIdMasked: string;
    readonly residentIdHash: string;
  };
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly grounds: readonly BlacklistGround[];
  readonly scopes: readonly Scope[];
  readonly status: BlacklistStatus;
  readonly source:
    | { readonly kind: 'credit'; readonly date: string; readonly tier: string; readonly reasons: readonly string[] }
    | { readonly kind: 'manual'; readonly note?: string };
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly notice?: {
    readonly servedOn: string;
    readonly noticeNo?: string;
    readonly objectionDeadline: string;
    readonly servedBy: Actor;
  };
  readonly objections: readonly Objection[];
  readonly reviewSubmittedBy?: Actor;
  /** 决定书文号, set when the legal reviewer approves the listing. */
  readonly decisionNo?: string;
  /** First day listed and the day it leaves the list (exclusive: on `endsOn` it is no longer listed). */
  readonly listedOn?: string;
  readonly endsOn?: string;
  readonly removalRequest?: RemovalRequest;
  readonly removedOn?: string;
  readonly revocationRequest?: RevocationRequest;
  readonly expiredOn?: string;
  readonly steps: readonly Step[];
  readonly version: number;
  readonly updatedAt: string;
}

/** The key a subject is found by: an enterprise's credit code, a person's ID hash. */
export const subjectKey = (e: Pick<BlacklistEntry, 'subjectType' | 'creditCode' | 'person'>): string =>
  e.subjectType === 'person' ? e.person!.residentIdHash : e.creditCode;
export const subjectPk = (e: Pick<BlacklistEntry, 'subjectType' | 'creditCode' | 'person'>) =>
  pk.subject(e.subjectType, subjectKey(e));

export const OBJECTION_DUE_KIND = 'BLACKLISTOBJECTION';
export const LISTING_END_KIND = 'BLACKLISTEND';

/**
 * Keys of an entry: its subject's partition, the jurisdiction's list by status, the due-date index for the date it
 * waits on (the objection deadline while the notice runs, the end date while listed), and, while an enterprise is
 * listed, the credit index of its mine (a listed mine is D until the entry ends).
 */
export function blacklistKeys(e: BlacklistEntry) {
  const due =
    e.status === 'notice_served' && e.notice
      ? {
          GSI2PK: gsi2.due(e.jurisdiction),
          GSI2SK: gsi2.dueItem(e.notice.objectionDeadline, OBJECTION_DUE_KIND, e.mineId, e.entryId),
        }
      : e.status === 'published' && e.endsOn
        ? { GSI2PK: gsi2.due(e.jurisdiction), GSI2SK: gsi2.dueItem(e.endsOn, LISTING_END_KIND, e.mineId, e.entryId) }
        : {};
  const credit =
    e.status === 'published' && e.subjectType === 'enterprise' && e.endsOn
      ? creditIndex(e.mineId, e.endsOn, 'BLACKLIST', e.entryId)
      : {};
  return {
    PK: subjectPk(e),
    SK: sk.blacklistEntry(e.entryId),
    entity: 'blacklistEntry',
    GSI1PK: gsi1.blacklistOfProvince(e.jurisdiction),
    GSI1SK: gsi1.blacklistInJurisdiction(e.jurisdiction, e.status, e.entryId),
    ...due,
    ...credit,
  };
}

export const blacklistPointer = (e: BlacklistEntry) => ({
  PK: pk.blacklistId(e.entryId),
  SK: sk.blacklistPointer,
  entity: 'blacklistPointer',
  entryId: e.entryId,
  subjectPk: subjectPk(e),
  jurisdiction: e.jurisdiction,
});

/** The subject's one open entry (proposed to published): a second proposal while one is open is refused. */
export const openEntryKey = (e: Pick<BlacklistEntry, 'subjectType' | 'creditCode' | 'person'>) => ({
  PK: subjectPk(e),
  SK: sk.blacklistOpen,
});

/** What a bureau user sees: everything but the ID hash and the storage keys. */
export function entryView(e: BlacklistEntry) {
  const { person, ...rest } = stripKeys(e as unknown as Record<string, unknown>) as unknown as BlacklistEntry;
  const { residentIdHash: _hash, ...shownPerson } = person ?? ({} as NonNullable<BlacklistEntry['person']>);
  return { ...rest, ...(person ? { person: shownPerson } : {}), statusLabel: BLACKLIST_STATUS_LABELS[e.status] };
}
