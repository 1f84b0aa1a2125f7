import type { Actor } from '#lib/store/audit.ts';
import { type DatedKind, datedKeys } from '#lib/store/dated-records.ts';
import { gsi2 } from '#lib/store/keys.ts';
import type { DirectiveKind, DirectiveStatus, ReviewOutcome } from './vocabulary.ts';

/**
 * A 督办函 (supervision letter) or 监管监察意见书 (supervision opinion): a numbered document the bureau issues to a
 * mine, naming the items the mine must answer by a deadline. The mine answers each item with text and evidence
 * files; the bureau accepts an answer or returns it with a reason; the document is closed once every item is
 * accepted. What the bureau issued (number, date, subject, items, deadline, issuer) is written once and never
 * changed: a reply or a review only appends to an item's rounds, each carrying who and when.
 *
 * Keys (see store/dated-records.ts): PK MINE#<mineId>, SK DIRECTIVE#<date>#<id>; GSI1 DIRECTIVES#<province> /
 * <path>/#<date>#<id>; pointer DIRECTIVEID#<id> / DIRECTIVE. While open it is on the due-date index (GSI2
 * DUE#<path> / <deadline>#DIRECTIVE#<mineId>#<id>) for the morning's reminders; closing takes it off.
 */
export const DIRECTIVE_KIND: DatedKind = {
  entity: 'directive',
  prefix: 'DIRECTIVE',
  idField: 'directiveId',
  label: '督办文书',
};
export const directiveKeys = datedKeys(DIRECTIVE_KIND);

/** The kind of a directive's entry on the due-date index. */
export const DIRECTIVE_DUE_KIND = 'DIRECTIVE';
export const directiveDue = (jurisdiction: string, deadline: string, mineId: string, directiveId: string) => ({
  GSI2PK: gsi2.due(jurisdiction),
  GSI2SK: gsi2.dueItem(deadline, DIRECTIVE_DUE_KIND, mineId, directiveId),
});

/** An evidence file the mine named in a reply (an attachment of the document's 答复材料 step). */
export interface ReplyFile {
  readonly attachmentId: string;
  readonly fileName: string;
}

/** The bureau's decision on one reply. */
export interface Review {
  readonly outcome: ReviewOutcome;
  /** Why it was returned (required then). */
  readonly reason?: string;
  readonly by: Actor;
  readonly at: string;
}

/** One answer of the mine to an item, and the bureau's decision on it once made. */
export interface Reply {
  readonly text: string;
  readonly files: readonly ReplyFile[];
  readonly by: Actor;
  readonly at: string;
  /** Answered after the deadline. */
  readonly late: boolean;
  readonly review?: Review;
}

/** One item the mine must answer: the bureau's text, and the rounds of replies, oldest first. */
export interface DirectiveLine {
  /** 1, 2, …: the item's number in the document. */
  readonly no: number;
  readonly text: string;
  readonly replies: readonly Reply[];
}

export interface DirectiveRecord {
  readonly directiveId: string;
  readonly mineId: string;
  readonly mineName?: string;
  readonly jurisdiction: string;
  readonly kind: DirectiveKind;
  /** 文号: the bureau's next number of the kind, e.g. 东山煤安督〔2026〕3号. */
  readonly documentNo: string;
  /** Business day of issue (today when issued). */
  readonly date: string;
  readonly subject: string;
  /** 办理期限: the day by which every item must be answered. */
  readonly deadline: string;
  readonly items: readonly DirectiveLine[];
  /** The issuing bureau, by its jurisdiction and name. */
  readonly issuer: { readonly jurisdiction: string; readonly name: string };
  readonly issuedBy: Actor;
  readonly issuedAt: string;
  readonly status: DirectiveStatus;
  readonly closedAt?: string;
  readonly version: number;
  readonly updatedAt: string;
}
