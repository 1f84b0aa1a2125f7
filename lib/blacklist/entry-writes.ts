import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { put, putNew, putVersioned, remove, transact, type Write } from '#lib/store/transact.ts';
import { type BlacklistEntry, blacklistKeys, blacklistPointer, OPEN_STATUSES, openEntryKey } from './entry.ts';
import { publicListWrites } from './public-list.ts';

/**
 * The writes of an entry's life, in one place: a new entry with its pointer and the subject's open-entry guard;
 * a change with its version condition, the guard released when the entry closes (or taken again when a revoked
 * removal reopens it), the public projection put on publication and deleted when it leaves the list; each with
 * its audit event in the same transaction.
 */
export const alreadyOpen = () => new ConflictError('该主体已有拟列入或已列入的名单记录，不能重复提出');

export async function createEntry(
  db: Db,
  entry: BlacklistEntry,
  actor: Actor,
  reason: string,
  duplicate = alreadyOpen(),
): Promise<void> {
  await transact(db, [
    putNew(db, { ...openEntryKey(entry), entity: 'blacklistOpen', entryId: entry.entryId }, duplicate),
    put(db, { ...blacklistKeys(entry), ...entry }),
    put(db, blacklistPointer(entry)),
    auditWrite(
      db,
      actor,
      {
        mineId: entry.mineId,
        jurisdiction: entry.jurisdiction,
        action: 'blacklist.propose',
        entityType: 'blacklistEntry',
        entityId: entry.entryId,
        before: null,
        after: { status: entry.status, subjectType: entry.subjectType, grounds: entry.grounds.map((g) => g.code) },
        reason,
      },
      entry.proposedAt,
    ),
  ]);
}

export async function saveChange(
  db: Db,
  before: BlacklistEntry,
  after: BlacklistEntry,
  actor: Actor,
  action: string,
  reason?: string,
): Promise<void> {
  const stale = new ConflictError(`名单记录 ${after.entryId} 已被他人处理，请刷新后重试`);
  const wasOpen = OPEN_STATUSES.includes(before.status);
  const isOpen = OPEN_STATUSES.includes(after.status);
  const writes: Write[] = [putVersioned(db, { ...blacklistKeys(after), ...after }, before.version, stale)];
  if (wasOpen && !isOpen) writes.push(remove(db, openEntryKey(after)));
  if (!wasOpen && isOpen)
    writes.push(putNew(db, { ...openEntryKey(after), entity: 'blacklistOpen', entryId: after.entryId }, alreadyOpen()));
  writes.push(...publicListWrites(db, before, after));
  writes.push(
    auditWrite(
      db,
      actor,
      {
        mineId: after.mineId,
        jurisdiction: after.jurisdiction,
        action: `blacklist.${action}`,
        entityType: 'blacklistEntry',
        entityId: after.entryId,
        before: { status: before.status },
        after: {
          status: after.status,
          ...(after.decisionNo ? { decisionNo: after.decisionNo } : {}),
          ...(after.endsOn ? { endsOn: after.endsOn } : {}),
        },
        reason,
      },
      after.updatedAt,
    ),
  );
  await transact(db, writes);
}
