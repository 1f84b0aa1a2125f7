import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { previewPowerPolicy } from '#lib/power/policy-preview.ts';
import { powerPolicy } from '#lib/power/power-policy.ts';
import {
  dailyReport,
  dayReviews,
  mineReviews,
  postReadings,
  readingSeries,
  runReview,
} from '#lib/power/power-service.ts';
import { powerRoutes } from './power.routes.ts';

/** The daily electricity review: readings in, reviews and reports out, the bureau's thresholds. */
export const handler = apiHandler(powerRoutes, {
  postPowerReadings: async ({ store, params, body }) => {
    const { rejected: _none, ...result } = await postReadings(store, params.mineId, body.readings);
    return { status: result.created > 0 ? 201 : 200, body: result };
  },
  getPowerReadings: async ({ store, params, query }) => ({ body: await readingSeries(store, params.mineId, query) }),
  listMinePowerReviews: async ({ store, params, query }) => ({ body: await mineReviews(store, params.mineId, query) }),
  getPowerReport: async ({ store, params }) => ({ body: await dailyReport(store, params.date) }),
  listDayReviews: async ({ store, params, query }) => ({ body: await dayReviews(store, params.date, query) }),
  runPowerReview: async ({ store, params }) => ({ status: 202, body: await runReview(store, params.date) }),
  ...policyOperations(powerPolicy, 'Power'),
  previewPowerPolicy: async ({ store, body }) => ({ body: await previewPowerPolicy(store, body) }),
});
