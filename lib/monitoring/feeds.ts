import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import { batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { transact, type Write } from '#lib/store/transact.ts';
import {
  decideFeed,
  type FeedDeclaration,
  type FeedOutcome,
  type FeedRevision,
  type FeedState,
  type FeedValue,
  type StoredFeed,
  valuesOf,
} from './feed-precedence.ts';
import {
  FEED_KINDS,
  type FeedKind,
  type FeedProvenance,
  type FeedSource,
  type GasDay,
  type PersonnelDay,
} from './vocabulary.ts';

/**
 * The monitoring feeds in the store: ONE item per mine and day (PK = MINE#<id>, SK = MONITOR#<date>) with an
 * attribute per feed (`personnel`, `gas`), the mine's declaration beside a platform value (`personnelDeclared`,
 * `gasDeclared`) and a short history of changes (`personnelRevisions`, `gasRevisions`). Each feed is written by an
 * update of its own attributes only, guarded by its own version (`personnelVersion`, `gasVersion`), so the two feeds
 * arrive apart and neither overwrites the other. The nightly review reads the item in the same batch as the mine's
 * profile; a range of days is one Query.
 */
export interface MonitorDay {
  readonly mineId: string;
  readonly date: string;
  readonly personnel?: StoredFeed<PersonnelDay>;
  readonly personnelDeclared?: FeedDeclaration<PersonnelDay>;
  readonly personnelRevisions?: readonly FeedRevision<PersonnelDay>[];
  readonly gas?: StoredFeed<GasDay>;
  readonly gasDeclared?: FeedDeclaration<GasDay>;
  readonly gasRevisions?: readonly FeedRevision<GasDay>[];
}

type StoredDay = MonitorDay & { readonly personnelVersion?: number; readonly gasVersion?: number };

export const monitorKey = (mineId: string, date: string) => ({ PK: pk.mine(mineId), SK: sk.monitor(date) });

const names = (kind: FeedKind) => ({
  value: kind,
  declared: `${kind}Declared`,
  revisions: `${kind}Revisions`,
  version: `${kind}Version`,
});

/** One feed's state as the item holds it. */
export function feedState<K extends FeedKind>(day: StoredDay | undefined, kind: K): FeedState<FeedValue<K>> {
  const n = names(kind);
  const item = (day ?? {}) as Record<string, unknown>;
  return {
    inForce: item[n.value] as StoredFeed<FeedValue<K>> | undefined,
    declared: item[n.declared] as FeedDeclaration<FeedValue<K>> | undefined,
    revisions: item[n.revisions] as FeedRevision<FeedValue<K>>[] | undefined,
  };
}

/** What a client sees of the item: the feeds, declarations and histories, without keys or versions. */
export function dayOf(mineId: string, date: string, item: StoredDay | undefined): MonitorDay {
  const out: Record<string, unknown> = { mineId, date };
  for (const kind of FEED_KINDS) {
    const n = names(kind);
    const src = (item ?? {}) as Record<string, unknown>;
    for (const key of [n.value, n.declared, n.revisions]) if (src[key] !== undefined) out[key] = src[key];
  }
  return out as unknown as MonitorDay;
}

export interface RecordFeedResult {
  readonly kind: FeedOutcome;
  readonly message?: string;
  readonly day: MonitorDay;
  /** The day had been reviewed and what the review reads changed: the caller reviews it again. */
  readonly reviewAgain: boolean;
}

/**
 * Records one feed of one mine-day (the mine already checked to be the caller's, or the importer's jurisdiction's)
 * with its audit event in the same transaction. `by` is how a person reads who recorded it.
 */
export async function recordFeed<K extends FeedKind>(
  db: Db,
  actor: Actor,
  mine: { readonly mineId: string; readonly jurisdiction: string },
  input: { kind: K; date: string; value: FeedValue<K>; source: FeedSource; importId?: string | undefined },
): Promise<RecordFeedResult> {
  const { mineId } = mine;
  const { kind, date } = input;
  const at = db.now().toISOString();
  const key = monitorKey(mineId, date);
  // The day's item and its review (whether the day was reviewed), in one read.
  const read = await batchGet<StoredDay & { SK: string }>(db, [key, { PK: pk.mine(mineId), SK: sk.review(date) }]);
  const before = read.find((i) => i.SK === key.SK);
  const reviewed = read.some((i) => i.SK === sk.review(date));
  const by = actor.name ?? actor.sub;
  const decision = decideFeed(
    kind,
    feedState(before, kind),
    input.value,
    {
      source: input.source,
      byId: actor.sub,
      by: input.source === 'platform' ? `${by}（批量导入）` : by,
      at,
      ...(input.importId ? { importId: input.importId } : {}),
    },
    reviewed,
    date,
  );
  if (!decision.next) return { kind: decision.kind, day: dayOf(mineId, date, before), reviewAgain: false };

  const n = names(kind);
  const next = decision.next;
  const version = ((before as Record<string, unknown> | undefined)?.[n.version] as number | undefined) ?? 0;
  const sets = ['#value = :value', '#version = :version', 'mineId = :mineId', '#date = :date', '#entity = :entity'];
  const values: Record<string, unknown> = {
    ':value': next.inForce,
    ':version': version + 1,
    ':mineId': mineId,
    ':date': date,
    ':entity': 'monitorDay',
  };
  const attrNames: Record<string, string> = {
    '#value': n.value,
    '#version': n.version,
    '#date': 'date',
    '#entity': 'entity',
  };
  if (next.declared) {
    sets.push('#declared = :declared');
    values[':declared'] = next.declared;
    attrNames['#declared'] = n.declared;
  }
  if (next.revisions?.length) {
    sets.push('#revisions = :revisions');
    values[':revisions'] = next.revisions;
    attrNames['#revisions'] = n.revisions;
  }
  if (version > 0) values[':expected'] = version;
  const update: Write = {
    item: {
      Update: {
        TableName: db.tableName,
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: version > 0 ? '#version = :expected' : 'attribute_not_exists(#version)',
        ExpressionAttributeNames: attrNames,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: new ConflictError(`${date} 的监测数据刚被他人报送，请重试`),
  };
  const audit = auditWrite(
    db,
    actor,
    {
      mineId,
      jurisdiction: mine.jurisdiction,
      action: `monitoring.${kind}_${decision.kind}`,
      entityType: 'monitorDay',
      entityId: `${date}#${kind}`,
      before: before && feedState(before, kind).inForce ? { [n.value]: feedState(before, kind).inForce } : null,
      after: { [n.value]: next.inForce, ...(next.declared ? { [n.declared]: next.declared } : {}) },
      ...(decision.afterReview ? { reason: '该日已审查后修改' } : {}),
    },
    at,
  );
  await transact(db, [update, audit]);
  const { [n.version]: _v, ...rest } = { ...(before ?? {}) } as Record<string, unknown>;
  const after: StoredDay = {
    ...(rest as unknown as StoredDay),
    [n.value]: next.inForce,
    ...(next.declared ? { [n.declared]: next.declared } : {}),
    ...(next.revisions?.length ? { [n.revisions]: next.revisions } : {}),
  };
  return {
    kind: decision.kind,
    ...(decision.message ? { message: decision.message } : {}),
    day: dayOf(mineId, date, after),
    // A late feed, the platform's over the mine's, a revision or a changed declaration: the review must hear it.
    reviewAgain: reviewed,
  };
}

/**
 * A history of feeds for mine-days that hold none yet (the demo's month of feeds): each day's item as recordFeed
 * first creates it, with its provenance, written in batches of 25 rather than a transaction a feed. A batch put
 * replaces an item whole, so this is for empty days only; every later report goes through recordFeed.
 */
export async function putNewFeedDays(
  db: Db,
  mineId: string,
  provenance: FeedProvenance,
  days: readonly NewFeedDay[],
): Promise<void> {
  await batchPut(
    db,
    days.map((day) => newFeedDayItem(mineId, provenance, day)),
  );
}

export interface NewFeedDay {
  readonly date: string;
  readonly personnel?: PersonnelDay;
  readonly gas?: GasDay;
}

/** A mine-day's item as recordFeed first creates it, each feed at version 1 with its provenance. */
export function newFeedDayItem(mineId: string, provenance: FeedProvenance, day: NewFeedDay): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...monitorKey(mineId, day.date),
    entity: 'monitorDay',
    mineId,
    date: day.date,
  };
  for (const kind of FEED_KINDS) {
    const value = day[kind];
    if (value === undefined) continue;
    const n = names(kind);
    out[n.value] = { ...valuesOf(kind, value as FeedValue<typeof kind>), provenance };
    out[n.version] = 1;
  }
  return out;
}

/** The mine-days from `from` to `to` inclusive that have any feed, oldest first: one Query. */
export async function feedsBetween(db: Db, mineId: string, from: string, to: string): Promise<MonitorDay[]> {
  const items = await queryAll<StoredDay>(db, {
    partition: pk.mine(mineId),
    between: [sk.monitor(from), sk.monitor(to)],
  });
  return items.map((i) => dayOf(mineId, i.date, i));
}
