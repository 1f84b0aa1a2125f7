import type { MineItem } from '#lib/registry/mine-item.ts';
import type { RegisterOnDate } from '#lib/registry/register.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { excludedDaysFor } from './engine/exclusions.ts';
import type { StoredReading } from './reading-records.ts';
import { declarationsOn } from './reading-records.ts';
import type { ReviewFlags } from './review-flags.ts';
import type { MineReviewInput, PowerReviewPolicy, RevisionAfterReview } from './types.ts';

/**
 * The engine's input for one mine and day from what the store holds: the profile, the readings window, the register
 * in force that day and the review flags. Shared by the nightly review (./review-mines.ts) and the policy preview
 * (./policy-preview.ts), so a preview reviews a day exactly as the nightly run would under the same policy.
 */
export function reviewInput(
  mine: MineItem,
  date: string,
  readings: readonly StoredReading[],
  register: RegisterOnDate,
  flags: ReviewFlags,
  policy: PowerReviewPolicy,
): MineReviewInput {
  const historyStart = addDays(date, -policy.windowDays);
  const revisions: RevisionAfterReview[] = readings
    .filter((r) => r.date === date)
    .flatMap((r) => r.revisionsAfterReview ?? []);
  return {
    mineId: mine.mineId,
    date,
    approvedCapacityTonnesPerYear: mine.approvedCapacityTonnesPerYear,
    statusTimeline: mine.statusTimeline ?? [{ status: mine.status, from: mine.statusSince }],
    equipment: register.equipment.map((e) => ({
      ratedKw: e.ratedKw,
      circuit: e.circuit,
      mustRunWhenStopped: e.mustRunWhenStopped,
    })),
    readings: [...readings],
    revisionsAfterReview: revisions,
    // The mine's declarations beside grid or bureau readings ride on the same items: no extra request.
    declarations: declarationsOn(readings, date),
    policy,
    // The licences ride on the profile already fetched: no request of their own.
    ...(mine.licences ? { licences: mine.licences } : {}),
    excludedDays: excludedDaysFor(date, historyStart, flags.flagged, [...flags.spans.values()]),
  };
}
