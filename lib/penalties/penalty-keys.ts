import { gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';

/** The penalty's keys under this module's names; defined once, with the access patterns, in lib/store/keys.ts. */
export const penaltyPk = { penaltyId: pk.penaltyId } as const;
export const penaltySk = {
  penalty: sk.penalty,
  penaltyPrefix: sk.penaltyPrefix,
  penaltyPointer: sk.penaltyPointer,
} as const;
export const penaltyGsi1 = {
  penaltiesOfProvince: gsi1.penaltiesOfProvince,
  penaltyInJurisdiction: gsi1.penaltyInJurisdiction,
} as const;

/** The kind of a penalty's item on the due-date index: `DUE#<path>` / `<executionDue>#PENALTY#<mineId>#<penaltyId>`. */
export const PENALTY_DUE_KIND = 'PENALTY';
export const penaltyDue = (jurisdiction: string, date: string, mineId: string, penaltyId: string) => ({
  GSI2PK: gsi2.due(jurisdiction),
  GSI2SK: gsi2.dueItem(date, PENALTY_DUE_KIND, mineId, penaltyId),
});

/**
 * The kind of a decision's publication deadline on the due-date index (执法公示, lib/disclosure writes and clears it):
 * `DUE#<path>` / `<dueBy>#PUBLICATIONDUE#<mineId>#<penaltyId>`, declared here so that the reminder scan, which sits below
 * 执法公示, can read it.
 */
export const PUBLICATION_DUE_KIND = 'PUBLICATIONDUE';
