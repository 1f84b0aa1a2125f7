import { logger } from '#lib/observability/powertools.ts';
import { type MineMoveMessage, mineMoveQueue } from '#lib/queue/queues.ts';
import { sendMessages } from '#lib/queue/sender.ts';
import type { Db } from '#lib/store/db.ts';
import { deleteItem, isConditionFailure, updateItem } from '#lib/store/item.ts';
import { gsi1, gsi2, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll, queryPage } from '#lib/store/query.ts';
import { put, type Write } from '#lib/store/transact.ts';
import type { MineItem } from './mine-item.ts';

/**
 * A mine that moves to another jurisdiction takes its records with it. Every record of a mine that a jurisdiction
 * lists carries the jurisdiction in its GSI1 keys (`<KIND>S#<province>`, `<path>/#…`) and in its `jurisdiction`
 * attribute, and every open dated record in its due-date partition (GSI2PK `DUE#<path>`); after a move they are rewritten to the mine's CURRENT jurisdiction, read from its profile each time, so
 * a second move while the first is still under way, a retry after a crash, or two jobs at once all end in the same
 * place. Nothing here scans: the mine's own partition is queried page by page, the blacklist entries (kept under
 * their subject's partition) are found on the old jurisdiction's list, and each record's pointer by its id.
 *
 * The audit events stay as they were written (they are the history, the move among them), and so does the profile,
 * which the move itself rewrote.
 *
 * The mine's profile decides every action meanwhile (store.mine), so the old district gets 404 before the job ends.
 *
 * A move is not lost when its message is: the profile's change writes a pending-move item (PK MINEMOVES, one per
 * mine) in the same transaction, the move's last step deletes it, and the nightly `mine-status-effective` job sends
 * the move again for every item older than PENDING_MOVE_GRACE_MS (the work is idempotent, so a move still under way
 * that is sent twice ends the same).
 */

/** Pages of the mine's partition one message handles before it hands the rest to a continuation message. */
const PAGES_PER_MESSAGE = 5;

const province = (path: string): string => path.split('/')[0]!;
const PATH = /^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)*$/;

const DUE_PREFIX = gsi2.due('x').slice(0, -1);

/** The path of an item's due-date partition (`DUE#<path>`), if it is on the index. */
function duePath(item: Record<string, unknown>): string | undefined {
  const duePk = item.GSI2PK;
  if (typeof duePk !== 'string' || !duePk.startsWith(DUE_PREFIX)) return undefined;
  const path = duePk.slice(DUE_PREFIX.length);
  return PATH.test(path) ? path : undefined;
}

/**
 * The jurisdiction an item is filed under: its attribute, else the path its GSI1 sort key starts with, else its
 * due-date partition's (a licence, a periodic duty, a scheduled status change carry no other).
 */
function filedUnder(item: Record<string, unknown>): string | undefined {
  if (typeof item.jurisdiction === 'string') return item.jurisdiction;
  const gsiSk = item.GSI1SK;
  const cut = typeof gsiSk === 'string' ? gsiSk.indexOf('/#') : -1;
  const path = cut > 0 ? (gsiSk as string).slice(0, cut) : '';
  return PATH.test(path) ? path : duePath(item);
}

/**
 * The attributes that change when an item filed under `from` follows its mine to `to`: `jurisdiction`, the GSI1
 * keys when they are a jurisdiction's (`<path>/#…` under a partition naming the province), and the due-date
 * partition (GSI2PK; its sort key, `<date>#<kind>#<mineId>#<ref>`, names no path). Undefined: nothing to do.
 */
export function movedKeys(item: Record<string, unknown>, to: string): Record<string, string> | undefined {
  const from = filedUnder(item);
  if (!from || from === to) return undefined;
  const changes: Record<string, string> = {};
  if (duePath(item) === from) changes.GSI2PK = gsi2.due(to);
  if (typeof item.jurisdiction === 'string') changes.jurisdiction = to;
  const gsiPk = item.GSI1PK;
  const gsiSk = item.GSI1SK;
  if (typeof gsiPk === 'string' && typeof gsiSk === 'string' && gsiSk.startsWith(`${from}/#`)) {
    const parts = gsiPk.split('#');
    if (parts[1] === province(from)) {
      parts[1] = province(to);
      changes.GSI1PK = parts.join('#');
      changes.GSI1SK = `${gsi1.jurisdictionPrefix(to)}${gsiSk.slice(from.length + 1)}`;
    }
  }
  return Object.keys(changes).length ? changes : undefined;
}

/**
 * Rewrites one item's jurisdiction keys, on condition that they are still what was read (a write in between, e.g. a
 * case's status change, is read again and rewritten from what it wrote). True when the item changed.
 */
