/**
 * A penalty as it is read: found by id within the caller's reach (404 otherwise), shown with its labels and
 * whether it is overdue, with the violations it is for, and as a person's file refers to it.
 */
import { ConflictError, NotFoundError } from '#lib/errors.ts';
import type { MineItem } from '#lib/registry/mine-item.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { PENALTY_KIND_LABELS, PENALTY_STATUS_LABELS, type PenaltyItem } from './penalty-item.ts';
import { penaltyPk, penaltySk } from './penalty-keys.ts';
import { daysOverdue, viewStatus } from './penalty-rules.ts';
import { violationsById } from './violation-refs.ts';

export const stale = (penaltyId: string) => new ConflictError(`处罚 ${penaltyId} 已被他人处理，请刷新后重试`);
const notFound = (penaltyId: string) => new NotFoundError(`处罚 ${penaltyId} 不存在`);

export function penaltyView(p: PenaltyItem, now: Date) {
  const today = todayInShanghai(now);
  const status = viewStatus(p, today);
  return {
    ...p,
    kindLabel: PENALTY_KIND_LABELS[p.kind],
    responsiblePersons: p.responsiblePersons ?? [],
    status,
    statusLabel: PENALTY_STATUS_LABELS[status],
    overdue: status === 'overdue',
    daysOverdue: status === 'overdue' ? daysOverdue(p, today) : 0,
  };
}
export type PenaltyView = ReturnType<typeof penaltyView>;

/** What a person's file shows of a penalty naming them: the day it was proposed, its kind and facts. */
export const fileRef = (p: PenaltyItem) => ({
  kind: 'penalty' as const,
  recordId: p.penaltyId,
  mineId: p.mineId,
  mineName: p.mineName,
  date: todayInShanghai(new Date(p.proposedAt)),
  title: `${PENALTY_KIND_LABELS[p.kind]}：${p.description.slice(0, 60)}`,
});

/** Finds a penalty by id and checks the caller may see its mine (404 otherwise, as for any other tenant's record). */
export async function loadPenalty(
  store: TenantStore,
  penaltyId: string,
): Promise<{ penalty: PenaltyItem; mine: MineItem; db: Db }> {
  const { profile: mine, db } = await store.mineOf<{ mineId: string }, MineItem>(
    { PK: penaltyPk.penaltyId(penaltyId), SK: penaltySk.penaltyPointer },
    notFound(penaltyId),
  );
  const item = await getItem<PenaltyItem>(db, { PK: pk.mine(mine.mineId), SK: penaltySk.penalty(penaltyId) });
  if (!item) throw notFound(penaltyId);
  // Filed under the mine's jurisdiction of today: a change saved after a move lands on the new district's list.
  return { penalty: { ...(stripKeys(item) as PenaltyItem), jurisdiction: mine.jurisdiction }, mine, db };
}

/** A penalty with the violations it is for. */
export async function penaltyDetail(store: TenantStore, penaltyId: string) {
  const { penalty, db } = await loadPenalty(store, penaltyId);
  const byId = await violationsById(db, penalty.mineId, penalty.violationIds);
  const violations = penalty.violationIds.flatMap((id) => {
    const v = byId.get(id);
    return v && v.mineId === penalty.mineId
      ? [
          {
            violationId: id,
            category: v.category,
            categoryName: v.categoryName,
            date: v.date,
            description: v.description,
          },
        ]
      : [];
  });
  return { ...penaltyView(penalty, store.now()), violations };
}
