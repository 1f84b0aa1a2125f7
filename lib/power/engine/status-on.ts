/**
 * The statuses of the review's window (statusOn, from the registry, for each day) and which of them hold a mine to
 * its maintenance load.
 */
import { statusOn } from '#lib/registry/status-on.ts';
import type { MineStatus, StatusSpan } from '#lib/registry/vocabulary.ts';

export { statusOn };

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
