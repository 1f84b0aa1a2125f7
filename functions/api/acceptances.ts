import { acceptancePolicy } from '#lib/acceptance/acceptance-policy.ts';
import {
  actOnAcceptance,
  applyForAcceptance,
  getAcceptance,
  listAcceptances,
  listMineAcceptances,
} from '#lib/acceptance/acceptances.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { acceptanceRoutes } from './acceptances.routes.ts';

/** 复工复产验收: applied by the mine, checked on site, approved with a second signature; the mine then produces. */
export const handler = apiHandler(acceptanceRoutes, {
  applyForAcceptance: async ({ store, params, body }) => ({
    status: 201,
    body: await applyForAcceptance(store, params.mineId, body),
  }),
  listMineAcceptances: async ({ store, params, query }) => ({
    body: await listMineAcceptances(store, params.mineId, query),
  }),
  listAcceptances: async ({ store, query }) => ({ body: await listAcceptances(store, query) }),
  getAcceptance: async ({ store, params }) => ({ body: await getAcceptance(store, params.acceptanceId) }),
  actOnAcceptance: async ({ store, params, body }) => ({
    body: await actOnAcceptance(store, params.acceptanceId, body),
  }),
  ...policyOperations(acceptancePolicy, 'Acceptance'),
});
