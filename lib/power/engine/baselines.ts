/**
 * What a mine's day is compared with (DOMAIN.md §1): learned from the mine's own history in the window where there
 * are at least `minHistoryDays` usable days, otherwise from its equipment register and approved capacity.
 * - maintenance load: median total of suspended/rectifying days, else must-run equipment × 24 h × load factor;
 * - production ceiling: capacity / production days × margin × kWh per tonne;
 * - median and MAD of totals on history days in the reviewed day's status;
 * - night share: mean over stopped days with quarter-hours, else 8/24 (a flat must-run load);
 * - hoist share: median over stopped days with a circuit split, else none (a flat maintenance profile says nothing
 *   about the hoist, so the rule waits for history).
 */
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { Baselines, BaselineValue, MineReviewInput } from '../types.ts';
import type { ReviewCalendar } from './calendar.ts';
import type { DailyAggregates } from './daily-totals.ts';
import { madInPlace, meanOf, medianInPlace } from './stats.ts';
import { isStopped, isSuspended } from './status-on.ts';

const HOURS_PER_DAY = 24;
const FLAT_NIGHT_SHARE = 8 / 24;

export const kwhPerTonneOf = (input: MineReviewInput): number => input.kwhPerTonne ?? input.policy.defaultKwhPerTonne;

/** Daily ceiling for a producing mine at its approved capacity. */
export const productionCeilingKwh = (input: MineReviewInput): number =>
  (input.approvedCapacityTonnesPerYear / input.policy.productionDaysPerYear) *
  input.policy.productionMargin *
  kwhPerTonneOf(input);

/** Maintenance load from the equipment register: the must-run equipment all day at the policy's load factor. */
export const equipmentMaintenanceKwh = (input: MineReviewInput): BaselineValue | null => {
  let kw = 0;
  let any = false;
  for (const e of input.equipment) {
    if (!e.mustRunWhenStopped) continue;
    kw += e.ratedKw;
    any = true;
  }
  return any ? { value: kw * HOURS_PER_DAY * input.policy.maintenanceLoadFactor, source: 'equipment' } : null;
};

export const computeBaselines = (
  input: MineReviewInput,
  cal: ReviewCalendar,
  agg: DailyAggregates,
  statuses: readonly MineStatus[],
  status: MineStatus,
): Baselines => {
  const { minHistoryDays } = input.policy;
  const scratch = new Array<number>(cal.day - cal.historyStart).fill(0);

  // Maintenance load from suspended/rectifying days.
  let count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t) && isSuspended(statuses[i]!)) scratch[count++] = t;
  }
  const equipment = equipmentMaintenanceKwh(input);
  const maintenanceKwh: BaselineValue =
    count >= minHistoryDays
      ? { value: medianInPlace(scratch, count), source: 'history' }
      : (equipment ?? { value: 0, source: 'default' });

  // Median and MAD for the reviewed day's status.
  count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t) && statuses[i] === status) scratch[count++] = t;
  }
  const historyDays = count;
  let medianKwh: number | null = null;
  let madKwh: number | null = null;
  if (count >= minHistoryDays) {
    medianKwh = medianInPlace(scratch, count);
    madKwh = madInPlace(scratch, count, medianKwh);
  }

  // Night share of stopped days.
  count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const s = agg.nightShare[i]!;
    if (!Number.isNaN(s) && isStopped(statuses[i]!)) scratch[count++] = s;
  }
  const nightShare: BaselineValue =
    count >= minHistoryDays
      ? { value: meanOf(scratch, count), source: 'history' }
      : { value: FLAT_NIGHT_SHARE, source: equipment === null ? 'default' : 'equipment' };

  // Hoist share of stopped days.
  count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const s = agg.hoistShare[i]!;
    if (!Number.isNaN(s) && isStopped(statuses[i]!)) scratch[count++] = s;
  }
  const hoistShare: BaselineValue | null =
    count >= minHistoryDays ? { value: medianInPlace(scratch, count), source: 'history' } : null;

  return {
    maintenanceKwh,
    productionCeilingKwh: { value: productionCeilingKwh(input), source: 'capacity' },
    medianKwh,
    madKwh,
    historyDays,
    nightShare,
    hoistShare,
  };
};
