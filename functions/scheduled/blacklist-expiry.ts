import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { expireDueEntries } from '#lib/blacklist/blacklist-service.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';

/** Nightly at 00:15 Asia/Shanghai: entries whose end date is today (or a missed night of the week before) leave the list. */
export const handler = jobHandler('blacklist-expiry', async ({ db, date }) => {
  const result = await expireDueEntries(db, date, creditOnListing);
  metrics.addMetric('blacklistEntriesExpired', MetricUnit.Count, result.expired.length);
  return result;
});
