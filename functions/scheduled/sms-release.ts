import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { releaseHeldSms } from '#lib/notifications/dispatch.ts';
import { metrics } from '#lib/observability/powertools.ts';

/** Daily at 08:00 Asia/Shanghai: the text messages held overnight (no SMS 21:00–08:00 unless critical) go out. */
export const handler = jobHandler('sms-release', async ({ db, date }) => {
  const result = await releaseHeldSms(db, date);
  metrics.addMetric('heldSmsSent', MetricUnit.Count, result.sent);
  return result;
});
