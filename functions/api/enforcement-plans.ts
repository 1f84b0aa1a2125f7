import { creditPolicyFor } from '#lib/credit/credit-policy.ts';
import { approvePlan, discardRevision } from '#lib/enforcement-plan/plan-decision.ts';
import { createPlan, editPlan, getPlan, plansOfYear } from '#lib/enforcement-plan/plans.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { enforcementPlanRoutes } from './enforcement-plans.routes.ts';

/**
 * The year's enforcement plan (执法计划): drafted from the credit tiers, edited, approved with a second signature; a
 * pending revision discarded.
 */
export const handler = apiHandler(enforcementPlanRoutes, {
  listEnforcementPlans: async ({ store, query }) => ({ body: await plansOfYear(store, query.year) }),
  createEnforcementPlan: async ({ store, body }) => ({
    status: 201,
    body: await createPlan(
      store,
      body,
      async (jurisdiction) => (await creditPolicyFor(store.shared, jurisdiction)).inspectionsPerYear,
    ),
  }),
  getEnforcementPlan: async ({ store, params }) => ({ body: await getPlan(store, params.planId) }),
  editEnforcementPlan: async ({ store, params, body }) => ({ body: await editPlan(store, params.planId, body) }),
  approveEnforcementPlan: async ({ store, params, body }) => ({ body: await approvePlan(store, params.planId, body) }),
  discardEnforcementPlanRevision: async ({ store, params, body }) => ({
    body: await discardRevision(store, params.planId, body),
  }),
});
