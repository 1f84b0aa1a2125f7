import { apiHandler } from '#lib/http/api-handler.ts';
import { actOnInspection } from '#lib/inspections/inspection-actions.ts';
import { createInspection, getInspection, listInspections, listMineInspections } from '#lib/inspections/inspections.ts';
import { inspectionRoutes } from './inspections.routes.ts';

/** Enforcement inspections (执法检查): planned, done with findings, or cancelled. */
export const handler = apiHandler(inspectionRoutes, {
  createInspection: async ({ store, params, body }) => ({
    status: 201,
    body: await createInspection(store, params.mineId, body),
  }),
  listMineInspections: async ({ store, params, query }) => ({
    body: await listMineInspections(store, params.mineId, query),
  }),
  listInspections: async ({ store, query }) => ({ body: await listInspections(store, query) }),
  getInspection: async ({ store, params }) => ({ body: await getInspection(store, params.inspectionId) }),
  actOnInspection: async ({ store, params, body }) => ({
    body: await actOnInspection(store, params.inspectionId, body),
  }),
});
