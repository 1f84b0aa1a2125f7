// The tables the dashboard reads to offer a case's and a blacklist entry's actions come from the same declarations
// the API decides by: written out here as the product states them, and checked against the engine, so the pages
// offer exactly what the API accepts from someone who is no party to a four-eyes pair.
import { describe, expect, it } from 'vitest';
import { BLACKLIST_STATUSES, BLACKLIST_WORKFLOW } from '#lib/blacklist/vocabulary.ts';
import { CASE_STATUSES, CASE_WORKFLOW } from '#lib/cases/vocabulary.ts';
import { decide } from '#lib/workflow/engine.ts';
import {
  CASE_ACTION_FROM,
  CASE_ACTION_LABELS,
  CASE_HANDLERS,
  CASE_STEP_LABELS,
  ROLE_LABELS,
  type Role,
} from '#web/src/labels.ts';
import { allowedActions, BLACKLIST_ACTIONS, BLACKLIST_STEP_LABELS } from '#web/src/pages/blacklist-actions.ts';

const ROLES = Object.keys(ROLE_LABELS) as Role[];
const nobody = (role: string) => ({ sub: `no-party-${role}`, role });

describe('cases', () => {
  it('offers each action from the statuses the flow allows, to the squad and the leaders', () => {
    expect(CASE_ACTION_FROM).toEqual({
      assign: ['open', 'investigating'],
      start: ['open'],
      confirm: ['investigating'],
      dismiss: ['open', 'investigating'],
      close: ['confirmed', 'dismissed'],
    });
    expect(CASE_HANDLERS).toEqual(['bureau_admin', 'inspector']);
  });

  it('names the actions and the steps of the history', () => {
    expect(CASE_ACTION_LABELS).toEqual({
      assign: '指派承办人',
      start: '开始核实',
      confirm: '认定违法',
      dismiss: '排除',
      close: '结案',
    });
    expect(CASE_STEP_LABELS).toEqual({ open: '立案', ...CASE_ACTION_LABELS });
  });

  const rows = CASE_STATUSES.flatMap((status) => ROLES.map((role) => [status, role] as const));
  it.each(rows)('in %s, %s is offered what the API accepts', (status, role) => {
    const offered = CASE_HANDLERS.includes(role)
      ? (Object.keys(CASE_ACTION_FROM) as (keyof typeof CASE_ACTION_FROM)[]).filter((a) =>
          CASE_ACTION_FROM[a].includes(status),
        )
      : [];
    const accepted = (Object.keys(CASE_WORKFLOW.actions) as (keyof typeof CASE_ACTION_FROM)[]).filter(
      (action) => decide(CASE_WORKFLOW, { state: status, action, actor: nobody(role), history: [] }).allowed,
    );
    expect(offered).toEqual(accepted);
  });
});

describe('the blacklist', () => {
  it('names the steps of an entry’s history as the actions are named', () => {
    expect(BLACKLIST_STEP_LABELS).toEqual({
      propose: '拟列入',
      serve_notice: '送达事先告知书',
      record_objection: '登记陈述申辩',
      answer_objection: '答复陈述申辩',
      submit_review: '提交法制审核',
      approve: '审核通过并列入',
      reject: '审核不通过',
      withdraw: '撤回',
      request_removal: '申请提前移出',
      approve_removal: '同意提前移出',
      reject_removal: '不同意提前移出',
      revoke_removal: '提请撤销提前移出',
      approve_revocation: '同意撤销提前移出',
      reject_revocation: '不同意撤销提前移出',
      expire: '期满移出',
    });
    for (const [name, spec] of Object.entries(BLACKLIST_ACTIONS)) expect(spec.label).toBe(BLACKLIST_STEP_LABELS[name]);
  });

  // The entry as the page sees it: an objection waiting, a removal asked and its revocation proposed, so only the
  // state and the role decide (asking again while one waits is the lifecycle's to refuse, so it is left out).
  const rows = BLACKLIST_STATUSES.flatMap((status) => ROLES.map((role) => [status, role] as const));
  it.each(rows)('in %s, %s is offered what the API accepts', (status, role) => {
    const entry = {
      status,
      objections: [{ objectionId: 'o1' }],
      removalRequest: { reason: 'x' },
      revocationRequest: { reason: 'x' },
    } as unknown as Parameters<typeof allowedActions>[0];
    const asking = ['request_removal', 'revoke_removal'];
    const offered = allowedActions(entry, role).filter((a) => !asking.includes(a));
    const accepted = (Object.keys(BLACKLIST_ACTIONS) as (keyof typeof BLACKLIST_ACTIONS)[]).filter(
      (action) =>
        !asking.includes(action) &&
        decide(BLACKLIST_WORKFLOW, {
          state: status,
          action,
          actor: nobody(role),
          history: [],
          // Revoking a removal leads back to the list or, past its end, to expired: either will do here.
          ...(action === 'approve_revocation' ? { to: 'published' as const } : {}),
        }).allowed,
    );
    expect(offered).toEqual(accepted);
  });
});
