import {
  actOnHazard,
  getHazard,
  listHazardStandards,
  listHazards,
  listMineHazards,
  recordHazard,
} from '#lib/hazards/hazards.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { hazardRoutes } from './hazards.routes.ts';

/** Hazards (隐患排查治理): recording, listed supervision of major ones, rectification and 销号. */
export const handler = apiHandler(hazardRoutes, {
  recordHazard: async ({ store, params, body }) => ({
    status: 201,
    body: await recordHazard(store, params.mineId, body),
  }),
  listMineHazards: async ({ store, params, query }) => ({ body: await listMineHazards(store, params.mineId, query) }),
  listHazards: async ({ store, query }) => ({ body: await listHazards(store, query) }),
  getHazard: async ({ store, params }) => ({ body: await getHazard(store, params.hazardId) }),
  actOnHazard: async ({ store, params, body }) => ({ body: await actOnHazard(store, params.hazardId, body) }),
  listHazardStandards: async ({ store }) => ({ body: listHazardStandards(store.now()) }),
});
