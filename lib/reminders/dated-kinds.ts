import { acceptanceDue } from '#lib/acceptance/dated-kinds.ts';
import { blacklistListingEnd, blacklistObjectionDeadline } from '#lib/blacklist/dated-kinds.ts';
import { caseDeadline } from '#lib/cases/dated-kinds.ts';
import { directiveDeadline } from '#lib/directives/dated-kinds.ts';
import { enforcementPlanMonth } from '#lib/enforcement-plan/dated-kinds.ts';
import { hazardDeadline } from '#lib/hazards/dated-kinds.ts';
import { plannedInspection, tierInspectionDue } from '#lib/inspections/dated-kinds.ts';
import type { DatedKind, RemindedKind, ReminderRule, UnremindedKind } from '#lib/notifications/dated-kind.ts';
import { heldSmsDue } from '#lib/notifications/dispatch.ts';
import { penaltyExecutionDue, publicationDue } from '#lib/penalties/dated-kinds.ts';
import { certificateExpiry, licenceExpiry, periodicDutyDue, statusChangeDue } from '#lib/registry/dated-kinds.ts';
import { monthlyReportDue } from '#lib/reports/dated-kinds.ts';
import { tipoffDeadline } from '#lib/tipoffs/dated-kinds.ts';
import { calendarDeadline } from './calendar.ts';

/**
 * The registry of dated kinds: every kind of item on the due-date index, as its capability declares it
 * (lib/notifications/dated-kind.ts). The morning scan finds an item's declaration by the kind its index entry names
 * and asks it for the item's rule and reminder; the reminder policy is the rules they declare, with their defaults.
 * tests/project/dated-kinds.test.ts holds every kind any capability writes to the index to this list.
 */
const REMINDED = [
  licenceExpiry,
  periodicDutyDue,
  hazardDeadline,
  caseDeadline,
  blacklistObjectionDeadline,
  blacklistListingEnd,
  tierInspectionDue,
  calendarDeadline,
  plannedInspection,
  penaltyExecutionDue,
  certificateExpiry,
  enforcementPlanMonth,
  directiveDeadline,
  acceptanceDue,
  tipoffDeadline,
  publicationDue,
  monthlyReportDue,
] as const;

/** Kinds on the index for a job, not for people. */
const UNREMINDED: readonly UnremindedKind[] = [statusChangeDue, heldSmsDue];

export const DATED_KINDS: readonly DatedKind[] = [...REMINDED, ...UNREMINDED];

/** The name of a rule of the reminder policy: the union of the rules the reminded kinds declare. */
export type ReminderKind = (typeof REMINDED)[number] extends infer K
  ? K extends RemindedKind<infer R>
    ? R
    : never
  : never;

export const DEFAULT_REMINDER_RULES = Object.assign({}, ...REMINDED.map((k) => k.rules)) as Readonly<
  Record<ReminderKind, ReminderRule>
>;
export const REMINDER_KINDS = Object.keys(DEFAULT_REMINDER_RULES) as [ReminderKind, ...ReminderKind[]];

/** Every attribute a reminded kind reads of its items: all the list of deadlines asks the index for. */
export const REMINDER_READS: readonly string[] = [...new Set(REMINDED.flatMap((k) => k.reads))].sort();

const byIndexKind = new Map<string, DatedKind>(DATED_KINDS.map((k) => [k.indexKind, k]));

/** The declaration of the kind an index entry names (`<indexKind>#<mineId>#<ref>`), if any. */
export const datedKindOf = (indexKind: string): DatedKind | undefined => byIndexKind.get(indexKind);
