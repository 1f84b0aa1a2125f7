import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { refreshOverview } from '#lib/overview/refresh.ts';

/**
 * Every 5 minutes: each district with mines recomputed from its jurisdiction lists, cities and provinces rolled up
 * from their children (辖区总览). The figures are at most one period old; their `asOf` says when.
 */
export const handler = jobHandler('overview-refresh', async ({ db, date }) => {
  const result = await refreshOverview(db, date);
  metrics.addMetric('overviewItemsWritten', MetricUnit.Count, result.written);
  return result;
});
