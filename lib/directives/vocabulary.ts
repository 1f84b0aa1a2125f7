/**
 * 督办函 and 监管监察意见书, plain data the API and the dashboard share: the two kinds of document, the states of an
 * item the mine must answer and of the document as a whole, with the Chinese a person reads.
 */
export const DIRECTIVE_KINDS = ['supervision_letter', 'supervision_opinion'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, string> = {
  supervision_letter: '督办函',
  supervision_opinion: '监管监察意见书',
};

/**
 * An item's state, read from its replies: none yet (open), the latest awaiting the bureau (replied), the latest
 * returned with a reason (returned: the mine answers again), or accepted (done).
 */
export const ITEM_STATES = ['open', 'replied', 'returned', 'accepted'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  open: '待答复',
  replied: '待审核',
  returned: '已退回',
  accepted: '已采纳',
};

/** A document is open until every item is accepted; then it is closed and takes no more replies. */
export const DIRECTIVE_STATUSES = ['open', 'closed'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

export const DIRECTIVE_STATUS_LABELS: Record<DirectiveStatus, string> = {
  open: '办理中',
  closed: '已办结',
};

/** The bureau's decision on a reply. */
export const REVIEW_OUTCOMES = ['accept', 'return'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
