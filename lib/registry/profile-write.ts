import { ConflictError } from '#lib/errors.ts';
import { type Actor, auditWrite, changedFields } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk, stripKeys } from '#lib/store/keys.ts';
import { put, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import type { MineItem } from './mine-item.ts';
import type { StatusSpan } from './vocabulary.ts';

export const staleMine = (mineId: string) =>
  new ConflictError(`煤矿 ${mineId} 已被他人修改，请刷新后重试（version 已过期）`);

/** Every jurisdiction with mines, so the nightly jobs can list them without a Scan. Idempotent. */
export const jurisdictionWrite = (db: Db, path: string): Write =>
  put(db, { PK: pk.jurisdictions, SK: path, entity: 'jurisdiction', path });

/**
 * The status timeline kept on the profile (the review reads each day's status from it in the same read as the
 * profile). Spans stay ordered by date; the last 50 are kept, far more than any review window needs.
 */
export function appendSpan(timeline: readonly StatusSpan[], span: StatusSpan): StatusSpan[] {
  return [...timeline.filter((s) => s.from < span.from), span].slice(-50);
}

export const profileKeys = (m: Pick<MineItem, 'mineId' | 'jurisdiction'>) => ({
  PK: pk.mine(m.mineId),
  SK: sk.profile,
  GSI1PK: gsi1.minesOfProvince(m.jurisdiction),
  GSI1SK: gsi1.mineInJurisdiction(m.jurisdiction, m.mineId),
  entity: 'mine',
});
/**
 * Writes a new version of a mine profile with its audit event. Every profile change (edit, status, official,
 * contacts) goes through here, so each is versioned and audited the same way.
 */
export async function writeProfile(
  db: Db,
  actor: Actor,
  before: MineItem,
  expectedVersion: number,
  changes: Partial<MineItem>,
  action: string,
  extra: { reason?: string | undefined; writes?: Write[] } = {},
): Promise<MineItem> {
  if (expectedVersion !== before.version) throw staleMine(before.mineId);
  const at = db.now().toISOString();
  // From the stored item without its keys: a moved mine gets index keys for its new jurisdiction.
  const statusChanged =
    changes.status !== undefined && changes.statusSince !== undefined && changes.status !== before.status;
  const timeline = statusChanged
    ? appendSpan(before.statusTimeline ?? [], { status: changes.status!, from: changes.statusSince! })
    : before.statusTimeline;
  const after: MineItem = {
    ...stripKeys(before),
    ...changes,
    statusTimeline: timeline,
    version: before.version + 1,
    updatedAt: at,
  };
  const diff = changedFields(stripKeys(before) as Record<string, unknown>, after as unknown as Record<string, unknown>);
  await transact(db, [
    putVersioned(db, { ...profileKeys(after), ...after }, expectedVersion, staleMine(before.mineId)),
    ...(extra.writes ?? []),
    auditWrite(
      db,
      actor,
      {
        mineId: after.mineId,
        jurisdiction: after.jurisdiction,
        action,
        entityType: 'mine',
        entityId: after.mineId,
        ...diff,
        reason: extra.reason,
      },
      at,
    ),
  ]);
  return after;
}
