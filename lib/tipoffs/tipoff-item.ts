import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '#lib/store/audit.ts';
import { gsi2 } from '#lib/store/keys.ts';
import type { ConcealedAccidentLevel, RewardStatus, TipoffFinding, TipoffStatus, TipoffSubject } from './vocabulary.ts';

/**
 * A tip-off (举报) lives OUTSIDE every mine's partition: a mine's credentials reach `MINE#<id>` and nothing of a
 * report about it. The reporter's contact is an item of its own, read only by an assigned handler, audited.
 *
 * | access pattern                         | table / index | key condition                                              |
 * |----------------------------------------|---------------|------------------------------------------------------------|
 * | one tip-off                            | table         | PK = TIPOFF#<id>, SK = TIPOFF                               |
 * | its reporter's contact                 | table         | PK = TIPOFF#<id>, SK = CONTACT                              |
 * | its upload token (while forms are valid) | table       | PK = TIPOFF#<id>, SK = UPLOADTOKEN (TTL)                    |
 * | its history (audit events)             | table         | PK = TIPOFF#<id>, begins_with(SK, AUDIT#)                   |
 * | a tip-off by its tracking code         | table         | PK = TIPOFFCODE#<sha256(code)>, SK = CODE                   |
 * | a proof-of-work challenge (single use) | table         | PK = POW#<challenge>, SK = POW                              |
 * | tip-offs of a jurisdiction, newest first | GSI1        | GSI1PK = TIPOFFS#<province>, begins_with(GSI1SK, <path>/)  |
 * | open tip-offs due on a date            | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <dueOn>#TIPOFFDUE#-#<id> (while open) |
 */
export const TIPOFF_DUE_KIND = 'TIPOFFDUE';

export const tipoffKey = (tipoffId: string) => ({ PK: `TIPOFF#${tipoffId}`, SK: 'TIPOFF' });
export const contactKey = (tipoffId: string) => ({ PK: `TIPOFF#${tipoffId}`, SK: 'CONTACT' });
/** The key prefix of every tip-off file in the bucket (`tipoffs/<tipoffId>/<index>`). */
export const TIPOFF_FILE_PREFIX = 'tipoffs/';
export const tipoffFileKey = (tipoffId: string, index: number) => `${TIPOFF_FILE_PREFIX}${tipoffId}/${index}`;
export const tipoffAuditPrefix = 'AUDIT#';
export const codeHash = (code: string): string => createHash('sha256').update(code).digest('hex');
export const codeKey = (code: string) => ({ PK: `TIPOFFCODE#${codeHash(code)}`, SK: 'CODE' });
export const challengeKey = (challenge: string) => ({ PK: `POW#${challenge}`, SK: 'POW' });
export const tipoffsOfProvince = (jurisdiction: string) => `TIPOFFS#${jurisdiction.split('/')[0]}`;
export const tipoffListSk = (jurisdiction: string, receivedAt: string, tipoffId: string) =>
  `${jurisdiction}/#${receivedAt}#${tipoffId}`;

/** Partition prefixes the public routes write: the tip-off and its contact, the code pointer, challenges, counters. */
export const PUBLIC_TIPOFF_WRITES = ['TIPOFF#', 'TIPOFFCODE#', 'POW#', 'QUOTA#'] as const;

/** 24 characters of an alphabet without look-alikes (about 120 bits): the reporter's only key to the report. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTrackingCode(): string {
  const bytes = randomBytes(24);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}
export const TRACKING_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{24}$/;

export interface TipoffFile {
  readonly index: number;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly key: string;
  /** Set once the visitor confirmed the upload and the stored bytes matched the declaration. */
  readonly receivedAt?: string;
  /** The version that was checked: the one a handler downloads. */
  readonly versionId?: string;
}

export interface Reward {
  readonly status: RewardStatus;
  readonly subject: 'major_hazard' | 'illegal_production' | 'accident_concealment';
  readonly penaltyId?: string;
  readonly fineYuan?: number;
  readonly level?: ConcealedAccidentLevel;
  readonly deaths?: number;
  readonly amountYuan: number;
  readonly proposedBy: Actor;
  readonly proposedAt: string;
  readonly approvedBy?: Actor;
  readonly approvedAt?: string;
  readonly paidOn?: string;
  readonly paidAmountYuan?: number;
  readonly paidBy?: Actor;
}

export interface Tipoff {
  readonly tipoffId: string;
  readonly jurisdiction: string;
  /** The mine chosen from the jurisdiction's (or set at triage); `mineName` holds the words when none was chosen. */
  readonly mineId?: string;
  readonly mineName: string;
  readonly subject: TipoffSubject;
  readonly what: string;
  readonly when: string;
  readonly where: string;
  readonly files: readonly TipoffFile[];
  /** Whether the reporter left a contact (the contact itself is its own item). */
  readonly hasContact: boolean;
  /** The reporter declared being supervision staff or a close relative of one: no reward. */
  readonly staffOrRelative: boolean;
  readonly status: TipoffStatus;
  readonly receivedAt: string;
  readonly dueOn: string;
  readonly duplicateOf?: string;
  readonly triageNote?: string;
  readonly handlers: readonly { readonly userId: string; readonly name: string }[];
  readonly links: {
    readonly inspections: readonly string[];
    readonly cases: readonly string[];
    readonly violations: readonly string[];
    readonly penalties: readonly string[];
  };
  readonly finding?: TipoffFinding;
  readonly concludedAt?: string;
  /** What the reporter reads with the code (triage's or the conclusion's answer). */
  readonly publicAnswer?: string;
  readonly reward?: Reward;
  readonly version: number;
  readonly updatedAt: string;
}

export const isOpen = (t: Pick<Tipoff, 'status'>): boolean => t.status === 'received' || t.status === 'accepted';

/** The stored item: the record, its jurisdiction list entry and, while open, its due date. */
export const tipoffItem = (t: Tipoff) => ({
  ...tipoffKey(t.tipoffId),
  entity: 'tipoff',
  GSI1PK: tipoffsOfProvince(t.jurisdiction),
  GSI1SK: tipoffListSk(t.jurisdiction, t.receivedAt, t.tipoffId),
  ...(isOpen(t)
    ? { GSI2PK: gsi2.due(t.jurisdiction), GSI2SK: gsi2.dueItem(t.dueOn, TIPOFF_DUE_KIND, '-', t.tipoffId) }
    : {}),
  ...t,
});
