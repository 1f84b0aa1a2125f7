import { TIER_INSPECTION_DUE_KIND } from '#lib/inspections/inspection-item.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, gsi2, gsi3, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addMonths } from '#lib/validators/business-date.ts';
import type { CreditResult } from './classify.ts';
import type { CreditThresholds, Tier } from './policy.ts';
import { CREDIT_RECORD_ATTRIBUTES, type CreditRecord, fromStoredItem } from './records.ts';

/**
 * A mine's classification as stored: the current one (`CREDIT#CURRENT`, listed by jurisdiction and on the
 * due-date index by its next inspection) and a dated snapshot (`CREDIT#<date>`) of every earlier day classified,
 * which with the current one is its history. The current one becomes its day's snapshot when a later day replaces
 * it, so a mine classified once is one item, not two.
 */
export interface StoredCredit extends CreditResult {
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  /** The tier of the classification before this one; null for the first. */
  readonly previousTier: Tier | null;
  /** First day of the current run of this tier. */
  readonly tierSince: string;
  readonly lastInspectionOn: string | null;
  readonly nextInspectionDue: string;
  readonly computedAt: string;
}

export const creditCurrentKey = (mineId: string) => ({ PK: pk.mine(mineId), SK: sk.creditCurrent });

/**
 * The breakdown (`items`, nine tenths of a classification's bytes) is stored as one JSON string, not as a list of
 * maps: DynamoDB parses, and the SDK marshals, every attribute value, and a dozen items of eight attributes each are
 * a hundred of them, written three times a classification (the item, the jurisdiction's list, the due-date index).
 * Nothing queries inside the breakdown; every reader takes the classification through `storedCreditOf`.
 */
const packed = (c: StoredCredit): Record<string, unknown> => ({ ...c, items: JSON.stringify(c.items) });

/** A stored classification (current or snapshot) as the API and the classification read it: keys off, breakdown parsed. */
export function storedCreditOf(item: Record<string, unknown>): StoredCredit {
  const c = stripKeys(item) as Record<string, unknown>;
  // An item written before the breakdown was packed holds the list itself.
  if (typeof c.items === 'string') c.items = JSON.parse(c.items);
  return c as unknown as StoredCredit;
}

export function creditCurrentItem(c: StoredCredit): Record<string, unknown> {
  return {
    ...packed(c),
    ...creditCurrentKey(c.mineId),
    entity: 'creditCurrent',
    GSI1PK: gsi1.creditOfProvince(c.jurisdiction),
    GSI1SK: gsi1.creditInJurisdiction(c.jurisdiction, c.mineId),
    GSI2PK: gsi2.due(c.jurisdiction),
    GSI2SK: gsi2.dueItem(c.nextInspectionDue, TIER_INSPECTION_DUE_KIND, c.mineId, c.tier),
  };
}

/** A day's classification as history (a current one that a later day replaces, or a past night run again). */
export const creditSnapshotItem = (c: StoredCredit): Record<string, unknown> => ({
  ...packed(c),
  PK: pk.mine(c.mineId),
  SK: sk.creditSnapshot(c.asOf),
  entity: 'creditSnapshot',
});

/** The oldest date a record can have and still count on `asOf` under this policy. */
export const creditWindowStart = (
  asOf: string,
  policy: Pick<CreditThresholds, 'windowMonths' | 'seriousWindowMonths'>,
): string => addMonths(asOf, -Math.max(policy.windowMonths, policy.seriousWindowMonths));

/** Every record that may count on `asOf`: one query on the credit index (dated ones from the window start, then the open ones). */
export async function creditRecordsOf(
  db: Db,
  mineId: string,
  asOf: string,
  policy: Pick<CreditThresholds, 'windowMonths' | 'seriousWindowMonths'>,
): Promise<CreditRecord[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    index: 'GSI3',
    partition: gsi3.creditOf(mineId),
    between: [creditWindowStart(asOf, policy), '~'],
    // What the model reads of each item, not the whole review, hazard or penalty: the nightly run's largest cost.
    attributes: CREDIT_RECORD_ATTRIBUTES,
  });
  return items.map(fromStoredItem).filter((r): r is CreditRecord => r !== undefined);
}

/** A mine whose records a classification reads, and how far back they may count for it (its policy's windows). */
export interface MineWindow {
  readonly mineId: string;
  readonly window: Pick<CreditThresholds, 'windowMonths' | 'seriousWindowMonths'>;
}

/** How a classification reads the records of its mines, by mine. */
export type CreditRecordsReader = (
  db: Db,
  asOf: string,
  mines: readonly MineWindow[],
) => Promise<Map<string, CreditRecord[]>>;

/** Each mine's records from its own partition of GSI3: one query per mine, within what a mine's scope may read. */
export const creditRecordsOfEach: CreditRecordsReader = async (db, asOf, mines) =>
  new Map(
    await Promise.all(mines.map(async (m) => [m.mineId, await creditRecordsOf(db, m.mineId, asOf, m.window)] as const)),
  );
