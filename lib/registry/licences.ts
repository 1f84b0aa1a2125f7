import type * as z from 'zod/mini';
import { gsi2, sk } from '#lib/store/keys.ts';
import { daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
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

export const licences = mineRecords<z.infer<typeof licenceBody>>({
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

export function licenceView(record: StoredRecord, now: Date) {
  const type = record.type as LicenceType;
  const daysToExpiry = daysBetween(todayInShanghai(now), record.expiresOn as string);
  const state = daysToExpiry < 0 ? 'expired' : daysToExpiry <= EXPIRING_WITHIN_DAYS[type] ? 'expiring' : 'valid';
  return { ...record, label: LICENCE_LABELS[type], daysToExpiry, state };
}
