import type { MonitorDay } from '#lib/monitoring/feeds.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import type { RegisterOnDate } from '#lib/registry/register.ts';
import type { HeadcountLimits } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { excludedDaysFor } from './engine/exclusions.ts';
import type { StoredReading } from './reading-records.ts';
import { declarationsOn } from './reading-records.ts';
import type { ReviewFlags } from './review-flags.ts';
import type { MineReviewInput, MonitoringInput, PowerReviewPolicy, RevisionAfterReview } from './types.ts';

/**
 * The engine's input for one mine and day from what the store holds: the profile, the readings window, the register
 * in force that day and the review flags, with the day's monitoring feeds and approved headcount where recorded. Shared by the nightly review (./review-mines.ts) and the policy preview
 * (./policy-preview.ts), so a preview reviews a day exactly as the nightly run would under the same policy.
 */
export function reviewInput(
  mine: MineItem,
  date: string,
  readings: readonly StoredReading[],
  register: RegisterOnDate,
  flags: ReviewFlags,
  policy: PowerReviewPolicy,
  witnesses: { monitoring?: MonitoringInput | undefined; headcount?: HeadcountLimits | undefined } = {},
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
    ...(witnesses.monitoring ? { monitoring: witnesses.monitoring } : {}),
    ...(witnesses.headcount ? { headcount: witnesses.headcount } : {}),
  };
}

/** The engine's view of a mine-day's monitoring item: the feeds in force and their changes (undefined: no item). */
export function monitoringInput(day: MonitorDay | undefined): MonitoringInput | undefined {
  if (!day) return undefined;
  return {
    ...(day.personnel ? { personnel: { shifts: day.personnel.shifts, peak: day.personnel.peak } } : {}),
    ...(day.gas ? { gas: { events: day.gas.events, outages: day.gas.outages } } : {}),
    ...(day.personnelRevisions ? { personnelRevisions: day.personnelRevisions } : {}),
    ...(day.gasRevisions ? { gasRevisions: day.gasRevisions } : {}),
  };
}
