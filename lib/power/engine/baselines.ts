/**
 * What a mine's day is compared with (DOMAIN.md §1): learned from the mine's own history in the window where there
 * are at least `minHistoryDays` usable days, otherwise from its equipment register and approved capacity.
 * - maintenance load: median total of days held to maintenance (suspended, rectifying, construction), else must-run
 *   equipment × 24 h × load factor; a learned load above the register's must-run load is cut down to it
 *   (`equipment_cap`): the approved register in force on the day is the most a stopped mine is ever excused;
 * - production ceiling: capacity / production days × margin × kWh per tonne;
 * - median and MAD of totals on history days in the reviewed day's status;
 * - night share: mean over stopped days with quarter-hours, else 8/24 (a flat must-run load);
 * - hoist share: median over stopped days with a circuit split, else none (a flat maintenance profile says nothing
 *   about the hoist, so the rule waits for history).
 * A usable day is a history day with readings that is not among `input.excludedDays`: a day the review flagged, or a
 * day of a pending investigation case, never teaches a baseline, so weeks of hidden production cannot raise the bar
 * to meet it.
 */
import type { MineStatus } from '#lib/registry/vocabulary.ts';
import type { Baselines, BaselineValue, MineReviewInput } from '../types.ts';
import type { ReviewCalendar } from './calendar.ts';
import type { DailyAggregates } from './daily-totals.ts';
import { madInPlace, meanOf, medianInPlace } from './stats.ts';
import { isHeldToMaintenance, isStopped } from './status-on.ts';

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

/**
 * A learned maintenance load, cut down to the register's must-run load where it exceeds it. Without must-run
 * equipment on the register there is nothing to cap with: an empty register is one not filled in, not a claim that
 * the mine needs nothing, and the learned figure stands (the flagged days it leaves out keep it honest).
 */
const capped = (learned: number, equipment: BaselineValue | null): BaselineValue =>
  equipment !== null && learned > equipment.value
    ? { value: equipment.value, source: 'equipment_cap' }
    : { value: learned, source: 'history' };

/** 1 at each history position that `input.excludedDays` names (days outside the history window are ignored). */
const NONE: readonly number[] = [];
const excludedMask = (input: MineReviewInput, cal: ReviewCalendar): readonly number[] => {
  const days = input.excludedDays;
  if (days === undefined || days.length === 0) return NONE;
  const mask = new Array<number>(cal.day).fill(0);
  for (const d of days) {
    const i = cal.indexOf.get(d);
    if (i !== undefined && i >= cal.historyStart && i < cal.day) mask[i] = 1;
  }
  return mask;
};

const excludedDaysOf = (mask: readonly number[], cal: ReviewCalendar): { excludedDays?: string[] } => {
  if (mask === NONE) return {};
  const days: string[] = [];
  for (let i = cal.historyStart; i < cal.day; i++) if (mask[i] === 1) days.push(cal.dates[i]!);
  return days.length > 0 ? { excludedDays: days } : {};
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
  const excluded = excludedMask(input, cal);

  // Maintenance load from days held to maintenance, never above the register's must-run load.
  let count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t) && excluded[i] !== 1 && isHeldToMaintenance(statuses[i]!)) scratch[count++] = t;
  }
  const equipment = equipmentMaintenanceKwh(input);
  const maintenanceKwh: BaselineValue =
    count >= minHistoryDays
      ? capped(medianInPlace(scratch, count), equipment)
      : (equipment ?? { value: 0, source: 'default' });

  // Median and MAD for the reviewed day's status.
  count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t) && excluded[i] !== 1 && statuses[i] === status) scratch[count++] = t;
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
    if (!Number.isNaN(s) && excluded[i] !== 1 && isStopped(statuses[i]!)) scratch[count++] = s;
  }
  const nightShare: BaselineValue =
    count >= minHistoryDays
      ? { value: meanOf(scratch, count), source: 'history' }
      : { value: FLAT_NIGHT_SHARE, source: equipment === null ? 'default' : 'equipment' };

  // Hoist share of stopped days.
  count = 0;
  for (let i = cal.historyStart; i < cal.day; i++) {
    const s = agg.hoistShare[i]!;
    if (!Number.isNaN(s) && excluded[i] !== 1 && isStopped(statuses[i]!)) scratch[count++] = s;
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
    ...excludedDaysOf(excluded, cal),
  };
};
