import { ConflictError, NotFoundError } from '#lib/errors.ts';
import { notify } from '#lib/notifications/notification.ts';
import { logger } from '#lib/observability/powertools.ts';
import { type Actor, actorOf, systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { dueIndexPaths, queryDue } from '#lib/store/due-index.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { MineScope, TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { blacklistPolicy } from './blacklist-policy.ts';
import { type BlacklistEntry, entryView, LISTING_END_KIND } from './entry.ts';
import { saveChange } from './entry-writes.ts';
import { SCOPE_LABELS } from './grounds.ts';
import { applyAction, type BlacklistAction } from './lifecycle.ts';

/**
 * The blacklist's operations: an entry found by its id within the caller's jurisdiction, an action applied by the
 * pure rules and saved with its audit event, then what follows from it: the mine's credit classified again when an
 * enterprise enters or leaves the list, and the partner departments and the mine told of a publication.
 */

/**
 * What a change of listing sets off beyond the blacklist: the listed enterprise's mine classified again at once (a
 * listed enterprise is D). The credit model supplies it (`creditOnListing`) and the callers pass it in, so the
 * blacklist, which the credit model proposes entries to, does not depend on the credit model in turn.
 */
export interface ListingEffects {
  classifyMine(db: Db, date: string, mineId: string): Promise<unknown>;
}
/** The entry with this id, wherever it is; callers check who may see it. */
export async function findEntry(db: Db, entryId: string): Promise<BlacklistEntry | undefined> {
  const pointer = await getItem<{ subjectPk: string; jurisdiction: string }>(db, {
    PK: pk.blacklistId(entryId),
    SK: sk.blacklistPointer,
  });
  if (!pointer) return undefined;
  const entry = await getItem<Record<string, unknown>>(db, { PK: pointer.subjectPk, SK: sk.blacklistEntry(entryId) });
  return entry ? (stripKeys(entry) as unknown as BlacklistEntry) : undefined;
}

/**
 * An entry of a mine in the caller's jurisdiction; another jurisdiction's does not exist for it. The mine's profile
 * decides, not the jurisdiction the entry was filed under: after a move the old district gets 404 at once, and a
 * change saved by the new district files the entry under it.
 */
export async function loadEntry(store: TenantStore, entryId: string): Promise<BlacklistEntry> {
  return (await loadEntryIn(store, entryId)).entry;
}

/** As loadEntry, with the scope of the entry's mine, through which its effects (credit, notices, audit) are written. */
async function loadEntryIn(store: TenantStore, entryId: string): Promise<{ entry: BlacklistEntry; scope: MineScope }> {
  store.bureauScope();
  const notFound = new NotFoundError(`名单记录 ${entryId} 不存在`);
  const entry = await findEntry(store.shared, entryId);
  if (!entry) throw notFound;
  const scope = await store.mine(entry.mineId).catch(() => {
    throw notFound;
  });
  return { entry: { ...entry, jurisdiction: scope.profile.jurisdiction }, scope };
}

export const getEntry = async (store: TenantStore, entryId: string) => entryView(await loadEntry(store, entryId));

export async function actOnEntry(
  store: TenantStore,
  entryId: string,
  input: BlacklistAction & { version: number },
  effects: ListingEffects,
) {
  const {
    entry,
    scope: { db },
  } = await loadEntryIn(store, entryId);
  if (input.version !== entry.version)
    throw new ConflictError(`名单记录 ${entryId} 已被他人处理，请刷新后重试`, [
      { field: 'body.version', message: `current version is ${entry.version}` },
    ]);
  const after = await apply(db, entry, input, actorOf(store.principal), effects);
  return entryView(after);
}

/**
 * The mine's own objection (陈述申辩) to a notice served on it: through the same lifecycle as one the bureau records
 * (dated today, refused after the window), recorded as the mine user's.
 */
export async function recordObjection(
  store: TenantStore,
  { db }: MineScope,
  entry: BlacklistEntry,
  body: { content: string; version: number },
  effects: ListingEffects,
): Promise<BlacklistEntry> {
  if (body.version !== entry.version)
    throw new ConflictError(`名单记录 ${entry.entryId} 已有变化，请刷新后重试`, [
      { field: 'body.version', message: `当前版本为 ${entry.version}` },
    ]);
  const input = {
    action: 'record_objection',
    receivedOn: todayInShanghai(store.now()),
    content: body.content,
  } as const;
  return apply(db, entry, input, actorOf(store.principal), effects);
}

async function apply(
  db: Db,
  entry: BlacklistEntry,
  input: BlacklistAction,
  actor: Actor,
  effects: ListingEffects,
  today = todayInShanghai(db.now()),
): Promise<BlacklistEntry> {
  const { values: terms } = await blacklistPolicy.inForce(db, entry.jurisdiction);
  const after = applyAction(entry, input, {
    actor,
    today,
    at: db.now().toISOString(),
    terms,
    newId: (p) => db.newId(p),
  });
  await saveChange(db, entry, after, actor, input.action, after.steps.at(-1)?.note);
  const listedChanged = (entry.status === 'published') !== (after.status === 'published');
  // What follows is not part of the decision, which stands once saved: a failure here is logged, and the nightly
  // classification (and a later publication notice) catch up, instead of answering the caller with an error.
  await afterEffect('notify publication', () =>
    listedChanged && after.status === 'published' ? tellOfPublication(db, after, terms.partnerDepartments) : undefined,
  );
  // A listed enterprise's mine is D; leaving the list lets its records decide again.
  await afterEffect('classify the mine', () =>
    listedChanged && after.subjectType === 'enterprise' ? effects.classifyMine(db, today, after.mineId) : undefined,
  );
  return after;
}

async function afterEffect(what: string, run: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger.error(`Blacklist change saved, but could not ${what}`, error as Error);
  }
}

