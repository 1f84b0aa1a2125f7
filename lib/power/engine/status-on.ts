/**
 * A mine's status on a given day, read from its status history: the latest span that has started by that day (a
 * change effective on the day applies to the whole day). A day before the first span takes the first span's status,
 * since the register was opened with the status the mine already had.
 */
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';

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

/** Status on each of `dates`, positions from..to inclusive (other positions left undefined). */
export const statusesOn = (
  timeline: readonly StatusSpan[],
  dates: readonly string[],
  from: number,
  to: number,
): MineStatus[] => {
  const out = new Array<MineStatus>(dates.length);
  for (let i = from; i <= to; i++) out[i] = statusOn(timeline, dates[i]!);
  return out;
};

/**
 * Not producing: stopped (suspended, rectifying), closed, or under construction (技改/建设, which may not produce
 * either). Their quarter-hour and circuit profiles are what the night-share and hoist-share baselines learn from.
 */
export const isStopped = (s: MineStatus): boolean => s !== 'producing';
export const isSuspended = (s: MineStatus): boolean => s === 'suspended' || s === 'rectifying';
/**
 * A mine the review excuses no more than its maintenance load: suspended or rectifying, and a mine under
 * construction, which is reviewed as a suspended one (建设期间不得生产). A closed mine is held to the closed floor.
 */
export const isHeldToMaintenance = (s: MineStatus): boolean => isSuspended(s) || s === 'construction';