async function rewrite(db: Db, key: { PK: string; SK: string }, read: Record<string, unknown>, to: string) {
  let item: Record<string, unknown> | undefined = read;
  for (let attempt = 0; attempt < 5 && item; attempt++) {
    const changes = movedKeys(item, to);
    if (!changes) return false;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const conditions = ['attribute_exists(PK)'];
    for (const [name, value] of Object.entries(changes)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      values[`:was${name}`] = item[name];
      sets.push(`#${name} = :${name}`);
      conditions.push(`#${name} = :was${name}`);
    }
    try {
      await updateItem(db, key, `SET ${sets.join(', ')}`, {
        condition: conditions.join(' AND '),
        names,
        values,
      });
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      item = await getItem(db, key);
    }
  }
  return false;
}

/** Where a record of the mine partition is found by its id alone (its pointer), by the record's entity. */
const POINTERS: Record<string, (item: Record<string, unknown>) => { PK: string; SK: string } | undefined> = {
  case: (i) => ({ PK: pk.caseId(String(i.caseId)), SK: sk.casePointer }),
  hazard: (i) => ({ PK: pk.hazardId(String(i.hazardId)), SK: sk.hazardPointer }),
  penalty: (i) => ({ PK: pk.penaltyId(String(i.penaltyId)), SK: sk.penaltyPointer }),
  violation: (i) => ({ PK: `VIOLATIONID#${String(i.violationId)}`, SK: 'VIOLATION' }),
  inspection: (i) => ({ PK: `INSPECTIONID#${String(i.inspectionId)}`, SK: 'INSPECTION' }),
  accident: (i) => ({ PK: `ACCIDENTID#${String(i.accidentId)}`, SK: 'ACCIDENT' }),
  interview: (i) => ({ PK: `INTERVIEWID#${String(i.interviewId)}`, SK: 'INTERVIEW' }),
  blacklistEntry: (i) => ({ PK: pk.blacklistId(String(i.entryId)), SK: sk.blacklistPointer }),
};

/** An item and the pointer to it (when its kind has one that carries a jurisdiction). */
async function follow(db: Db, item: Record<string, unknown>, to: string): Promise<number> {
  let changed = 0;
  if (await rewrite(db, { PK: String(item.PK), SK: String(item.SK) }, item, to)) changed++;
  const pointerKey = POINTERS[String(item.entity)]?.(item);
  if (pointerKey) {
    const pointer = await getItem(db, pointerKey);
    if (pointer && (await rewrite(db, pointerKey, pointer, to))) changed++;
  }
  return changed;
}

/** The audit is history and the profile was written by the move: neither is rewritten. */
const keptAsWritten = (item: Record<string, unknown>): boolean =>
  item.SK === sk.profile || String(item.SK).startsWith(sk.auditPrefix);

export interface MoveProgress {
  /** Items rewritten by this call (records and pointers). */
  readonly rewritten: number;
  /** Where the next message starts in the mine's partition; null when the mine is done. */
  readonly cursor: string | null;
  /** The jurisdiction the records now follow (the profile's); undefined when the mine is gone. */
  readonly to?: string;
}

/** A move whose records may not all have followed the mine yet. */
export interface PendingMove {
  readonly mineId: string;
  readonly from: string;
  readonly to: string;
  /** When the profile changed (ISO). */
  readonly at: string;
}

/** A pending move is sent again by the night's job once it is this old: longer than any move takes. */
export const PENDING_MOVE_GRACE_MS = 15 * 60_000;

/** The pending-move item, written in the profile change's transaction (a later move of the mine replaces it). */
export const pendingMoveWrite = (db: Db, move: PendingMove): Write =>
  put(db, { PK: pk.pendingMoves, SK: move.mineId, entity: 'pendingMove', ...move });

