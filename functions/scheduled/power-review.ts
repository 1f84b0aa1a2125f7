import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { planPowerReview } from '#lib/power/nightly-run.ts';
import { queueSender } from '#lib/queue/sender.ts';
import { addDays } from '#lib/validators/business-date.ts';

/**
 * Nightly at 01:30 Asia/Shanghai: reviews the day before (or the --date given) for every jurisdiction, fanned out
 * through the power-review queue.
 */
export const handler = jobHandler('power-review', async ({ db, date, event }) => {
  const day = event.date ?? addDays(date, -1);
  const run = await planPowerReview(db, queueSender(), day);
  metrics.addMetric(
    'minesQueuedForReview',
    MetricUnit.Count,
    run.jurisdictions.reduce((n, j) => n + j.mines, 0),
  );
  return run;
});
