import type { Role } from '#lib/auth/roles.ts';
import {
  approvePlanBody,
  createPlanBody,
  discardRevisionBody,
  editPlanBody,
  planListSchema,
  planParams,
  planSchema,
  planYearQuery,
} from '#lib/enforcement-plan/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'enforcement-plans';
/** Who reads the year's plan: the bureau. Mine users never see when they will be inspected. */
const READERS: readonly Role[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
/** Who drafts and edits it. */
const DRAFTERS: readonly Role[] = ['bureau_admin', 'inspector'];
/** Who approves it (never one who drafted or edited it). */
const APPROVERS: readonly Role[] = ['bureau_admin'];

export const enforcementPlanRoutes = [
  defineRoute({
    operationId: 'listEnforcementPlans',
    method: 'GET',
    path: '/v1/enforcement-plans',
    roles: READERS,
    tag,
    summary: '本辖区年度执法计划 (the caller’s jurisdiction’s plan of a year, with progress: none or one)',
    query: planYearQuery,
    response: planListSchema,
  }),
  defineRoute({
    operationId: 'createEnforcementPlan',
    method: 'POST',
    path: '/v1/enforcement-plans',
    roles: DRAFTERS,
    tag,
    summary: '生成年度执法计划草案 (from the mines’ credit tiers: A 4, B 6, C 12, D 26 a year by default)',
    description:
      'Drafts the caller’s jurisdiction’s plan of this year or next: for each classified mine as many planned inspections as its tier’s differential supervision frequency in the credit policy, spread over the months, each led by the mine’s assigned official. One plan per jurisdiction and year (409). The draft is in force only once a bureau admin who did not draft or edit it approves it.',
    body: createPlanBody,
    status: 201,
    response: planSchema,
  }),
  defineRoute({
    operationId: 'getEnforcementPlan',
    method: 'GET',
    path: '/v1/enforcement-plans/{planId}',
    roles: READERS,
    tag,
    summary: '一份执法计划 (items in force with their state today, progress per month and per team, the pending draft)',
    params: planParams,
    response: planSchema,
  }),
  defineRoute({
    operationId: 'editEnforcementPlan',
    method: 'PATCH',
    path: '/v1/enforcement-plans/{planId}',
    roles: DRAFTERS,
    tag,
    summary: '修改执法计划 (months, leader, members; on an approved plan a revision with a reason)',
    description:
      'Changes planned inspections of the draft; on an approved plan the changes make a revision (reason required) that waits for approval while the items in force stay. A done planned inspection is not changed (422). Leader and members must be active bureau_admin or inspector users covering the plan’s jurisdiction (422). Stale version → 409.',
    params: planParams,
    body: editPlanBody,
    response: planSchema,
  }),
  defineRoute({
    operationId: 'approveEnforcementPlan',
    method: 'POST',
    path: '/v1/enforcement-plans/{planId}/approve',
    roles: APPROVERS,
    tag,
    summary: '审批执法计划 (the draft or revision comes into force; the approver must not have drafted or edited it)',
    description:
      'Four-eyes: whoever generated or edited the pending draft may not approve it (422), an admin included. Nothing pending → 422. Stale version → 409.',
    params: planParams,
    body: approvePlanBody,
    response: planSchema,
  }),
  defineRoute({
    operationId: 'discardEnforcementPlanRevision',
    method: 'POST',
    path: '/v1/enforcement-plans/{planId}/discard-revision',
    roles: APPROVERS,
    tag,
    summary: '撤销待审批的修订 (the approved plan stays in force as it was)',
    description:
      'Drops the pending revision of an approved plan, by a bureau admin (the one who drafted it or another); audited, with the step in the plan’s history. The approved items stay in force and the plan is approved again at the same revision. No pending revision (a first draft, or nothing pending) → 422. Stale version → 409.',
    params: planParams,
    body: discardRevisionBody,
    response: planSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const enforcementPlansNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
