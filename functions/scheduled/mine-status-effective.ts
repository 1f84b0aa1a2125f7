import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { applyDueStatusChanges } from '#lib/registry/due-status-changes.ts';

/** Nightly: status changes dated for today (or missed days) take effect on the mine's profile. */
export const handler = jobHandler('mine-status-effective', async ({ db, date }) => {
  const result = await applyDueStatusChanges(db, date);
  metrics.addMetric('statusChangesApplied', 'Count', result.applied.length);
  return result;
});
