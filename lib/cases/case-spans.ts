import type { RuleId } from '#lib/findings/vocabulary.ts';
import { pk, sk } from '#lib/store/keys.ts';
import type { Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { CaseItem } from './case-item.ts';

/**
 * Each case's span, kept where the nightly review reads it without a request of its own: an attribute
 * `case:<caseId>` of the mine's review-flags item (PK MINE#<id>, SK POWERFLAGS, read in the same batch as the
 * profiles). The span is written in the same transaction as the case itself when the case opens and when it is
 * confirmed or dismissed, so the two never disagree; one attribute per case, so no writer overwrites another's.
 * The review leaves a pending case's days out of its baselines, a confirmed case's days for good, and counts a
 * dismissed case's days again (lib/power/engine/exclusions.ts).
 */
export interface CaseSpan {
  readonly rule: RuleId;
  /** Business date of the finding that opened the case. */
  readonly from: string;
  readonly outcome?: 'confirmed' | 'dismissed';
  /** Business date (Asia/Shanghai) of the decision. */
  readonly on?: string;
}

export const CASE_SPAN_PREFIX = 'case:';
export const caseSpanAttribute = (caseId: string): string => `${CASE_SPAN_PREFIX}${caseId}`;

/** The span of a case as stored: its rule, first finding, and the decision with its business date, if any. */
export function caseSpanOf(c: Pick<CaseItem, 'rule' | 'openedOn' | 'steps'>): CaseSpan {
  const decision = c.steps.findLast((s) => s.action === 'confirm' || s.action === 'dismiss');
  return {
    rule: c.rule,
    from: c.openedOn,
    ...(decision
      ? {
          outcome: decision.action === 'confirm' ? ('confirmed' as const) : ('dismissed' as const),
          on: todayInShanghai(new Date(decision.at)),
        }
      : {}),
  };
}

/** Sets a case's span on its mine's review-flags item (creating the item if need be), as one write of a transaction. */
export const caseSpanWrite = (tableName: string, mineId: string, caseId: string, span: CaseSpan): Write => ({
  item: {
    Update: {
      TableName: tableName,
      Key: { PK: pk.mine(mineId), SK: sk.powerFlags },
      UpdateExpression: 'SET #entity = :entity, #span = :span',
      ExpressionAttributeNames: { '#entity': 'entity', '#span': caseSpanAttribute(caseId) },
      ExpressionAttributeValues: { ':entity': 'powerFlags', ':span': span },
    },
  },
});
