import type { PlanItem, PlanMember } from './plan-item.ts';
import type { PlanTier } from './vocabulary.ts';

/**
 * The year's planned inspections of a jurisdiction's mines, from each mine's credit tier: as many a year as the
 * credit policy's differential supervision frequency for the tier (A 4, B 6, C 12, D 26 by default), spread evenly
 * over the twelve months, the k-th of n in month ⌊12k/n⌋ + 1 (4 a year: January, April, July, October). Each is led
 * by the mine's assigned official (包保责任人) when it has one, else by the drafter. Pure: the same mines give the
 * same plan.
 */
export interface PlannedMine {
  readonly mineId: string;
  readonly mineName: string;
  readonly tier: PlanTier;
  readonly assignedOfficial?: PlanMember | undefined;
}

/** The months of a year's n inspections, in order (n ≥ 1). */
export const plannedMonths = (perYear: number): number[] =>
  Array.from({ length: perYear }, (_, k) => Math.floor((12 * k) / perYear) + 1);

export function generatePlanItems(
  mines: readonly PlannedMine[],
  perYearOf: (mine: PlannedMine) => number,
  drafter: PlanMember,
): PlanItem[] {
  const ordered = [...mines].sort((a, b) => a.mineId.localeCompare(b.mineId));
  return ordered.flatMap((mine) =>
    plannedMonths(perYearOf(mine)).map((month, k) => ({
      itemId: `${mine.mineId}-${String(k + 1).padStart(2, '0')}`,
      mineId: mine.mineId,
      mineName: mine.mineName,
      tier: mine.tier,
      month,
      leader: mine.assignedOfficial ?? drafter,
      members: [],
    })),
  );
}
