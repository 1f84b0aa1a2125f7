/**
 * 审查后修改监测数据: a monitoring feed of the reviewed day changed after the day had been reviewed, like
 * REVISED_AFTER_REVIEW for electricity. The first change's previous value is what the review saw; what stands now is
 * the value in force. A mine changing its declaration beside the platform's value is named too, though the value in
 * force stays. Medium: the change is recorded for the officer to check; any case the earlier review opened stays open.
 */
import type { FeedRevision } from '#lib/monitoring/feed-precedence.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import { type FeedChangeLine, gasRevisedAfterReviewMessage, personnelRevisedAfterReviewMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

const afterReview = <V>(revisions: readonly FeedRevision<V>[] | undefined): FeedRevision<V>[] =>
  (revisions ?? []).filter((r) => r.afterReview).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

const lines = <V>(changes: readonly FeedRevision<V>[]): FeedChangeLine[] =>
  changes.map((r) => ({
    by: r.by,
    at: r.at,
    previousBy: r.previousBy,
    ...(r.declaration ? { declaration: true } : {}),
  }));

/** What the review saw: the value the first change of the value in force replaced (none: it did not move). */
const seenByReview = <V>(changes: readonly FeedRevision<V>[], now: V): V =>
  changes.find((r) => !r.declaration)?.previous ?? now;

export const personnelRevisedAfterReview: Rule = ({ input }) => {
  const now = input.monitoring?.personnel;
  const changes = afterReview<PersonnelDay>(input.monitoring?.personnelRevisions);
  if (now === undefined || changes.length === 0) return null;
  const before = seenByReview(changes, now);
  return makeFinding({
    rule: 'PERSONNEL_REVISED_AFTER_REVIEW',
    severity: 'medium',
    unit: 'people',
    measured: now.peak,
    threshold: before.peak,
    baseline: { name: 'previousPeak', value: before.peak, source: 'history' },
    message: personnelRevisedAfterReviewMessage({
      date: input.date,
      changes: lines(changes),
      before: before.shifts,
      now: now.shifts,
    }),
  });
};

const gasCounts = (g: GasDay) => ({
  alarms: g.events.length,
  uncut: g.events.filter((e) => !e.powerCut).length,
  outages: g.outages.length,
});

export const gasRevisedAfterReview: Rule = ({ input }) => {
  const now = input.monitoring?.gas;
  const changes = afterReview<GasDay>(input.monitoring?.gasRevisions);
  if (now === undefined || changes.length === 0) return null;
  const before = gasCounts(seenByReview(changes, now));
  const after = gasCounts(now);
  return makeFinding({
    rule: 'GAS_REVISED_AFTER_REVIEW',
    severity: 'medium',
    unit: 'count',
    measured: after.alarms,
    threshold: before.alarms,
    baseline: { name: 'previousAlarms', value: before.alarms, source: 'history' },
    message: gasRevisedAfterReviewMessage({ date: input.date, changes: lines(changes), before, now: after }),
  });
};
