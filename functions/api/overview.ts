import { apiHandler } from '#lib/http/api-handler.ts';
import { readOverview } from '#lib/overview/read.ts';
import { overviewRoutes } from './overview.routes.ts';

/** 辖区总览: a jurisdiction's figures and its children's, read in one Query. */
export const handler = apiHandler(overviewRoutes, {
  getOverview: async ({ store, query }) => ({ body: await readOverview(store, query.jurisdiction) }),
});
