import type { Actor } from '#lib/store/audit.ts';
import { CREDIT_OPEN, creditIndex, gsi1, gsi2, gsi3, pk, sk } from '#lib/store/keys.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import {
  HAZARD_LEVEL_LABELS,
  HAZARD_STATUS_LABELS,
  type HazardLevel,
  type HazardSource,
  type HazardStatus,
  isOpen,
} from './vocabulary.ts';

/**
 * A hazard (隐患) as stored, and its keys; its statuses and their flow, levels and sources are in ./vocabulary.ts. A
 * major hazard (重大事故隐患) carries a category of the standard version it was judged under and is under listed
 * supervision (挂牌督办) with its 五落实.
 */
export {
  HAZARD_LEVEL_LABELS,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATUS_LABELS,
  HAZARD_STATUSES,
  type HazardLevel,
  type HazardSource,
  type HazardStatus,
  isOpen,
  OPEN_STATUSES,
} from './vocabulary.ts';

/** Listed supervision of a major hazard: with `measures` and `deadline` on the hazard, the 五落实, and its official. */
export interface ListedSupervision {
  /** 责任落实: who at the mine answers for the rectification. */
  readonly responsiblePerson: { readonly name: string; readonly position?: string; readonly mobile?: string };
  /** 资金落实, in 元. */
  readonly funds: { readonly amount: number; readonly source?: string };
  /** 预案落实. */
  readonly contingencyPlan: string;
  /** The bureau official who supervises it (督办人). */
  readonly official: { readonly userId: string; readonly name: string };
}

/** The mine's latest submission: text and attachment references. */
export interface Rectification {
  readonly note: string;
  readonly evidence: readonly string[];
  readonly submittedBy: Actor;
  readonly submittedAt: string;
}

