import { actOnCase, caseDetail } from '#lib/cases/case-actions.ts';
import { listCases } from '#lib/cases/case-queries.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { caseRoutes } from './cases.routes.ts';

/** Investigation cases (调查核实) opened by the electricity review. */
export const handler = apiHandler(caseRoutes, {
  listCases: async ({ store, query }) => ({ body: await listCases(store, query) }),
  getCase: async ({ store, params }) => ({ body: await caseDetail(store, params.caseId) }),
  actOnCase: async ({ store, params, body }) => ({ body: await actOnCase(store, params.caseId, body) }),
});
