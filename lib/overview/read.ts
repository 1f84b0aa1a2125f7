import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { NotFoundError } from '#lib/errors.ts';
import { stripKeys } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { type OverviewRow, type OverviewSelf, overviewKeys } from './overview-item.ts';
import type { OverviewAnswer } from './schemas.ts';

/**
 * A jurisdiction's overview in ONE Query of its partition (its own figures, then a row per child). A jurisdiction
 * outside the caller's answers exactly as one that has no overview yet: 404.
 */
export async function readOverview(store: TenantStore, requested: string | undefined): Promise<OverviewAnswer> {
  const scope = store.bureauScope();
  const path = requested ?? scope;
  const missing = () => new NotFoundError('未找到该辖区的总览（辖区不存在，或尚未统计）');
  if (!jurisdictionCovers(scope, path)) throw missing();
  const items = await queryAll<Record<string, unknown> & { SK: string }>(store.shared, {
    partition: overviewKeys.partition(path),
  });
  const selfItem = items.find((i) => i.SK === overviewKeys.self);
  if (!selfItem) throw missing();
  const self = stripKeys(selfItem) as unknown as OverviewSelf;
  const children = items
    .filter((i) => i !== selfItem)
    .map((i) => {
      const r = stripKeys(i) as unknown as OverviewRow;
      return { kind: r.kind, key: r.key, name: r.name, figures: r.figures, series: r.series };
    });
  return {
    path: self.path,
    name: self.name,
    level: self.level,
    parents: self.parents.filter((p) => jurisdictionCovers(scope, p.path)).map((p) => ({ ...p })),
    date: self.date,
    reviewDate: self.reviewDate,
    asOf: self.asOf,
    figures: self.figures,
    series: self.series,
    children,
  };
}
