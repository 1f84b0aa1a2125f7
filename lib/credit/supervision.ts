import { addDays } from '#lib/validators/business-date.ts';
import type { CreditThresholds, Tier } from './policy.ts';

/**
 * Differential supervision (差异化监管): the planned inspections a year of a tier become an interval, and the next
 * inspection falls due that many days after the last one done (or at once, for a mine never inspected).
 */
export const inspectionIntervalDays = (tier: Tier, perYear: CreditThresholds['inspectionsPerYear']): number =>
  Math.max(1, Math.round(365 / perYear[tier]));

export function nextInspectionDue(input: {
  tier: Tier;
  lastInspectionOn: string | null;
  asOf: string;
  perYear: CreditThresholds['inspectionsPerYear'];
}): string {
  if (!input.lastInspectionOn) return input.asOf;
  return addDays(input.lastInspectionOn, inspectionIntervalDays(input.tier, input.perYear));
}
