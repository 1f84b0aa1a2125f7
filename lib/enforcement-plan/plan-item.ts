import type { Actor } from '#lib/store/audit.ts';
import { gsi2, pk } from '#lib/store/keys.ts';
import type { PlanStatus, PlanTier } from './vocabulary.ts';

/**
 * The year's enforcement plan of a bureau (执法计划): one record per jurisdiction and year, holding every planned
 * inspection of the jurisdiction's mines (a district's plan is a few hundred at most, well inside one item).
 *
 * Keys:
 * - the plan: PK ENFPLAN#<planId>, SK PLAN;
 * - one plan per jurisdiction and year: PK JUR#<path>, SK ENFPLAN#<year> (names the planId, written with the plan);
 * - each month's open planned inspections, for the reminder scan: PK ENFPLAN#<planId>, SK MONTH#<mm>, on the
 *   due-date index (GSI2 DUE#<path> / <last day of the month>#ENFPLAN#-#<planId>.<mm>) once the plan is approved.
 *
 * The items in force (`items`) change only by an approval: a draft (the first one, or a revision of an approved
 * plan) is kept beside them in `draft` until a bureau admin who did not edit it approves it. Which planned
 * inspections are done lives in `done` (one attribute per item, set by the inspection that did it, in the
 * inspection's own transaction), which no edit of the plan touches.
 */
export interface PlanMember {
  readonly userId: string;
  readonly name: string;
}

export interface PlanItem {
  /** Unique within the plan. */
  readonly itemId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly tier: PlanTier;
  /** 1–12. */
  readonly month: number;
  /** 带队负责人. */
  readonly leader: PlanMember;
  readonly members: readonly PlanMember[];
}

export interface PlanDone {
  readonly inspectionId: string;
  readonly mineId: string;
  readonly doneOn: string;
}

export interface PlanDraft {
  readonly items: readonly PlanItem[];
  /** Everyone who generated or edited this draft: none of them may approve it. */
  readonly editors: readonly Actor[];
  readonly reason?: string;
}

export interface PlanStep {
  readonly action: 'generate' | 'edit' | 'approve' | 'discard';
  readonly at: string;
  readonly by: Actor;
  /** The revision an approval brought into force (on a discard: the revision that stays in force). */
  readonly revision?: number;
  readonly note?: string;
}

export interface PlanRecord {
  readonly planId: string;
  readonly jurisdiction: string;
  readonly year: number;
  readonly status: PlanStatus;
  /** The planned inspections in force (none until the first approval). */
  readonly items: readonly PlanItem[];
  readonly draft?: PlanDraft;
  /** Approvals so far: 1 after the first. */
  readonly revision: number;
  readonly approvedBy?: Actor;
  readonly approvedAt?: string;
  readonly done: Readonly<Record<string, PlanDone>>;
  readonly steps: readonly PlanStep[];
  readonly createdBy: Actor;
  readonly createdAt: string;
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * The most planned inspections one plan holds: with a revision pending, twice that and the done map stay well inside
 * an item's 400 KB.
 */
export const MAX_PLAN_ITEMS = 400;
export const ENFORCEMENT_PLAN_DUE_KIND = 'ENFPLAN';

export const planKey = (planId: string) => ({ PK: `ENFPLAN#${planId}`, SK: 'PLAN' });
export const planOfYearKey = (jurisdiction: string, year: number) => ({
  PK: pk.jurisdiction(jurisdiction),
  SK: `ENFPLAN#${year}`,
});
export const planMonthKey = (planId: string, month: number) => ({
  PK: `ENFPLAN#${planId}`,
  SK: `MONTH#${String(month).padStart(2, '0')}`,
});

/** The last day of a month of the plan: the day its planned inspections are due by. */
export const monthEnd = (year: number, month: number): string => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
};

/** A month's open planned inspections as the reminder scan reads them. */
export interface PlanMonthEntry {
  readonly planId: string;
  readonly jurisdiction: string;
  readonly year: number;
  readonly month: number;
  /** itemId → the planned inspection, while not done. */
  readonly pending: Readonly<Record<string, PlanItem>>;
}

/** The month entry's item: on the due-date index while it has open planned inspections. */
export function planMonthItem(e: PlanMonthEntry): Record<string, unknown> {
  const open = Object.keys(e.pending).length > 0;
  return {
    ...planMonthKey(e.planId, e.month),
    entity: 'enforcementPlanMonth',
    ...(open
      ? {
          GSI2PK: gsi2.due(e.jurisdiction),
          GSI2SK: gsi2.dueItem(
            monthEnd(e.year, e.month),
            ENFORCEMENT_PLAN_DUE_KIND,
            '-',
            `${e.planId}.${String(e.month).padStart(2, '0')}`,
          ),
        }
      : {}),
    ...e,
  };
}
