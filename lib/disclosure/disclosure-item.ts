import { PUBLICATION_DUE_KIND } from '#lib/penalties/penalty-keys.ts';
import type { PenaltyKind } from '#lib/penalties/vocabulary.ts';
import type { Actor } from '#lib/store/audit.ts';
import { gsi2, pk } from '#lib/store/keys.ts';

/**
 * 执法公示: each administrative penalty in force is published on the public pages. Two items per decision:
 *
 * - the bureau's record of the publication (its dates, its withdrawal), in the mine's partition beside the penalty
 *   and on the jurisdiction's list;
 * - the public projection: only what may be published (the enterprise, its credit code, the facts with personal
 *   data masked, the basis, the decision, its number and date, the bureau). It exists while the decision is
 *   published and is deleted on withdrawal; the public routes read nothing else.
 *
 * And per jurisdiction and year, the published enforcement statistics.
 *
 * | access pattern                            | table / index | key condition                                              |
 * |-------------------------------------------|---------------|------------------------------------------------------------|
 * | a decision's publication record           | table         | PK = MINE#<mineId>, SK = DISCLOSURE#<penaltyId>             |
 * | publication records of a jurisdiction     | GSI1          | GSI1PK = DISCLOSURES#<province>, begins_with(GSI1SK, <path>/) |
 * | one published decision                    | table         | PK = PUBLICDISCLOSURE#<penaltyId>, SK = PUBLIC               |
 * | every published decision, newest first    | GSI1          | GSI1PK = PUBLICDISCLOSURES, GSI1SK = <decidedOn>#<penaltyId> |
 * | a decision awaiting publication           | table         | PK = MINE#<mineId>, SK = PUBLICATIONDUE#<penaltyId>          |
 * | decisions awaiting publication, by due day | GSI2         | GSI2PK = DUE#<path>, GSI2SK = <dueBy>#PUBLICATIONDUE#…     |
 * | a jurisdiction's statistics of a year     | table         | PK = PUBLICSTATS#<path>, SK = YEAR#<year>                    |
 * | every jurisdiction's statistics of a year | GSI1          | GSI1PK = PUBLICSTATS, begins_with(GSI1SK, <year>#)           |
 */
export type DisclosureStatus = 'published' | 'withdrawn';

export interface DisclosureRecord {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly jurisdiction: string;
  readonly kind: PenaltyKind;
  readonly decisionNo: string;
  /** The day the decision took effect, and the last working day it may be published on. */
  readonly effectiveOn: string;
  readonly dueBy: string;
  readonly status: DisclosureStatus;
  readonly publishedOn: string;
  /** The day the policy takes it off the public pages. */
  readonly withdrawOn: string;
  readonly withdrawnOn?: string;
  /** 公示期满, or the admin's reason for an early withdrawal (a decision revoked, …). */
  readonly withdrawnReason?: string;
  readonly withdrawnBy?: Actor;
  readonly version: number;
  readonly updatedAt: string;
}

export const disclosureKeys = {
  record: (mineId: string, penaltyId: string) => ({ PK: pk.mine(mineId), SK: `DISCLOSURE#${penaltyId}` }),
  awaiting: (mineId: string, penaltyId: string) => ({ PK: pk.mine(mineId), SK: `PUBLICATIONDUE#${penaltyId}` }),
  ofProvince: (jurisdiction: string) => `DISCLOSURES#${jurisdiction.split('/')[0]}`,
  inJurisdiction: (jurisdiction: string, penaltyId: string) => `${jurisdiction}/#${penaltyId}`,
  publicItem: (penaltyId: string) => ({ PK: `PUBLICDISCLOSURE#${penaltyId}`, SK: 'PUBLIC' }),
  publicList: 'PUBLICDISCLOSURES',
  statistics: (jurisdiction: string, year: string) => ({ PK: `PUBLICSTATS#${jurisdiction}`, SK: `YEAR#${year}` }),
  statisticsList: 'PUBLICSTATS',
} as const;

/** The stored record: its fields, then its keys (derived from them, so keys read along with a record never stick). */
export const disclosureRecordItem = (r: DisclosureRecord) => ({
  ...r,
  ...disclosureKeys.record(r.mineId, r.penaltyId),
  entity: 'disclosure',
  GSI1PK: disclosureKeys.ofProvince(r.jurisdiction),
  GSI1SK: disclosureKeys.inJurisdiction(r.jurisdiction, r.penaltyId),
});

/** What the public reads of a published decision. */
export interface PublicDisclosure {
  readonly disclosureId: string;
  readonly enterpriseName: string;
  readonly creditCode: string;
  readonly kind: PenaltyKind;
  readonly kindLabel: string;
  /** The facts in short, personal data masked. */
  readonly facts: string;
  readonly basis: string;
  /** What was decided, in words (罚款人民币 80,000 元; 责令停产整顿：全矿，自…起). */
  readonly decision: string;
  readonly decisionNo: string;
  readonly decidedOn: string;
  readonly year: string;
  readonly bureau: string;
  readonly publishedOn: string;
}

export const publicDisclosureItem = (d: PublicDisclosure) => ({
  ...disclosureKeys.publicItem(d.disclosureId),
  entity: 'publicDisclosure',
  GSI1PK: disclosureKeys.publicList,
  GSI1SK: `${d.decidedOn}#${d.disclosureId}`,
  // Upper-cased copies for a search that ignores case in credit codes and decision numbers.
  searchText: `${d.enterpriseName}|${d.creditCode}|${d.decisionNo}`.toUpperCase(),
  ...d,
});

/** A jurisdiction's published enforcement statistics of one year. */
export interface EnforcementStatistics {
  readonly jurisdiction: string;
  readonly jurisdictionName: string;
  readonly year: string;
  /** Inspections done in the year. */
  readonly inspections: number;
  readonly hazardsFound: number;
  readonly majorHazardsFound: number;
  /** Hazards closed (verified, 销号) in the year, whenever found. */
  readonly hazardsClosed: number;
  /** Penalties that took effect in the year, by kind, and the fines' total. */
  readonly penalties: number;
  readonly penaltiesByKind: readonly { readonly kind: PenaltyKind; readonly label: string; readonly count: number }[];
  readonly finesYuan: number;
  /** The business date the figures were computed for. */
  readonly asOf: string;
}

export const statisticsItem = (s: EnforcementStatistics) => ({
  ...disclosureKeys.statistics(s.jurisdiction, s.year),
  entity: 'publicStatistics',
  GSI1PK: disclosureKeys.statisticsList,
  GSI1SK: `${s.year}#${s.jurisdiction}`,
  ...s,
});

/**
 * A decision in force awaiting publication, on the due-date index by its last working day (the reminder scan tells
 * the bureau's leaders before, on and after it): written when the decision takes effect, deleted in the transaction
 * that publishes it.
 */
export interface AwaitingPublication {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly kind: PenaltyKind;
  readonly decisionNo: string;
  readonly effectiveOn: string;
  readonly dueBy: string;
}

export const awaitingPublicationItem = (a: AwaitingPublication) => ({
  ...a,
  ...disclosureKeys.awaiting(a.mineId, a.penaltyId),
  entity: 'publicationDue',
  GSI2PK: gsi2.due(a.jurisdiction),
  GSI2SK: gsi2.dueItem(a.dueBy, PUBLICATION_DUE_KIND, a.mineId, a.penaltyId),
});