async function tellOfPublication(
  db: Db,
  e: BlacklistEntry,
  partners: readonly { code: string; name: string; email?: string }[],
): Promise<void> {
  const subject =
    e.subjectType === 'enterprise'
      ? `${e.subjectName}（${e.creditCode}）`
      : `${e.subjectName}（${e.person!.residentIdMasked}，${e.enterpriseName}${e.person!.roleLabel}）`;
  // Told once per listing: a publication restored by a revoked removal is the same listing (same start date).
  await notify(db, {
    kind: 'blacklist.published',
    eventKey: `blacklist.published:${e.entryId}:${e.listedOn}`,
    mineId: e.mineId,
    jurisdiction: e.jurisdiction,
    severity: 'critical',
    title: `严重失信主体名单：${e.subjectName}`,
    body: `${subject}自 ${e.listedOn} 起列入严重失信主体名单至 ${e.endsOn}（${e.decisionNo}），事由：${e.grounds.map((g) => g.name).join('；')}。请在${e.scopes.map((s) => SCOPE_LABELS[s]).join('、')}中依法予以限制。`,
    recipients: [
      { type: 'mine', mineId: e.mineId },
      ...partners.map((p) => ({
        type: 'partner' as const,
        code: p.code,
        name: p.name,
        ...(p.email ? { email: p.email } : {}),
      })),
    ],
    ref: { entityType: 'blacklistEntry', entityId: e.entryId },
  });
}

/**
 * The nightly expiry: every listed entry whose end date has come (today, or a missed night of the week before)
 * leaves the list. On its end date and not the day before (the end date is the first day it is no longer listed).
 */
export async function expireDueEntries(
  db: Db,
  date: string,
  effects: ListingEffects,
  lookBackDays = 7,
): Promise<{ expired: string[] }> {
  const expired: string[] = [];
  const failed: string[] = [];
  const actor = systemActor('blacklist-expiry');
  for (const path of await dueIndexPaths(db)) {
    const due = await queryDue<{ entryId: string }>(db, {
      jurisdiction: path,
      from: addDays(date, -lookBackDays),
      to: date,
      kind: LISTING_END_KIND,
    });
    for (const {
      item: { entryId },
    } of due) {
      const entry = await findEntry(db, entryId);
      if (entry?.status !== 'published' || entry.endsOn! > date) continue;
      try {
        await apply(db, entry, { action: 'expire' }, actor, effects, date);
        expired.push(entryId);
      } catch (error) {
        // One entry changed meanwhile (a concurrent action): the others still expire; this one is retried.
        logger.error('Could not expire a blacklist entry', { entryId, error: error as Error });
        failed.push(entryId);
      }
    }
  }
  if (failed.length)
    throw new Error(
      `Blacklist expiry: ${expired.length} expired, ${failed.length} failed (${failed.join(', ')}); run again`,
    );
  return { expired };
}
