import {
  correctAccident,
  getAccident,
  listAccidents,
  listMineAccidents,
  recordAccident,
} from '#lib/accidents/accidents.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { accidentRoutes } from './accidents.routes.ts';

/** Accidents (生产安全事故): level, casualties, concealment; listed and corrected, never deleted. */
export const handler = apiHandler(accidentRoutes, {
  recordAccident: async ({ store, params, body }) => ({
    status: 201,
    body: await recordAccident(store, params.mineId, body),
  }),
  listMineAccidents: async ({ store, params, query }) => ({
    body: await listMineAccidents(store, params.mineId, query),
  }),
  listAccidents: async ({ store, query }) => ({ body: await listAccidents(store, query) }),
  getAccident: async ({ store, params }) => ({ body: await getAccident(store, params.accidentId) }),
  correctAccident: async ({ store, params, body }) => ({ body: await correctAccident(store, params.accidentId, body) }),
});
