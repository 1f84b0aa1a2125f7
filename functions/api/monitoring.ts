import { apiHandler } from '#lib/http/api-handler.ts';
import { feedRange } from '#lib/monitoring/monitoring-service.ts';
import { reportFeed } from '#lib/power/feed-review.ts';
import { monitoringRoutes } from './monitoring.routes.ts';

/** The monitoring feeds beside electricity: people underground and gas, from the mine's own systems. */
export const handler = apiHandler(monitoringRoutes, {
  putPersonnelFeed: async ({ store, params, body }) => {
    const result = await reportFeed(store, params.mineId, params.date, 'personnel', body);
    return { status: result.kind === 'created' ? 201 : 200, body: result };
  },
  putGasFeed: async ({ store, params, body }) => {
    const result = await reportFeed(store, params.mineId, params.date, 'gas', body);
    return { status: result.kind === 'created' ? 201 : 200, body: result };
  },
  getMonitoringFeeds: async ({ store, params, query }) => ({ body: await feedRange(store, params.mineId, query) }),
});
