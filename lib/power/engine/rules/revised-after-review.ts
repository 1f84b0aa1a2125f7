/**
 * 审查后修改数据: readings of the reviewed day changed after the day had been reviewed. Per meter, the first revision's
 * previous value is what the review saw and the last revision's value is what stands now; the finding compares the
 * day's total before and after, and the sentence names who changed what, when and why. A mine changing its
 * declaration beside a grid or bureau reading after the review (say, to match the reading once the mismatch was
 * found) is named too, though the total stays.
 */
import type { RevisionAfterReview } from '../../types.ts';
import { revisedAfterReviewMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

const byTimeThenMeter = (a: RevisionAfterReview, b: RevisionAfterReview): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.meterId < b.meterId ? -1 : a.meterId > b.meterId ? 1 : 0;

export const revisedAfterReview: Rule = ({ input, total }) => {
  const revisions = input.revisionsAfterReview.filter((r) => r.date === input.date);
  if (revisions.length === 0) return null;
  revisions.sort(byTimeThenMeter);

  const first = new Map<string, RevisionAfterReview>();
  const last = new Map<string, RevisionAfterReview>();
  // A changed declaration is named in the sentence but moves no reading in force, so not the day's total.
  for (const r of revisions) {
    if (r.declaration) continue;
    if (!first.has(r.meterId)) first.set(r.meterId, r);
    last.set(r.meterId, r);
  }
  let change = 0;
  let revisedNow = 0;
  for (const [meterId, r] of last) {
    change += r.kwh - first.get(meterId)!.previousKwh;
    revisedNow += r.kwh;
  }
  const newTotal = Number.isNaN(total) ? revisedNow : total;
  const previousTotal = newTotal - change;

  return makeFinding({
    rule: 'REVISED_AFTER_REVIEW',
    severity: 'medium',
    unit: 'kWh',
    measured: newTotal,
    threshold: previousTotal,
    baseline: { name: 'previousTotalKwh', value: previousTotal, source: 'history' },
    message: revisedAfterReviewMessage({ date: input.date, revisions, previousTotal, total: newTotal }),
  });
};
