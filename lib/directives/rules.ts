import { ConflictError, ValidationError } from '#lib/errors.ts';
import type { Actor } from '#lib/store/audit.ts';
import { daysBetween } from '#lib/validators/business-date.ts';
import type { DirectiveLine, DirectiveRecord, Reply, ReplyFile } from './directive-item.ts';
import type { DirectiveStatus, ItemState, ReviewOutcome } from './vocabulary.ts';

/**
 * The rules of a directive, as pure functions over the record: an item's state is read from its replies, the
 * document's status from its items, and a reply or a review returns a new record that differs from the old one only
 * in the item's rounds, the status and the version: what the bureau issued is carried over as it was.
 */

/** An item's state, from its latest reply and that reply's review. */
export function itemState(item: DirectiveLine): ItemState {
  const last = item.replies.at(-1);
  if (!last) return 'open';
  if (!last.review) return 'replied';
  return last.review.outcome === 'accept' ? 'accepted' : 'returned';
}

/** Closed when every item is accepted. */
export const statusOf = (items: readonly DirectiveLine[]): DirectiveStatus =>
  items.length > 0 && items.every((i) => itemState(i) === 'accepted') ? 'closed' : 'open';

/**
 * Days to the deadline from `today` (negative when overdue) while the directive is open; undefined once closed.
 * The deadline day itself is not overdue: 0 days left.
 */
export function daysLeft(d: Pick<DirectiveRecord, 'deadline' | 'status'>, today: string): number | undefined {
  if (d.status === 'closed') return undefined;
  return daysBetween(today, d.deadline);
}

export const isOverdue = (d: Pick<DirectiveRecord, 'deadline' | 'status'>, today: string): boolean =>
  (daysLeft(d, today) ?? 0) < 0;

/** The deadline of a new directive: not before the day it is issued (the same day is allowed). */
export function checkDeadline(issuedOn: string, deadline: string): void {
  if (deadline < issuedOn)
    throw new ValidationError('办理期限不能早于签发日期', [
      { field: 'body.deadline', message: `须不早于签发日期（${issuedOn}）` },
    ]);
}

function lineOf(d: DirectiveRecord, no: number): DirectiveLine {
  const line = d.items.find((i) => i.no === no);
  if (!line)
    throw new ValidationError(`没有第 ${no} 项`, [{ field: 'params.itemNo', message: `须为 1 至 ${d.items.length}` }]);
  return line;
}

const withLine = (d: DirectiveRecord, line: DirectiveLine, at: string): DirectiveRecord => {
  const items = d.items.map((i) => (i.no === line.no ? line : i));
  const status = statusOf(items);
  const { closedAt: _closed, ...issued } = d;
  return {
    ...issued,
    items,
    status,
    ...(status === 'closed' ? { closedAt: at } : {}),
    version: d.version + 1,
    updatedAt: at,
  };
};

/**
 * The mine's answer to an item: taken while the item is open or was returned, never once the directive is closed,
 * the item accepted, or an earlier answer still awaits the bureau (409). An answer after the deadline is taken and
 * marked late.
 */
export function applyReply(
  d: DirectiveRecord,
  no: number,
  reply: { text: string; files: readonly ReplyFile[] },
  by: Actor,
  at: string,
  today: string,
): DirectiveRecord {
  if (d.status === 'closed') throw new ConflictError(`${d.documentNo} 已办结，不再接受答复`);
  const line = lineOf(d, no);
  const state = itemState(line);
  if (state === 'accepted') throw new ConflictError(`第 ${no} 项已采纳，不再接受答复`);
  if (state === 'replied') throw new ConflictError(`第 ${no} 项的答复正在审核，审核后才能再次答复`);
  const round: Reply = { text: reply.text, files: reply.files, by, at, late: today > d.deadline };
  return withLine(d, { ...line, replies: [...line.replies, round] }, at);
}

/**
 * The bureau's decision on an item's latest answer: accept, or return with a reason (400 without one). Only an
 * answer awaiting review can be decided (409 otherwise).
 */
export function applyReview(
  d: DirectiveRecord,
  no: number,
  review: { outcome: ReviewOutcome; reason?: string | undefined },
  by: Actor,
  at: string,
): DirectiveRecord {
  if (d.status === 'closed') throw new ConflictError(`${d.documentNo} 已办结`);
  const line = lineOf(d, no);
  if (itemState(line) !== 'replied') throw new ConflictError(`第 ${no} 项没有待审核的答复`);
  if (review.outcome === 'return' && !review.reason?.trim())
    throw new ValidationError('退回须写明理由', [{ field: 'body.reason', message: '退回须写明理由' }]);
  const last = line.replies.at(-1)!;
  const decided: Reply = {
    ...last,
    review: {
      outcome: review.outcome,
      ...(review.outcome === 'return' ? { reason: review.reason!.trim() } : {}),
      by,
      at,
    },
  };
  return withLine(d, { ...line, replies: [...line.replies.slice(0, -1), decided] }, at);
}

/** A directive as the API answers it: with each item's state and, while open, the days to its deadline. */
export function directiveView(d: DirectiveRecord, today: string) {
  const left = daysLeft(d, today);
  return {
    ...d,
    items: d.items.map((i) => ({ ...i, state: itemState(i) })),
    ...(left === undefined ? {} : { daysLeft: left, overdue: left < 0 }),
  };
}
