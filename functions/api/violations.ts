import { apiHandler } from '#lib/http/api-handler.ts';
import {
  correctViolation,
  getViolation,
  listMineViolations,
  listViolations,
  recordViolation,
  violationCategories,
} from '#lib/violations/violation-records.ts';
import { violationRoutes } from './violations.routes.ts';

/** Violation records (违法违规行为): recorded by inspectors or by confirmed cases, listed, corrected. */
export const handler = apiHandler(violationRoutes, {
  listViolationCategories: async () => ({ body: { items: violationCategories() } }),
  recordViolation: async ({ store, params, body }) => ({
    status: 201,
    body: await recordViolation(store, params.mineId, body),
  }),
  listMineViolations: async ({ store, params, query }) => ({
    body: await listMineViolations(store, params.mineId, query),
  }),
  listViolations: async ({ store, query }) => ({ body: await listViolations(store, query) }),
  getViolation: async ({ store, params }) => ({ body: await getViolation(store, params.violationId) }),
  correctViolation: async ({ store, params, body }) => ({
    body: await correctViolation(store, params.violationId, body),
  }),
});
