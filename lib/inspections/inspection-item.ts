import type { Actor } from '#lib/store/audit.ts';
import { datedKeys, INSPECTION_KIND } from '#lib/store/dated-records.ts';
import { gsi2, pk } from '#lib/store/keys.ts';
import type { InspectionStatus, InspectionTopic, OnsiteMeasure } from './vocabulary.ts';

/**
 * An enforcement inspection (执法检查) of a mine: planned, then done (with its findings) or cancelled; or recorded
 * as done directly; or started on site (in_progress: hazards and violations recorded with its id join its findings,
 * on-site decisions are numbered) and closed, its 现场检查记录 numbered. Filed under its date: the planned date while planned or cancelled, the day it was done once
 * done. A planned one is on the due-date index (GSI2 DUE#<path> / <plannedOn>#INSPECTION#<mineId>#<id>) for reminders.
 *
 * Keys (see violations/dated-record.ts): PK MINE#<mineId>, SK INSPECTION#<date>#<id>; GSI1 INSPECTIONS#<province> /
 * <path>/#<date>#<id>; pointer INSPECTIONID#<id> / INSPECTION. The mine's last done inspection: PK MINE#<mineId>,
 * SK LASTINSPECTION (one GetItem; outside the INSPECTION# prefix so it never shows up in a list of inspections).
 */
export const inspectionKeys = datedKeys(INSPECTION_KIND);
export const INSPECTION_DUE_KIND = 'INSPECTION';
/**
 * The kind of a mine's next inspection under differential supervision on the due-date index
 * (`DUE#<path>` / `<nextInspectionDue>#INSPECTIONDUE#<mineId>#<tier>`): written with the mine's classification (lib/credit),
 * reminded as an inspection (./dated-kinds.ts).
 */
export const TIER_INSPECTION_DUE_KIND = 'INSPECTIONDUE';

export { INSPECTION_STATUS_LABELS, INSPECTION_STATUSES, type InspectionStatus } from './vocabulary.ts';

/**
 * complete | cancel a planned inspection (recorded afterwards); start a planned one on site; record findings while
 * it is in progress (hazards and violations with its id), issue on-site decisions, close it.
 */
export const INSPECTION_ACTIONS = ['complete', 'cancel', 'start', 'close', 'issue_decision'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export interface Inspector {
  readonly userId: string;
  readonly name: string;
}

/** A planned inspection of an approved enforcement plan, as an inspection records it. */
export interface PlannedRef {
  readonly planId: string;
  readonly itemId: string;
  readonly month: number;
}

export interface Findings {
  /** Hazards (隐患) found, recorded by the hazards module; kept as given. */
  readonly hazardIds: readonly string[];
  /** Violations found, each a violation of the same mine. */
  readonly violationIds: readonly string[];
}

/** One order of an on-site decision, referring to the findings it is about. */
export interface OnsiteDecisionItem {
  readonly measure: OnsiteMeasure;
  readonly measureLabel: string;
  /** 责令限期整改: the day it must be done by. */
  readonly deadline?: string;
  readonly description?: string;
  readonly hazardIds: readonly string[];
  readonly violationIds: readonly string[];
}

/** An on-site decision (现场处理决定书) issued on the inspection, numbered by the bureau. */
export interface OnsiteDecision {
  /** Its place among the inspection's decisions, from 1. */
  readonly n: number;
  readonly documentNo: string;
  readonly issuedOn: string;
  readonly issuedBy: Actor;
  readonly items: readonly OnsiteDecisionItem[];
}

export interface InspectionStep {
  readonly action: 'plan' | 'record' | InspectionAction;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
}

export interface InspectionRecord {
  readonly inspectionId: string;
  readonly mineId: string;
  readonly mineName?: string;
  readonly jurisdiction: string;
  readonly status: InspectionStatus;
  /** The date the record is filed under: doneOn once done, else plannedOn. */
  readonly date: string;
  readonly plannedOn?: string;
  /** The day the inspection started on site. */
  readonly startedOn?: string;
  readonly doneOn?: string;
  readonly inspectors: readonly Inspector[];
  /** 带队负责人: one of the inspectors. */
  readonly leader?: Inspector;
  readonly topics?: readonly InspectionTopic[];
  readonly purpose?: string;
  /** 现场检查记录's number, issued when an inspection started on site is closed. */
  readonly recordNo?: string;
  readonly decisions?: readonly OnsiteDecision[];
  readonly summary?: string;
  readonly findings: Findings;
  readonly cancelReason?: string;
  /** The planned inspection of the year's enforcement plan (执法计划) it carries out; done with it. */
  readonly planItem?: PlannedRef;
  readonly steps: readonly InspectionStep[];
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** The last done inspection of a mine (PK MINE#<id>, SK LASTINSPECTION): only ever moves to a later date. */
export interface LastInspection {
  readonly mineId: string;
  readonly jurisdiction: string;
  readonly lastInspectionOn: string;
  readonly inspectionId: string;
  readonly updatedAt: string;
}
export const LAST_INSPECTION_SK = 'LASTINSPECTION';
export const lastInspectionKey = (mineId: string) => ({ PK: pk.mine(mineId), SK: LAST_INSPECTION_SK });

/** Index attributes beyond the shared layout: the due-date entry of a planned inspection. */
export const inspectionDueKeys = (
  r: Pick<InspectionRecord, 'status' | 'plannedOn' | 'mineId' | 'inspectionId' | 'jurisdiction'>,
): Record<string, string> =>
  r.status === 'planned' && r.plannedOn
    ? {
        GSI2PK: gsi2.due(r.jurisdiction),
        GSI2SK: gsi2.dueItem(r.plannedOn, INSPECTION_DUE_KIND, r.mineId, r.inspectionId),
      }
    : {};
