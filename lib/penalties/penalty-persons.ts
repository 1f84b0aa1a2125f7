import type * as z from 'zod/mini';
import { ConflictError } from '#lib/errors.ts';
import { namePersons, personFileWrites } from '#lib/registry/responsible-persons.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putVersioned, transact } from '#lib/store/transact.ts';
import { type PenaltyItem, penaltyKeys } from './penalty-item.ts';
import { fileRef, loadPenalty, penaltyView, stale } from './penalty-read.ts';
import type { penaltyPersonsBody } from './schemas.ts';

/**
 * Corrects who answers for a penalty (责任人认定有误), in any state: the whole list with a reason, audited, the
 * persons' files following in the same transaction. A person no longer on the mine's file may stay named.
 */
export async function correctPenaltyPersons(
  store: TenantStore,
  penaltyId: string,
  body: z.infer<typeof penaltyPersonsBody>,
) {
  const { penalty: p, db } = await loadPenalty(store, penaltyId);
  if (body.version !== p.version)
    throw new ConflictError(`处罚 ${penaltyId} 已被他人处理，请刷新后重试`, [
      { field: 'body.version', message: `当前版本为 ${p.version}，请刷新后重试` },
    ]);
  const before = p.responsiblePersons ?? [];
  const named = await namePersons(db, p.mineId, body.responsiblePersons, 'body.responsiblePersons', before);
  const actor = actorOf(store.principal);
  const at = db.now().toISOString();
  const after: PenaltyItem = { ...p, responsiblePersons: named, version: p.version + 1, updatedAt: at };
  await transact(db, [
    putVersioned(db, { ...penaltyKeys(after), ...after }, p.version, stale(penaltyId)),
    ...personFileWrites(db, fileRef(after), before, named),
    auditWrite(
      db,
      actor,
      {
        mineId: p.mineId,
        jurisdiction: p.jurisdiction,
        action: 'penalty.persons_corrected',
        entityType: 'penalty',
        entityId: penaltyId,
        before: { responsiblePersons: before },
        after: { responsiblePersons: named },
        reason: body.reason,
      },
      at,
    ),
  ]);
  return penaltyView(after, db.now());
}