export interface HazardStep {
  /** `record`, `start`, `submit`, `verify`, `reject`. */
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

export interface HazardItem {
  readonly hazardId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly level: HazardLevel;
  /** Major hazards only: the standard version judged under, and its category. */
  readonly standardVersion?: string;
  readonly category?: string;
  readonly categoryName?: string;
  readonly description: string;
  readonly location: string;
  /** Business day it was found. */
  readonly foundOn: string;
  /** Business day by which it must be rectified (时限); after it, an open hazard is overdue. */
  readonly deadline: string;
  /** Rectification measures (措施); required for a major hazard. */
  readonly measures?: string;
  readonly supervision?: ListedSupervision;
  readonly source: HazardSource;
  readonly inspectionId?: string;
  readonly caseId?: string;
  readonly status: HazardStatus;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly rectification?: Rectification;
  readonly verifiedBy?: Actor;
  readonly verifiedAt?: string;
  readonly steps: readonly HazardStep[];
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * Key builders of hazards. They belong in lib/store/keys.ts (pk.hazardId, sk.hazard, sk.hazardPrefix,
 * sk.hazardPointer, gsi1.hazardsOfProvince, gsi1.hazardInJurisdiction); kept here until they move there.
 *
 * | access pattern                              | table / index | key condition                                          |
 * |---------------------------------------------|---------------|--------------------------------------------------------|
 * | hazards of a mine / one hazard              | table         | PK = MINE#<id>, begins_with(SK, HAZARD#) / = HAZARD#<id> |
 * | hazards of a jurisdiction, by status        | GSI1          | GSI1PK = HAZARDS#<province>, begins_with(GSI1SK, <path>/) |
 * | a hazard by id (from /v1/hazards/{id})      | table         | PK = HAZARDID#<id>, SK = HAZARD (pointer to its mine)   |
 * | open hazards due on a date (reminders)      | GSI2          | GSI2PK = DUE#<path>, GSI2SK = <deadline>#HAZARD#<mineId>#<id> |
 * | open hazards of a mine (its file)           | GSI3          | GSI3PK = CREDIT#<mineId>, begins_with(GSI3SK, OPEN#HAZARD#) |
 */
/** A hazard's kind in the credit index (GSI3SK = <until>#HAZARD#<hazardId>). */
const CREDIT_KIND = 'HAZARD';

/** The hazard's keys, named here for this module; defined once in lib/store/keys.ts with the access patterns. */
export const hazardKey = {
  pointerPk: pk.hazardId,
  pointerSk: sk.hazardPointer,
  sk: sk.hazard,
  skPrefix: sk.hazardPrefix,
  ofProvince: gsi1.hazardsOfProvince,
  inJurisdiction: (jurisdiction: string, status: HazardStatus, hazardId: string) =>
    gsi1.hazardInJurisdiction(jurisdiction, status, hazardId),
  /** The sort-key prefix of one status's hazards of the mines registered in `jurisdiction` itself. */
  statusPrefix: (jurisdiction: string, status: HazardStatus) => gsi1.hazardInJurisdiction(jurisdiction, status, ''),
  /** The kind of the due-date index item (GSI2SK = <deadline>#HAZARD#<mineId>#<hazardId>). */
  dueKind: 'HAZARD',
  /** The credit index's range of a mine's hazards not yet verified (GSI3SK = OPEN#HAZARD#<hazardId>). */
  openInCreditIndex: gsi3.creditRecord(CREDIT_OPEN, CREDIT_KIND, ''),
} as const;

/**
 * Keys of a hazard: its mine's partition, its jurisdiction's list by status, the due-date index while open, and the
 * credit index (open, or until the day it was closed: an overdue hazard counts on from its closing).
 */
export function hazardKeys(
  h: Pick<HazardItem, 'hazardId' | 'mineId' | 'jurisdiction' | 'status' | 'deadline' | 'verifiedAt'>,
) {
  return {
    PK: pk.mine(h.mineId),
    SK: hazardKey.sk(h.hazardId),
    entity: 'hazard',
    GSI1PK: hazardKey.ofProvince(h.jurisdiction),
    GSI1SK: hazardKey.inJurisdiction(h.jurisdiction, h.status, h.hazardId),
    ...(isOpen(h.status)
      ? { GSI2PK: gsi2.due(h.jurisdiction), GSI2SK: gsi2.dueItem(h.deadline, hazardKey.dueKind, h.mineId, h.hazardId) }
      : {}),
    ...creditIndex(
      h.mineId,
      isOpen(h.status) || !h.verifiedAt ? CREDIT_OPEN : todayInShanghai(new Date(h.verifiedAt)),
      CREDIT_KIND,
      h.hazardId,
    ),
  };
}

/** The pointer that finds a hazard's mine from its id alone. */
export const hazardPointer = (h: Pick<HazardItem, 'hazardId' | 'mineId' | 'jurisdiction'>) => ({
  PK: hazardKey.pointerPk(h.hazardId),
  SK: hazardKey.pointerSk,
  entity: 'hazardPointer',
  hazardId: h.hazardId,
  mineId: h.mineId,
  jurisdiction: h.jurisdiction,
});

/** Prefix of a jurisdiction (and everything below it) on GSI1. */
export const hazardJurisdictionPrefix = (jurisdiction: string): string => gsi1.jurisdictionPrefix(jurisdiction);

/** Overdue: still open after its deadline (deadline < today in Asia/Shanghai). */
export const isOverdue = (h: Pick<HazardItem, 'status' | 'deadline'>, today: string): boolean =>
  isOpen(h.status) && h.deadline < today;

export type HazardView = HazardItem & {
  readonly statusLabel: string;
  readonly levelLabel: string;
  readonly overdue: boolean;
};

export const hazardView = (h: HazardItem, today: string): HazardView => ({
  ...h,
  statusLabel: HAZARD_STATUS_LABELS[h.status],
  levelLabel: HAZARD_LEVEL_LABELS[h.level],
  overdue: isOverdue(h, today),
});
