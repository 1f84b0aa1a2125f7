import type { AuditEvent } from '#lib/store/audit.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import type { PageRequest } from '#lib/store/pagination.ts';
import { queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';

/** A mine's audit trail, newest first. */
export async function listMineAudit(store: TenantStore, mineId: string, page: PageRequest) {
  const { db } = await store.mine(mineId);
  const result = await queryPage<AuditEvent>(
    db,
    { partition: pk.mine(mineId), beginsWith: sk.auditPrefix, newestFirst: true },
    page,
  );
  return { items: result.items.map((e) => stripKeys(e)), nextCursor: result.nextCursor };
}