/** The move has ended under `to`: its item goes, unless a later move (to elsewhere) replaced it meanwhile. */
async function finishMove(db: Db, mineId: string, to: string | undefined): Promise<void> {
  const key = { PK: pk.pendingMoves, SK: mineId };
  try {
    await deleteItem(
      db,
      key,
      to ? { condition: 'attribute_not_exists(PK) OR #to = :to', names: { '#to': 'to' }, values: { ':to': to } } : {},
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The night's safety net: every move pending for longer than the grace is sent again (one partition read, no
 * Scan). Answers the mines sent.
 */
export async function resendPendingMoves(db: Db, now: Date, graceMs = PENDING_MOVE_GRACE_MS): Promise<string[]> {
  const pending = await queryAll<PendingMove>(db, { partition: pk.pendingMoves });
  const due = pending.filter((m) => Date.parse(m.at) <= now.getTime() - graceMs);
  if (due.length === 0) return [];
  await sendMessages(
    mineMoveQueue,
    due.map((m, i) => ({ id: `resend-${i}`, body: { mineId: m.mineId, from: m.from } })),
  );
  logger.warn('Moves of mines sent again: their records had not all followed', { mines: due.map((m) => m.mineId) });
  return due.map((m) => m.mineId);
}

/**
 * One step of a move: the blacklist entries filed under the old jurisdiction (first step only), then up to
 * PAGES_PER_MESSAGE pages of the mine's partition from `cursor`. Idempotent: an item already under the current
 * jurisdiction is left alone.
 */
export async function rekeyMineStep(
  db: Db,
  message: MineMoveMessage,
  options: { pages?: number; pageSize?: number } = {},
): Promise<MoveProgress> {
  const pages = options.pages ?? PAGES_PER_MESSAGE;
  const pageSize = options.pageSize ?? 200;
  const mine = await getItem<MineItem>(db, { PK: pk.mine(message.mineId), SK: sk.profile });
  if (!mine) return { rewritten: 0, cursor: null };
  const to = mine.jurisdiction;
  const done = (rewritten: number): MoveProgress => ({ rewritten, cursor: null, to });
  let rewritten = 0;
  if (!message.cursor && message.from !== to) {
    // Blacklist entries live under their subject (an enterprise's credit code, a person's ID hash), not the mine.
    let cursor: string | undefined;
    do {
      const page = await queryPage<Record<string, unknown>>(
        db,
        {
          index: 'GSI1',
          partition: gsi1.blacklistOfProvince(message.from),
          beginsWith: gsi1.jurisdictionPrefix(message.from),
          filter: {
            expression: '#mineId = :mineId',
            names: { '#mineId': 'mineId' },
            values: { ':mineId': mine.mineId },
          },
        },
        { limit: 200, ...(cursor ? { cursor } : {}) },
      );
      for (const entry of page.items) {
        const stored = await getItem(db, { PK: String(entry.PK), SK: String(entry.SK) });
        if (stored) rewritten += await follow(db, stored, to);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  let cursor: string | undefined = message.cursor;
  for (let read = 0; read < pages; read++) {
    const page = await queryPage<Record<string, unknown>>(
      db,
      {
        partition: pk.mine(mine.mineId),
        filter: {
          expression: 'attribute_exists(#jurisdiction) OR attribute_exists(#gsi1sk)',
          names: { '#jurisdiction': 'jurisdiction', '#gsi1sk': 'GSI1SK' },
          values: {},
        },
      },
      { limit: pageSize, ...(cursor ? { cursor } : {}) },
    );
    for (const item of page.items) if (!keptAsWritten(item)) rewritten += await follow(db, item, to);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return done(rewritten);
  }
  return cursor ? { rewritten, cursor, to } : done(rewritten);
}

/** The queue consumer's work: one step, and the rest of the partition handed on to the next message. */
export async function handleMineMove(
  db: Db,
  message: MineMoveMessage,
  options: { pages?: number; pageSize?: number } = {},
): Promise<MoveProgress> {
  const progress = await rekeyMineStep(db, message, options);
  logger.info('Mine records follow its jurisdiction', {
    mineId: message.mineId,
    rewritten: progress.rewritten,
    more: progress.cursor !== null,
  });
  if (progress.cursor)
    await sendMessages(mineMoveQueue, [
      { id: 'next', body: { mineId: message.mineId, from: message.from, cursor: progress.cursor } },
    ]);
  else await finishMove(db, message.mineId, progress.to);
  return progress;
}

/** Every step of a move at once (tests, and a move run by hand): until the partition ends. */
export async function rekeyMine(db: Db, mineId: string, from: string): Promise<number> {
  let rewritten = 0;
  let cursor: string | null = null;
  do {
    const step: MoveProgress = await rekeyMineStep(db, { mineId, from, ...(cursor ? { cursor } : {}) });
    rewritten += step.rewritten;
    cursor = step.cursor;
  } while (cursor);
  return rewritten;
}

/**
 * Sends the move to its queue after the profile changed; a failed send is logged, and the night's job sends it again
 * from its pending-move item.
 */
export async function queueMineMove(mineId: string, from: string): Promise<void> {
  try {
    await sendMessages(mineMoveQueue, [{ id: 'move', body: { mineId, from } }]);
  } catch (error) {
    logger.error('The move of a mine was not queued; the night’s job sends it again', {
      mineId,
      error: error as Error,
    });
  }
}
