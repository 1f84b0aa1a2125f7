import { loadPenalty } from '#lib/penalties/penalties.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { type DisclosureRecord, disclosureKeys } from './disclosure-item.ts';
import { disclosurePolicy } from './disclosure-policy.ts';
import { awaitPublication, isDisclosable } from './publication.ts';

/**
 * After a penalty is decided or approved: a decision that took effect and is not yet published awaits publication
 * from today. Anything else (a proposal, a decision already published) is left alone.
 */
export async function afterPenaltyDecided(store: TenantStore, penaltyId: string): Promise<void> {
  const { penalty: p, db } = await loadPenalty(store, penaltyId);
  if (!isDisclosable(p)) return;
  if (await getItem<DisclosureRecord>(db, disclosureKeys.record(p.mineId, p.penaltyId))) return;
  const { values } = await disclosurePolicy.inForce(db, p.jurisdiction);
  await awaitPublication(db, p, values);
}
