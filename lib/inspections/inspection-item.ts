import type { Actor } from '#lib/store/audit.ts';
import { datedKeys, INSPECTION_KIND } from '#lib/store/dated-records.ts';
import { gsi2, pk } from '#lib/store/keys.ts';

/**
 * An enforcement inspection (执法检查) of a mine: planned, then done (with its findings) or cancelled; or recorded
 * as done directly. Filed under its date: the planned date while planned or cancelled, the day it was done once
 * done. A planned one is on the due-date index (GSI2 DUE#<plannedOn> / INSPECTION#<mineId>#<id>) for reminders.
 *
 * Keys (see violations/dated-record.ts): PK MINE#<mineId>, SK INSPECTION#<date>#<id>; GSI1 INSPECTIONS#<province> /
 * <path>/#<date>#<id>; pointer INSPECTIONID#<id> / INSPECTION. The mine's last done inspection: PK MINE#<mineId>,
 * SK LASTINSPECTION (one GetItem; outside the INSPECTION# prefix so it never shows up in a list of inspections).
 */
export const inspectionKeys = datedKeys(INSPECTION_KIND);
export const INSPECTION_DUE_KIND = 'INSPECTION';
/**
 * The kind of a mine's next inspection under differential supervision on the due-date index
 * (`DUE#<nextInspectionDue>` / `INSPECTIONDUE#<mineId>#<tier>`): written with the mine's classification (lib/credit),
 * reminded as an inspection (./dated-kinds.ts).
 */
export const TIER_INSPECTION_DUE_KIND = 'INSPECTIONDUE';

export const INSPECTION_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  planned: '计划',
  done: '已检查',
  cancelled: '已取消',
};

export const INSPECTION_ACTIONS = ['complete', 'cancel'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export interface Inspector {
  readonly userId: string;
  readonly name: string;
}

export interface Findings {
  /** Hazards (隐患) found, recorded by the hazards module; kept as given. */
  readonly hazardIds: readonly string[];
  /** Violations found, each a violation of the same mine. */
  readonly violationIds: readonly string[];
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
  readonly doneOn?: string;
  readonly inspectors: readonly Inspector[];
  readonly purpose?: string;
  readonly summary?: string;
  readonly findings: Findings;
  readonly cancelReason?: string;
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
  r: Pick<InspectionRecord, 'status' | 'plannedOn' | 'mineId' | 'inspectionId'>,
): Record<string, string> =>
  r.status === 'planned' && r.plannedOn
    ? { GSI2PK: gsi2.due(r.plannedOn), GSI2SK: gsi2.dueItem(INSPECTION_DUE_KIND, r.mineId, r.inspectionId) }
    : {};
