import { jobHandler } from '#lib/jobs/job-handler.ts';
import { metrics } from '#lib/observability/powertools.ts';
import { applyDueStatusChanges } from '#lib/registry/due-status-changes.ts';
import { resendPendingMoves } from '#lib/registry/mine-move.ts';

/**
 * Nightly: status changes dated for today (or missed days) take effect on the mine's profile, and a mine's move whose
 * records have not all followed it (its message lost) is sent again.
 */
export const handler = jobHandler('mine-status-effective', async ({ db, date }) => {
  const result = await applyDueStatusChanges(db, date);
  metrics.addMetric('statusChangesApplied', 'Count', result.applied.length);
  const movesResent = await resendPendingMoves(db, db.now());
  metrics.addMetric('mineMovesResent', 'Count', movesResent.length);
  return { ...result, movesResent };
});
