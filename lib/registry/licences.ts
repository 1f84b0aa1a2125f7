import type * as z from 'zod/mini';
import { gsi2, sk } from '#lib/store/keys.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import { mineRecords, type StoredRecord } from './mine-records.ts';
import type { licenceBody } from './schemas.ts';
import { LICENCE_LABELS, type LicenceType } from './vocabulary.ts';

/**
 * Licences with issue and expiry dates. The expiry goes on the due-date index, so the reminder scan finds the
 * licences expiring on a day with one query.
 */
export const LICENCE_DUE_KIND = 'LICENCE';
/** 安全生产许可证 extension is applied for three months before expiry; other licences warn 60 days ahead. */
export const EXPIRING_WITHIN_DAYS: Record<LicenceType, number> = {
  safety_production: 90,
  mining: 60,
  business: 60,
  principal_qualification: 60,
  rescue_agreement: 60,
};

type LicenceBody = z.infer<typeof licenceBody>;

export const licences = mineRecords<LicenceBody>({
  entityType: 'licence',
  label: '证照',
  idField: 'type',
  sortKey: sk.licence,
  prefix: sk.licencePrefix,
  indexKeys: (mineId, type, body) => ({
    GSI2PK: gsi2.due(body.expiresOn),
    GSI2SK: gsi2.dueItem(LICENCE_DUE_KIND, mineId, type),
  }),
});

/** Records or replaces a mine's licence of a type; one issued after today is refused (400 naming issuedOn). */
export async function putLicence(store: TenantStore, mineId: string, type: LicenceType, body: LicenceBody) {
  refuseFutureDates(store.db.now(), { field: 'body.issuedOn', label: '发证日期', date: body.issuedOn });
  return licences.put(store, mineId, type, body);
}

export function licenceView(record: StoredRecord, now: Date) {
  const type = record.type as LicenceType;
  const daysToExpiry = daysBetween(todayInShanghai(now), record.expiresOn as string);
  const state = daysToExpiry < 0 ? 'expired' : daysToExpiry <= EXPIRING_WITHIN_DAYS[type] ? 'expiring' : 'valid';
  return { ...record, label: LICENCE_LABELS[type], daysToExpiry, state };
}
