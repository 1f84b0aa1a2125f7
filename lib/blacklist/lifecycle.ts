import { RuleError, ValidationError } from '#lib/errors.ts';
import type { Actor } from '#lib/store/audit.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';
import { enforce, type HistoryStep } from '#lib/workflow/engine.ts';
import type { BlacklistTerms } from './blacklist-policy.ts';
import type { BlacklistEntry, Step } from './entry.ts';
import type { Scope } from './grounds.ts';
import { BLACKLIST_WORKFLOW } from './vocabulary.ts';

/**
 * The blacklist's rules, pure: an action on an entry, by whom, on which day, under which terms, gives the entry
 * after it or refuses with the reason (422 for the wrong state or the wrong person, 400 for missing input). The
 * flow itself is declared in ./vocabulary.ts (BLACKLIST_WORKFLOW) and decided by lib/workflow/engine.ts; the dates,
 * objections and material of each action are checked here.
 */
export type BlacklistAction =
  | { readonly action: 'serve_notice'; readonly servedOn: string; readonly noticeNo?: string | undefined }
  | { readonly action: 'record_objection'; readonly receivedOn: string; readonly content: string }
  | {
      readonly action: 'answer_objection';
      readonly objectionId: string;
      readonly answer: string;
      readonly upheld: boolean;
    }
  | { readonly action: 'submit_review' }
  | {
      readonly action: 'approve';
      readonly decisionNo: string;
      readonly listedOn?: string | undefined;
      readonly scopes?: readonly Scope[] | undefined;
    }
  | { readonly action: 'reject'; readonly reason: string }
  | { readonly action: 'withdraw'; readonly reason: string }
  | { readonly action: 'request_removal'; readonly reason: string; readonly evidence: readonly string[] }
  | { readonly action: 'approve_removal'; readonly note?: string | undefined }
  | { readonly action: 'reject_removal'; readonly reason: string }
  | { readonly action: 'revoke_removal'; readonly reason: string; readonly evidence: readonly string[] }
  | { readonly action: 'approve_revocation'; readonly note?: string | undefined }
  | { readonly action: 'reject_revocation'; readonly reason: string }
  | { readonly action: 'expire' };

export type ActionName = BlacklistAction['action'];

export interface ActionContext {
  readonly actor: Actor;
  /** Business day of the action (Asia/Shanghai). */
  readonly today: string;
  /** Timestamp of the action. */
  readonly at: string;
  readonly terms: BlacklistTerms;
  readonly newId: (prefix: string) => string;
}

const refuse = (message: string, field = 'body.action', detail = message) =>
  new RuleError(message, [{ field, message: detail }]);
const missing = (field: string, message: string) => new ValidationError(message, [{ field, message: 'required' }]);

/**
 * Who took the steps the four-eyes pairs look at: the proposer, the requester of the pending early removal, and
 * the proposer of the pending revocation of a removal.
 */
const historyOf = (entry: BlacklistEntry): HistoryStep[] => [
  { action: 'propose', by: entry.proposedBy },
  ...(entry.removalRequest ? [{ action: 'request_removal', by: entry.removalRequest.requestedBy }] : []),
  ...(entry.revocationRequest ? [{ action: 'revoke_removal', by: entry.revocationRequest.requestedBy }] : []),
];

