/**
 * The baseline band of a mine's day: the daily totals its review accepts without a kWh finding, so the chart can
 * show at a glance how far a day went out of bounds. The top is the lowest bar a rule applies to the day's total:
 * the maintenance load × multiplier for a stopped or constructing mine, the production ceiling for a producing one, the floor for a
 * closed one, and for any status the spike bar from the mine's own median and MAD. The bottom is the near-zero bar
 * of a producing mine, 0 otherwise. (The month-to-date capacity check and the profile rules — night share, hoist
 * share, identical readings — are not about the day's total and are not part of the band.)
 */
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { Baselines, PowerReviewPolicy } from '../types.ts';
import { spikeThresholdKwh } from './rules/spike.ts';
import { isHeldToMaintenance } from './status-on.ts';

export interface ExpectedRange {
  readonly lowKwh: number;
  readonly highKwh: number;
}

type RangeBaselines = Pick<Baselines, 'maintenanceKwh' | 'productionCeilingKwh' | 'medianKwh' | 'madKwh'>;
type RangePolicy = Pick<PowerReviewPolicy, 'maintenanceMultiplier' | 'closedFloorKwh' | 'spikeZ' | 'nearZeroFraction'>;

/** The accepted range, or null when no rule bounds the day's total (every status has such a rule today). */
export const expectedRangeKwh = (
  status: MineStatus,
  baselines: RangeBaselines,
  policy: RangePolicy,
): ExpectedRange | null => {
  const tops: number[] = [];
  if (isHeldToMaintenance(status)) tops.push(baselines.maintenanceKwh.value * policy.maintenanceMultiplier);
  if (status === 'producing') tops.push(baselines.productionCeilingKwh.value);
  if (status === 'closed') tops.push(policy.closedFloorKwh);
  const { medianKwh: median, madKwh: mad } = baselines;
  if (median !== null && mad !== null && mad > 0) tops.push(spikeThresholdKwh(median, mad, policy.spikeZ));
  if (tops.length === 0) return null;
  const highKwh = Math.min(...tops);
  const low = status === 'producing' ? policy.nearZeroFraction * baselines.productionCeilingKwh.value : 0;
  // Readings are in cents of a kWh: inward to the cent, a total on the band's edge is one the review accepts.
  return { lowKwh: Math.ceil(Math.min(low, highKwh) * 100) / 100, highKwh: Math.floor(highKwh * 100) / 100 };
};
