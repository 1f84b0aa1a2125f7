import * as z from 'zod/mini';
import { ADMIN_ONLY, ADMIN_OR_OWN_MINE, ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import { creditPreviewSchema } from '#lib/credit/policy-preview.ts';
import {
  commitmentBody,
  commitmentParams,
  commitmentSchema,
  creditHistoryQuery,
  creditSchema,
  creditSummarySchema,
  decideOverrideBody,
  inspectionPlanQuery,
  inspectionPlanSchema,
  listCreditQuery,
  overrideSchema,
  proposeOverrideBody,
  simulateBody,
  simulateSchema,
} from '#lib/credit/schemas.ts';
import { pendingChangeRoutes, policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { idSchema, listOf, mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'credit';
const overrideParams = z.object({ mineId: idSchema, overrideId: z.string().check(z.minLength(1), z.maxLength(100)) });
const commitmentPathParams = z.extend(commitmentParams, { mineId: idSchema });

export const creditRoutes = [
  ...policyRoutes(creditPolicy, {
    id: 'Credit',
    tag: 'policies',
    summary: '信用分类监管策略 (the credit model in force for your jurisdiction)',
    putSummary:
      '设定信用分类监管策略 (a new version for your jurisdiction; the forced-D triggers need a legal reviewer)',
    putDescription:
      'version is the version of your jurisdiction’s own policy you read (0 when it has none). Settings not given keep their values; nested objects merge; the result is checked whole (A > B > C, inspections rise as the tier falls).',
  }),
  ...pendingChangeRoutes(creditPolicy, { id: 'Credit', tag: 'policies' }),
  defineRoute({
    operationId: 'previewCreditPolicy',
    method: 'POST',
    path: '/v1/policies/credit/preview',
    roles: ADMIN_ONLY,
    tag: 'policies',
    summary: '预览信用分类监管策略变更 (each mine’s score and tier today, before and after; nothing stored)',
    description:
      'The body is the PUT’s and is checked as the PUT checks it (400 naming the setting, 422 outside a guarded bound, 409 on a stale version). Every mine of your jurisdiction is classified as of today under the policy in force and under the policy with the change, from the same records: the counts per tier before and after, and the mines whose tier moves (at most 200). A jurisdiction below yours with a policy of its own keeps it. Nothing is written.',
    body: creditPolicy.changeSchema,
    response: creditPreviewSchema,
  }),
  defineRoute({
    operationId: 'getMineCredit',
    method: 'GET',
    path: '/v1/mines/{mineId}/credit',
    roles: MINE_READERS,
    tag,
    summary: '煤矿安全信用：分数、等级和每一项扣分加分 (current, with breakdown)',
    params: mineIdParams,
    response: creditSchema,
  }),
  defineRoute({
    operationId: 'getMineCreditHistory',
    method: 'GET',
    path: '/v1/mines/{mineId}/credit/history',
    roles: MINE_READERS,
    tag,
    summary: '信用评价历史 (daily snapshots, newest first; changesOnly=true for tier changes)',
    params: mineIdParams,
    query: creditHistoryQuery,
    response: pageOf(creditSchema),
  }),
  defineRoute({
    operationId: 'simulateMineCredit',
    method: 'POST',
    path: '/v1/mines/{mineId}/credit/simulate',
    roles: MINE_READERS,
    tag,
    summary: '信用模拟测算 (what-if: add or remove records and see the tier; nothing stored)',
    params: mineIdParams,
    body: simulateBody,
    response: simulateSchema,
  }),
  defineRoute({
    operationId: 'listCredit',
    method: 'GET',
    path: '/v1/credit',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区煤矿信用等级 (filter by tier, jurisdiction)',
    query: listCreditQuery,
    response: pageOf(creditSummarySchema),
  }),
  defineRoute({
    operationId: 'getInspectionPlan',
    method: 'GET',
    path: '/v1/inspection-plan',
    roles: ANY_BUREAU,
    tag,
    summary: '差异化监管：本月应检查煤矿 (due by credit tier and last inspection; overdue first)',
    query: inspectionPlanQuery,
    response: inspectionPlanSchema,
  }),
  defineRoute({
    operationId: 'proposeCreditOverride',
    method: 'POST',
    path: '/v1/mines/{mineId}/credit/overrides',
    roles: ADMIN_ONLY,
    tag,
    summary: '提出信用等级调整 (takes effect only when a legal reviewer approves)',
    params: mineIdParams,
    body: proposeOverrideBody,
    status: 201,
    response: overrideSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listCreditOverrides',
    method: 'GET',
    path: '/v1/mines/{mineId}/credit/overrides',
    roles: ANY_BUREAU,
    tag,
    summary: '信用等级调整记录 (newest first)',
    params: mineIdParams,
    response: listOf(overrideSchema),
  }),
  defineRoute({
    operationId: 'approveCreditOverride',
    method: 'POST',
    path: '/v1/mines/{mineId}/credit/overrides/{overrideId}/approve',
    roles: ['legal_reviewer'],
    tag,
    summary: '法制审核批准信用等级调整 (not by the proposer; the mine is classified again at once)',
    params: overrideParams,
    body: decideOverrideBody,
    response: overrideSchema,
  }),
  defineRoute({
    operationId: 'rejectCreditOverride',
    method: 'POST',
    path: '/v1/mines/{mineId}/credit/overrides/{overrideId}/reject',
    roles: ['legal_reviewer'],
    tag,
    summary: '法制审核驳回信用等级调整 (reason required)',
    params: overrideParams,
    body: decideOverrideBody,
    response: overrideSchema,
  }),
  defineRoute({
    operationId: 'listSafetyCommitments',
    method: 'GET',
    path: '/v1/mines/{mineId}/safety-commitments',
    roles: MINE_READERS,
    tag,
    summary: '安全承诺报备 (yearly safety commitments)',
    params: mineIdParams,
    response: listOf(commitmentSchema),
  }),
  defineRoute({
    operationId: 'putSafetyCommitment',
    createdStatus: 201,
    method: 'PUT',
    path: '/v1/mines/{mineId}/safety-commitments/{year}',
    roles: ADMIN_OR_OWN_MINE,
    tag,
    summary: '报备年度安全承诺 (create, or replace with version)',
    params: commitmentPathParams,
    body: commitmentBody,
    response: commitmentSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const creditNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI3'] },
  sendsTo: [notificationsQueue.name],
};
