import type { Principal } from '#lib/auth/principal.ts';
import { actOnEntry, loadEntry } from '#lib/blacklist/blacklist-service.ts';
import { type BlacklistEntry, openEntryKey } from '#lib/blacklist/entry.ts';
import type { BlacklistAction } from '#lib/blacklist/lifecycle.ts';
import { proposeEntry } from '#lib/blacklist/proposals.ts';
import { publicEntryKey } from '#lib/blacklist/public-list.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi3, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { type DistrictDb, districtDb } from '../../support/district-db.ts';
import { auditEvents, creditCodeFor } from '../../support/registry-fixtures.ts';

/** A district of mines on a table of its own, the people who act on the blacklist, and readers of what it stored. */

import { ADMIN, DS, INSPECTOR, morningOf, OTHER_INSPECTOR, REVIEWER } from '../../support/district-db.ts';
import { dueAnywhere } from '../../support/due-index.ts';

export { ADMIN, DS, INSPECTOR, morningOf, OTHER_INSPECTOR, REVIEWER };
export type BlacklistDb = DistrictDb;
export const blacklistDb = districtDb;

/** Proposes the mine's enterprise, as an inspector. */
export const proposeEnterprise = (ctx: BlacklistDb, mineId: string, by: Principal = INSPECTOR) =>
  proposeEntry(ctx.as(by), {
    subjectType: 'enterprise',
    mineId,
    grounds: ['CLOSED_MINE_REVIVED'],
    note: '已关闭煤矿擅自恢复生产',
  });

/** An action on the version just read, as the route passes it. */
export async function act(ctx: BlacklistDb, by: Principal, entryId: string, input: BlacklistAction) {
  const store = ctx.as(by);
  const { version } = await loadEntry(store, entryId);
  return actOnEntry(store, entryId, { ...input, version }, creditOnListing);
}

/**
 * Proposed and served on `servedOn`, submitted for review the day after the seven-day objection window, approved on
 * `approvedOn` (default: that same day) from `listedOn` (default: the day of approval). Leaves the clock on `approvedOn`.
 */
export async function publish(
  ctx: BlacklistDb,
  mineId: string,
  servedOn: string,
  more: { approvedOn?: string; listedOn?: string } = {},
): Promise<string> {
  ctx.on(servedOn);
  const { entryId } = await proposeEnterprise(ctx, mineId);
  await act(ctx, INSPECTOR, entryId, { action: 'serve_notice', servedOn, noticeNo: `告知〔${servedOn}〕` });
  const submitOn = addDays(servedOn, 8);
  ctx.on(submitOn);
  await act(ctx, INSPECTOR, entryId, { action: 'submit_review' });
  ctx.on(more.approvedOn ?? submitOn);
  await act(ctx, REVIEWER, entryId, {
    action: 'approve',
    decisionNo: `失信〔${servedOn}〕`,
    ...(more.listedOn ? { listedOn: more.listedOn } : {}),
  });
  return entryId;
}

export const creditCodeOf = (mineId: string) => creditCodeFor(mineId);

/** The stored entry with its keys. */
export const entryItem = (db: Db, mineId: string, entryId: string) =>
  getItem<BlacklistEntry & Record<string, any>>(db, {
    PK: pk.subject('enterprise', creditCodeOf(mineId)),
    SK: sk.blacklistEntry(entryId),
  });

/** The enterprise's open-entry guard, if any. */
export const openGuard = (db: Db, mineId: string) =>
  getItem<{ entryId: string }>(db, openEntryKey({ subjectType: 'enterprise', creditCode: creditCodeOf(mineId) }));

export const publicItem = (db: Db, entryId: string) => getItem<Record<string, any>>(db, publicEntryKey(entryId));

/** The blacklist's items due on a date, of one kind. */
export const dueOn = (db: Db, date: string, kind: string) => dueAnywhere(db, date, kind);

/** The credit-index sort keys of a mine's blacklist entries. */
export const blacklistCreditKeys = async (db: Db, mineId: string): Promise<string[]> =>
  (await queryAll<{ GSI3SK: string }>(db, { index: 'GSI3', partition: gsi3.creditOf(mineId) }))
    .map((i) => i.GSI3SK)
    .filter((k) => k.includes('#BLACKLIST#'));

export const currentCredit = (db: Db, mineId: string) =>
  getItem<Record<string, any>>(db, { PK: pk.mine(mineId), SK: sk.creditCurrent });

/** The audit events about one entry, oldest first. */
export const entryAudit = async (db: Db, mineId: string, entryId: string) =>
  (await auditEvents(db, mineId)).filter((e) => e.entityId === entryId).reverse();

/** The error an operation throws (or undefined). */
export const failure = async (op: Promise<unknown>): Promise<any> =>
  op.then(
    () => undefined,
    (e: unknown) => e,
  );
