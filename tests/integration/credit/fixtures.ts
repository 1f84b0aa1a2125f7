import { creditRecordsOf } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import type { CreditRecord } from '#lib/credit/records.ts';
import type { NotificationItem } from '#lib/notifications/notification.ts';
import type { AuditEvent } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi3, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { type DistrictDb, districtDb } from '../../support/district-db.ts';
import { auditEvents } from '../../support/registry-fixtures.ts';

/** A district of mines on a table of its own, the people who act on them, and readers of what the credit capability stored. */

import { ADMIN, DS, INSPECTOR, morningOf, OTHER_INSPECTOR, REVIEWER } from '../../support/district-db.ts';

export { ADMIN, DS, INSPECTOR, morningOf, OTHER_INSPECTOR, REVIEWER };
export type CreditDb = DistrictDb;
export const creditDb = districtDb;

/** The credit-index sort keys of a mine, in index order. */
export const creditIndexKeys = async (db: Db, mineId: string): Promise<string[]> =>
  (await queryAll<{ GSI3SK: string }>(db, { index: 'GSI3', partition: gsi3.creditOf(mineId) })).map((i) => i.GSI3SK);

/** What the classification reads for a mine as of a day, under the default policy. */
export const creditRecords = (db: Db, mineId: string, asOf: string): Promise<CreditRecord[]> =>
  creditRecordsOf(db, mineId, asOf, DEFAULT_CREDIT_THRESHOLDS);

export const currentCreditItem = (db: Db, mineId: string) =>
  getItem<Record<string, any>>(db, { PK: pk.mine(mineId), SK: sk.creditCurrent });
export const snapshotItem = (db: Db, mineId: string, date: string) =>
  getItem<Record<string, any>>(db, { PK: pk.mine(mineId), SK: sk.creditSnapshot(date) });

export const notificationsOf = (db: Db, mineId: string) =>
  queryAll<NotificationItem>(db, { partition: pk.mine(mineId), beginsWith: sk.notificationPrefix });

export const tierChangeEvents = async (db: Db, mineId: string): Promise<AuditEvent[]> =>
  (await auditEvents(db, mineId)).filter((e) => e.action === 'credit.tier_changed');

/** Every blacklist entry (and the OPEN marker) of an enterprise, by its credit code. */
export const blacklistItemsOf = (db: Db, creditCode: string) =>
  queryAll<Record<string, any>>(db, { partition: pk.subject('enterprise', creditCode) });
