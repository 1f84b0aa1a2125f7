import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { planCreditClassification } from '#lib/credit/nightly.ts';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { queueSender } from '#lib/queue/sender.ts';

/** Nightly at 02:30 Asia/Shanghai, after the electricity review: classifies every mine as of the day (or --date). */
export const handler = jobHandler('credit-classification', async ({ db, date }) => {
  const run = await planCreditClassification(db, queueSender(), date);
  metrics.addMetric('minesQueuedForCredit', MetricUnit.Count, run.mines);
  return run;
});
