import { ConflictError, ForbiddenError } from '#lib/errors.ts';
import { ancestors } from '#lib/policies/policy-store.ts';
import { actorOf, auditWrite } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import type { MineItem } from './mine-item.ts';

/**
 * What people call a jurisdiction: `hlj/hegang/dongshan` is 东山区 of 鹤岗市 of 黑龙江省, and its bureau has a name
 * of its own for letters and the dashboard's heading. Each level's bureau admin names its own level; a name is
 * read together with its ancestors' (one batch read), so a district shows as 黑龙江省鹤岗市东山区.
 */
export interface JurisdictionName {
  readonly path: string;
  readonly name: string;
  readonly bureauName?: string;
  readonly version: number;
  readonly updatedAt: string;
}

export interface JurisdictionView {
  readonly path: string;
  /** Each level from the province down, with its name where one is set. */
  readonly levels: readonly { readonly path: string; readonly name: string | null }[];
  /** The names of every level run together (黑龙江省鹤岗市东山区); null until every level is named. */
  readonly fullName: string | null;
  readonly name: string | null;
  readonly bureauName: string | null;
  /** The version of this level's own name, for a PUT (0 when it has none yet). */
  readonly version: number;
}

const key = (path: string) => ({ PK: pk.jurisdiction(path), SK: sk.jurisdictionName });

export async function describeJurisdiction(store: TenantStore, path: string): Promise<JurisdictionView> {
  const chain = ancestors(path).reverse();
  const found = await batchGet<JurisdictionName>(store.shared, chain.map(key));
  const byPath = new Map(found.map((f) => [f.path, f]));
  const levels = chain.map((p) => ({ path: p, name: byPath.get(p)?.name ?? null }));
  const own = byPath.get(path);
  return {
    path,
    levels,
    fullName: levels.every((l) => l.name) ? levels.map((l) => l.name).join('') : null,
    name: own?.name ?? null,
    bureauName: own?.bureauName ?? null,
    version: own?.version ?? 0,
  };
}

/** The caller's own jurisdiction: a bureau's scope, or the jurisdiction of a mine user's mine. */
export async function ownJurisdiction(store: TenantStore): Promise<string> {
  const p = store.principal;
  if (p.kind === 'bureau') return p.jurisdiction;
  if (p.kind === 'mine') return (await store.mine<MineItem>(p.mineId)).profile.jurisdiction;
  throw new ForbiddenError('Only bureau and mine users belong to a jurisdiction');
}

export async function nameJurisdiction(
  store: TenantStore,
  body: { version: number; name: string; bureauName?: string | undefined },
): Promise<JurisdictionView> {
  const path = store.bureauScope();
  const db = store.shared;
  const existing = await getItem<JurisdictionName & Record<string, unknown>>(db, key(path));
  const current = existing?.version ?? 0;
  const stale = new ConflictError(`辖区名称已被修改为第 ${current} 版，请刷新后重试`, [
    { field: 'body.version', message: `当前版本为 ${current}，请刷新后重试` },
  ]);
  if (body.version !== current) throw stale;
  const at = db.now().toISOString();
  const named: JurisdictionName = {
    path,
    name: body.name,
    ...(body.bureauName ? { bureauName: body.bureauName } : {}),
    version: current + 1,
    updatedAt: at,
  };
  const item = { ...key(path), entity: 'jurisdictionName', ...named };
  await transact(db, [
    existing ? putVersioned(db, item, current, stale) : putNew(db, item, stale),
    auditWrite(
      db,
      actorOf(store.principal),
      {
        jurisdiction: path,
        action: 'jurisdiction.named',
        entityType: 'jurisdiction',
        entityId: path,
        before: existing ? stripKeys(existing) : null,
        after: { ...named },
      },
      at,
    ),
  ]);
  return describeJurisdiction(store, path);
}
