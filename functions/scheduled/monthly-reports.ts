import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { openMonthlyReports } from '#lib/reports/monthly.ts';

/**
 * Daily at 00:50 Asia/Shanghai: opens last month's report of every district that has none yet, on the due-date index
 * by the city's reporting day (idempotent: a report already opened, submitted or accepted is left alone).
 */
export const handler = jobHandler('monthly-reports', async ({ db, date }) => {
  const result = await openMonthlyReports(db, date);
  metrics.addMetric('monthlyReportsOpened', MetricUnit.Count, result.opened.length);
  return result;
});
