import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { runReminderScan } from '#lib/reminders/scan.ts';

/** Every morning at 07:30 Asia/Shanghai: what is due or overdue, reminded once per item and stage. */
export const handler = jobHandler('reminder-scan', async ({ db, date }) => {
  const result = await runReminderScan(db, date);
  metrics.addMetric('remindersCreated', MetricUnit.Count, result.created);
  return result;
});
