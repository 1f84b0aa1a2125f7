import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { runDisclosure } from '#lib/disclosure/publication.ts';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';

/**
 * Nightly at 00:40 Asia/Shanghai (执法公示): publishes each decision in force not yet published, withdraws those
 * whose period has ended, and recomputes each jurisdiction's statistics of the year.
 */
export const handler = jobHandler('disclosure', async ({ db, date }) => {
  const result = await runDisclosure(db, date);
  metrics.addMetric('disclosuresPublished', MetricUnit.Count, result.published.length);
  metrics.addMetric('disclosuresWithdrawn', MetricUnit.Count, result.withdrawn.length);
  return result;
});