export function applyAction(entry: BlacklistEntry, input: BlacklistAction, ctx: ActionContext): BlacklistEntry {
  const { actor, today, at, terms } = ctx;
  // The state, the four-eyes pairs and who may act, as BLACKLIST_WORKFLOW declares (all refused with 422); past its
  // end date a revoked removal leaves the listing expired rather than published.
  const status = enforce(BLACKLIST_WORKFLOW, {
    state: entry.status,
    action: input.action,
    actor,
    history: historyOf(entry),
    ...(input.action === 'approve_revocation' ? { to: today < entry.endsOn! ? 'published' : 'expired' } : {}),
  });
  const step = (note?: string, evidence?: readonly string[]): Step => ({
    action: input.action,
    at,
    by: actor,
    ...(note ? { note } : {}),
    ...(evidence?.length ? { evidence } : {}),
  });
  const next = (changes: Partial<BlacklistEntry>, note?: string, evidence?: readonly string[]): BlacklistEntry => ({
    ...entry,
    ...changes,
    status,
    steps: [...entry.steps, step(note, evidence)],
    version: entry.version + 1,
    updatedAt: at,
  });
  const notFuture = (date: string, field: string) => {
    if (date > today) throw new ValidationError(`${field} 不能晚于今天`, [{ field, message: '不能是将来的日期' }]);
  };

  switch (input.action) {
    case 'serve_notice': {
      notFuture(input.servedOn, 'body.servedOn');
      const objectionDeadline = addDays(input.servedOn, terms.objectionDays);
      return next(
        {
          notice: {
            servedOn: input.servedOn,
            ...(input.noticeNo ? { noticeNo: input.noticeNo } : {}),
            objectionDeadline,
            servedBy: actor,
          },
        },
        `${input.servedOn} 送达事先告知书${input.noticeNo ? `（${input.noticeNo}）` : ''}，陈述申辩期至 ${objectionDeadline}`,
      );
    }
    case 'record_objection': {
      notFuture(input.receivedOn, 'body.receivedOn');
      const { servedOn, objectionDeadline: deadline } = entry.notice!;
      if (input.receivedOn < servedOn)
        throw refuse(
          `事先告知书于 ${servedOn} 送达，此前收到的不是对本次告知的陈述申辩`,
          'body.receivedOn',
          `before ${servedOn}`,
        );
      if (input.receivedOn > deadline)
        throw refuse(`陈述申辩期已于 ${deadline} 届满，不能再登记申辩`, 'body.receivedOn', `after ${deadline}`);
      const objection = {
        objectionId: ctx.newId('obj'),
        receivedOn: input.receivedOn,
        content: input.content,
        recordedBy: actor,
        recordedAt: at,
      };
      return next({ objections: [...entry.objections, objection] }, `登记陈述申辩：${input.content}`);
    }
    case 'answer_objection': {
      const found = entry.objections.find((o) => o.objectionId === input.objectionId);
      if (!found) throw refuse(`陈述申辩 ${input.objectionId} 不存在`, 'body.objectionId', 'no such objection');
      if (found.answer) throw refuse('该陈述申辩已答复', 'body.objectionId', 'already answered');
      const objections = entry.objections.map((o) =>
        o === found ? { ...o, answer: { text: input.answer, upheld: input.upheld, by: actor, at } } : o,
      );
      return next({ objections }, `答复陈述申辩（${input.upheld ? '理由成立' : '理由不成立'}）：${input.answer}`);
    }
    case 'submit_review': {
      const deadline = entry.notice!.objectionDeadline;
      if (today <= deadline)
        throw refuse(
          `陈述申辩期至 ${deadline}，届满后方可提交法制审核`,
          'body.action',
          `objection window open until ${deadline}`,
        );
      if (entry.objections.some((o) => !o.answer))
        throw refuse('尚有陈述申辩未答复，答复后方可提交法制审核', 'body.action', 'unanswered objection');
      if (entry.objections.some((o) => o.answer?.upheld))
        throw refuse('陈述申辩理由成立，应撤回本次拟列入', 'body.action', 'an objection was upheld');
      return next({ reviewSubmittedBy: actor }, '提交法制审核');
    }
    case 'approve': {
      if (!input.decisionNo) throw missing('body.decisionNo', '列入须填写决定书文号');
      const listedOn = input.listedOn ?? today;
      notFuture(listedOn, 'body.listedOn');
      if (entry.notice && listedOn <= entry.notice.objectionDeadline)
        throw refuse(
          `列入日期须在陈述申辩期（至 ${entry.notice.objectionDeadline}）之后`,
          'body.listedOn',
          'within the objection window',
        );
      const endsOn = addMonths(listedOn, 12 * terms.listingYears);
      if (endsOn <= today)
        throw refuse(`按 ${listedOn} 列入，名单期限已于 ${endsOn} 届满`, 'body.listedOn', 'already ended');
      return next(
        {
          decisionNo: input.decisionNo,
          listedOn,
          endsOn,
          ...(input.scopes?.length ? { scopes: [...new Set(input.scopes)] } : {}),
        },
        `法制审核通过，决定书 ${input.decisionNo}，${listedOn} 起列入，至 ${endsOn} 期满`,
      );
    }
    case 'reject':
    case 'withdraw':
      return next({}, input.reason);
    case 'request_removal': {
      if (entry.removalRequest) throw refuse('已有提前移出申请待审核', 'body.action', 'a request is pending');
      if (today >= entry.endsOn!)
        throw refuse(
          `名单期限已于 ${entry.endsOn} 届满，期满移出，无需提前移出`,
          'body.action',
          `ended on ${entry.endsOn}`,
        );
      const earliest = addMonths(entry.listedOn!, terms.earlyRemovalMonths);
      if (today < earliest)
        throw refuse(
          `列入满 ${terms.earlyRemovalMonths} 个月（${earliest}）后方可申请提前移出`,
          'body.action',
          `not before ${earliest}`,
        );
      if (input.evidence.length === 0) throw missing('body.evidence', '申请提前移出须附信用修复材料');
      return next(
        { removalRequest: { reason: input.reason, evidence: input.evidence, requestedBy: actor, requestedAt: at } },
        `申请提前移出：${input.reason}`,
        input.evidence,
      );
    }
    case 'approve_removal': {
      pendingRemoval(entry);
      // The request stays in the steps (reason, evidence, who); the entry no longer waits on it.
      const { removalRequest: _done, ...after } = next({ removedOn: today }, input.note ?? '法制审核同意提前移出');
      return after;
    }
    case 'reject_removal': {
      pendingRemoval(entry);
      const after = next({}, `不同意提前移出：${input.reason}`);
      const { removalRequest: _dropped, ...rest } = after;
      return rest;
    }
    case 'revoke_removal': {
      // The first signature: nothing changes until a legal reviewer who did not propose it approves.
      if (entry.revocationRequest) throw refuse('已有撤销提前移出的提请待审核', 'body.action', 'a proposal is pending');
      if (input.evidence.length === 0) throw missing('body.evidence', '撤销提前移出须附查实弄虚作假的材料');
      return next(
        {
          revocationRequest: { reason: input.reason, evidence: input.evidence, requestedBy: actor, requestedAt: at },
        },
        `提请撤销提前移出决定（申请材料弄虚作假）：${input.reason}`,
        input.evidence,
      );
    }
    case 'approve_revocation': {
      const request = pendingRevocation(entry);
      // Past its end date the listing has run out: it is expired as of that date, as if never removed.
      const after = next(
        status === 'expired' ? { expiredOn: entry.endsOn! } : {},
        `${input.note ?? '法制审核同意撤销提前移出决定'}（申请材料弄虚作假：${request.reason}）；恢复列入至原期限 ${entry.endsOn}`,
      );
      const { removedOn: _undone, revocationRequest: _done, ...rest } = after;
      return rest;
    }
    case 'reject_revocation': {
      pendingRevocation(entry);
      const { revocationRequest: _dropped, ...rest } = next({}, `不同意撤销提前移出：${input.reason}`);
      return rest;
    }
    case 'expire':
      if (today < entry.endsOn!)
        throw refuse(`名单期限至 ${entry.endsOn}，尚未届满`, 'body.action', `ends on ${entry.endsOn}`);
      // The listing ends on its end date whichever night the job catches it.
      return next({ expiredOn: entry.endsOn! }, `${entry.endsOn} 期满移出`);
  }
}

function pendingRevocation(entry: BlacklistEntry) {
  if (!entry.revocationRequest) throw refuse('没有待审核的撤销提前移出提请', 'body.action', 'no pending proposal');
  return entry.revocationRequest;
}

function pendingRemoval(entry: BlacklistEntry) {
  if (!entry.removalRequest) throw refuse('没有待审核的提前移出申请', 'body.action', 'no pending request');
  return entry.removalRequest;
}
