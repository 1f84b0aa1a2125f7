/**
 * A mine's status on a given day, read from its status history: the latest span that has started by that day (a
 * change effective on the day applies to the whole day). A day before the first span takes the first span's status,
 * since the register was opened with the status the mine already had. The review engine and a case's outcome both
 * read a past day's status this way.
 */
import type { MineStatus, StatusSpan } from './vocabulary.ts';

/** Status on `day` (YYYY-MM-DD). Spans need not be sorted; of two spans from the same day the later listed wins. */
export const statusOn = (timeline: readonly StatusSpan[], day: string): MineStatus => {
  const first = timeline[0];
  if (first === undefined) throw new RangeError('statusTimeline is empty: a mine always has a status');
  let earliest = first;
  let best: StatusSpan | undefined;
  for (const span of timeline) {
    // ISO dates order as strings.
    if (span.from <= day && (best === undefined || span.from >= best.from)) best = span;
    if (span.from <= earliest.from) earliest = span;
  }
  return (best ?? earliest).status;
};
