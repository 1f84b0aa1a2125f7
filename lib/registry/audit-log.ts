import { pk, sk, stripKeys } from '../store/keys.ts';
import type { PageRequest } from '../store/pagination.ts';
import { queryPage } from '../store/query.ts';
import type { TenantStore } from '../store/tenant-store.ts';
import type { AuditEvent } from '../store/audit.ts';

/** A mine's audit trail, newest first. */
export async function listMineAudit(store: TenantStore, mineId: string, page: PageRequest) {
  await store.mine(mineId);
  const result = await queryPage<AuditEvent>(
    store.db,
    { partition: pk.mine(mineId), beginsWith: sk.auditPrefix, newestFirst: true },
    page,
  );
  return { items: result.items.map((e) => stripKeys(e)), nextCursor: result.nextCursor };
}
