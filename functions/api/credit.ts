import { commitments, putCommitment } from '#lib/credit/commitments.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import {
  creditHistory,
  currentCredit,
  inspectionPlan,
  listCredit,
  simulateCredit,
} from '#lib/credit/credit-service.ts';
import { decideOverride, listOverrides, proposeOverride } from '#lib/credit/overrides.ts';
import { previewCreditPolicy } from '#lib/credit/policy-preview.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { pendingChangeOperations, policyOperations } from '#lib/http/policy-routes.ts';
import { creditRoutes } from './credit.routes.ts';

/** Safety credit (安全信用分类监管): the policy, each mine's classification and history, what-ifs, overrides, the inspection plan. */
export const handler = apiHandler(creditRoutes, {
  ...policyOperations(creditPolicy, 'Credit'),
  ...pendingChangeOperations(creditPolicy, 'Credit'),
  previewCreditPolicy: async ({ store, body }) => ({ body: await previewCreditPolicy(store, body) }),
  getMineCredit: async ({ store, params }) => ({ body: await currentCredit(store, params.mineId) }),
  getMineCreditHistory: async ({ store, params, query }) => ({
    body: await creditHistory(store, params.mineId, query),
  }),
  simulateMineCredit: async ({ store, params, body }) => ({ body: await simulateCredit(store, params.mineId, body) }),
  listCredit: async ({ store, query }) => ({ body: await listCredit(store, query) }),
  getInspectionPlan: async ({ store, query }) => ({ body: await inspectionPlan(store, query) }),
  proposeCreditOverride: async ({ store, params, body }) => ({
    status: 201,
    body: await proposeOverride(store, params.mineId, body),
  }),
  listCreditOverrides: async ({ store, params }) => ({ body: { items: await listOverrides(store, params.mineId) } }),
  approveCreditOverride: async ({ store, params, body }) => ({
    body: await decideOverride(store, params.mineId, params.overrideId, 'approve', body),
  }),
  rejectCreditOverride: async ({ store, params, body }) => ({
    body: await decideOverride(store, params.mineId, params.overrideId, 'reject', body),
  }),
  listSafetyCommitments: async ({ store, params }) => ({
    body: { items: await commitments.list(store, params.mineId) },
  }),
  putSafetyCommitment: async ({ store, params, body }) => {
    const { record, created } = await putCommitment(store, params.mineId, params.year, body);
    return { status: created ? 201 : 200, body: record };
  },
});
