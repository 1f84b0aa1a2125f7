import type * as z from 'zod/mini';
import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi2, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, type Write } from '#lib/store/transact.ts';
import { daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import { isExpiredOn, licenceStateOn, validityOf } from './licence-validity.ts';
import type { MineItem } from './mine-item.ts';
import { mineRecords, type StoredRecord } from './mine-records.ts';
import { writeProfile } from './profile-write.ts';
import type { licenceBody } from './schemas.ts';
import {
  LICENCE_LABELS,
  LICENCE_STATE_LABELS,
  type LicenceState,
  type LicenceStateEntry,
  type LicenceType,
} from './vocabulary.ts';

/**
 * Licences with issue and expiry dates. The expiry goes on the due-date index, so the reminder scan finds the
 * licences expiring on a day with one query. A licence is valid up to and including its expiry date and expired from
 * the day after. Each licence's validity (number, dates, suspensions and revocations) is copied onto the mine's
 * profile in the same transaction, so the nightly review reads it with the profile it already fetches.
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

const withCopy = (mine: MineItem, type: LicenceType, record: StoredRecord): Partial<MineItem> => ({
  licences: { ...(mine.licences ?? {}), [type]: validityOf(record) },
});

export const licences = mineRecords<LicenceBody>({
  entityType: 'licence',
  label: '证照',
  idField: 'type',
  sortKey: sk.licence,
  prefix: sk.licencePrefix,
  indexKeys: (mine, type, body) => ({
    GSI2PK: gsi2.due(mine.jurisdiction),
    GSI2SK: gsi2.dueItem(body.expiresOn, LICENCE_DUE_KIND, mine.mineId, type),
  }),
  // A replacement (a renewal, a correction) keeps the state history: only the penalty flow writes it.
  carry: (existing) => (existing.states ? { states: existing.states } : {}),
  profileChanges: (mine, type, record) => ({
    changes: withCopy(mine, type as LicenceType, record),
    action: 'mine.licence_copied',
  }),
});

/** Records or replaces a mine's licence of a type; one issued after today is refused (400 naming issuedOn). */
export async function putLicence(store: TenantStore, mineId: string, type: LicenceType, body: LicenceBody) {
  refuseFutureDates(store.now(), { field: 'body.issuedOn', label: '发证日期', date: body.issuedOn });
  return licences.put(store, mineId, type, body);
}

export function licenceView(record: StoredRecord, now: Date) {
  const type = record.type as LicenceType;
  const today = todayInShanghai(now);
  const daysToExpiry = daysBetween(today, record.expiresOn as string);
  const acted = licenceStateOn(validityOf(record), today);
  const state = acted
    ? acted.state
    : isExpiredOn({ expiresOn: record.expiresOn as string }, today)
      ? 'expired'
      : daysToExpiry <= EXPIRING_WITHIN_DAYS[type]
        ? 'expiring'
        : 'valid';
  return { ...record, label: LICENCE_LABELS[type], daysToExpiry, state };
}

const licenceKey = (mineId: string, type: LicenceType) => ({ PK: pk.mine(mineId), SK: sk.licence(type) });

/** The licence a licence action names, which must be on the mine's file (422 naming `field` otherwise). */
export async function licenceToActOn(db: Db, mineId: string, type: LicenceType, field: string): Promise<StoredRecord> {
  const item = await getItem<StoredRecord>(db, licenceKey(mineId, type));
  if (!item)
    throw new RuleError(`该矿未登记${LICENCE_LABELS[type]}，无法暂扣或吊销`, [
      { field, message: `该矿档案中没有此类证照（${type}）` },
    ]);
  return stripKeys(item) as StoredRecord;
}

/**
 * Puts a dated entry on a licence's state history (an approved 暂扣 or 吊销) and the licence's copy on the profile,
 * together with `writes` (the penalty's own, given the entry) in one transaction: the decision and the licence's state exist together
 * or not at all. Returns the entry.
 */
export async function commitLicenceState(
  db: Db,
  actor: Actor,
  mine: MineItem,
  type: LicenceType,
  change: { state: LicenceState; from: string; penaltyId: string; decisionNo?: string | undefined },
  reason: string,
  writes: (entry: LicenceStateEntry) => Write[],
): Promise<LicenceStateEntry> {
  const before = await getItem<StoredRecord>(db, licenceKey(mine.mineId, type));
  if (!before) throw new NotFoundError(`证照 ${type} 不存在`);
  const at = db.now().toISOString();
  const entry: LicenceStateEntry = {
    state: change.state,
    from: change.from,
    number: before.number as string,
    penaltyId: change.penaltyId,
    ...(change.decisionNo ? { decisionNo: change.decisionNo } : {}),
  };
  const states = [...((before.states as LicenceStateEntry[] | undefined) ?? []), entry];
  const after: StoredRecord = {
    ...(stripKeys(before) as StoredRecord),
    states,
    version: before.version + 1,
    updatedAt: at,
  };
  const licenceWrite = putVersioned(
    db,
    { ...before, ...after },
    before.version,
    new ConflictError(`${LICENCE_LABELS[type]}已被他人修改，请重试`),
  );
  const audit = auditWrite(
    db,
    actor,
    {
      mineId: mine.mineId,
      jurisdiction: mine.jurisdiction,
      action: 'licence.state_changed',
      entityType: 'licence',
      entityId: type,
      before: { states: before.states ?? [] },
      after: { states },
      reason,
    },
    at,
  );
  await writeProfile(db, actor, mine, mine.version, withCopy(mine, type, after), 'mine.licence_copied', {
    reason,
    writes: [licenceWrite, audit, ...writes(entry)],
  });
  return entry;
}

export const licenceStateReason = (type: LicenceType, state: LicenceState, decisionNo: string | undefined): string =>
  `${LICENCE_STATE_LABELS[state]}${LICENCE_LABELS[type]}${decisionNo ? `（${decisionNo}）` : ''}`;
