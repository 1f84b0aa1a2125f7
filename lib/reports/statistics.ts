import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { NotFoundError } from '#lib/errors.ts';
import type { HazardItem } from '#lib/hazards/hazard-item.ts';
import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import type { PenaltyKind } from '#lib/penalties/vocabulary.ts';
import { batchGet } from '#lib/store/batch.ts';
import { datedKeys, INSPECTION_KIND, VIOLATION_KIND } from '#lib/store/dated-records.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { countEnforcement, type EnforcementFigures, sumFigures } from './counting.ts';
import { type Period, parsePeriod } from './period.ts';

/**
 * The enforcement statistics of a jurisdiction for a period, one row per child jurisdiction with the totals: a city
 * gets a row per district, a province a row per city (the sum of its districts), a district its own row. Each
 * district is counted from its own lists on the index (seven queries, no Scan) and the sums go up the tree, so a
 * city's row is exactly the sum of its districts' and the totals the sum of the rows.
 */
export interface StatisticsRow extends EnforcementFigures {
  readonly jurisdiction: string;
  readonly name: string;
}

export interface StatisticsTable {
  readonly jurisdiction: string;
  readonly name: string;
  readonly period: string;
  readonly kind: Period['kind'];
  readonly from: string;
  readonly to: string;
  readonly rows: readonly StatisticsRow[];
  readonly totals: EnforcementFigures;
  readonly asOf: string;
}

/** One district's records of the period, counted. */
export async function districtFigures(db: Db, path: string, period: Period): Promise<EnforcementFigures> {
  const prefix = period.period;
  const [inspections, violations, hazards, penalties, cases, blacklist, reviewDays] = await Promise.all([
    queryAll<{ status: string; doneOn?: string }>(db, {
      index: 'GSI1',
      partition: datedKeys(INSPECTION_KIND).provincePartition(path),
      beginsWith: `${path}/#${prefix}`,
    }),
    queryAll<{ category: string; date: string }>(db, {
      index: 'GSI1',
      partition: datedKeys(VIOLATION_KIND).provincePartition(path),
      beginsWith: `${path}/#${prefix}`,
    }),
    queryAll<HazardItem>(db, { index: 'GSI1', partition: gsi1.hazardsOfProvince(path), beginsWith: `${path}/#` }),
    queryAll<{ status: string; effectiveOn?: string; kind: PenaltyKind; amountYuan?: number }>(db, {
      index: 'GSI1',
      partition: gsi1.penaltiesOfProvince(path),
      beginsWith: `${path}/#`,
    }),
    queryAll<{ openedOn?: string; openedAt?: string }>(db, {
      index: 'GSI1',
      partition: gsi1.casesOfProvince(path),
      beginsWith: `${path}/#`,
    }),
    queryAll<{ listedOn?: string }>(db, {
      index: 'GSI1',
      partition: gsi1.blacklistOfProvince(path),
      beginsWith: `${path}/#`,
    }),
    queryAll<{ date: string; verdicts: { anomaly: number } }>(db, {
      partition: pk.jurisdiction(path),
      between: [sk.powerReport(period.from), `${sk.powerReport(period.to)}~`],
    }),
  ]);
  return countEnforcement({ inspections, violations, hazards, penalties, cases, blacklist, reviewDays }, period);
}

/** The child of `path` a jurisdiction below it belongs to (`hlj/hegang`, `hlj/hegang/dongshan/x` → …/dongshan). */
const childOf = (path: string, below: string): string =>
  below === path ? path : `${path}/${below.slice(path.length + 1).split('/')[0]}`;

/** Names of jurisdictions as their bureaus set them, else the path's last part. */
async function namesOf(db: Db, paths: readonly string[]): Promise<Map<string, string>> {
  const named = await batchGet<{ PK: string; name?: string }>(
    db,
    paths.map((p) => ({ PK: pk.jurisdiction(p), SK: sk.jurisdictionName })),
  );
  const byPk = new Map(named.map((n) => [n.PK, n.name]));
  return new Map(paths.map((p) => [p, byPk.get(pk.jurisdiction(p)) ?? p.split('/').at(-1)!]));
}

/** The jurisdiction a bureau asks about: its own by default; one outside its own is 404, as if it did not exist. */
export function requestedJurisdiction(store: TenantStore, requested: string | undefined): string {
  const scope = store.bureauScope();
  const path = requested ?? scope;
  if (!jurisdictionCovers(scope, path)) throw new NotFoundError(`辖区 ${path} 不存在或不在本局辖区内`);
  return path;
}

/** The table for a jurisdiction the caller may read (its own or below it). */
export async function statisticsTable(db: Db, path: string, period: Period): Promise<StatisticsTable> {
  const districts = await jurisdictionsWithMines(db, path);
  const figures = new Map<string, EnforcementFigures>();
  // A few districts at a time: a province has dozens, each seven queries.
  for (let i = 0; i < districts.length; i += 8) {
    const slice = districts.slice(i, i + 8);
    const counted = await Promise.all(slice.map((d) => districtFigures(db, d, period)));
    for (const [j, d] of slice.entries()) figures.set(d, counted[j]!);
  }
  const children = [...new Set(districts.map((d) => childOf(path, d)))].sort();
  const names = await namesOf(db, [path, ...children]);
  const rows: StatisticsRow[] = children.map((child) => ({
    jurisdiction: child,
    name: names.get(child)!,
    ...sumFigures(districts.filter((d) => childOf(path, d) === child).map((d) => figures.get(d)!)),
  }));
  return {
    jurisdiction: path,
    name: names.get(path)!,
    period: period.period,
    kind: period.kind,
    from: period.from,
    to: period.to,
    rows,
    totals: sumFigures(rows),
    asOf: todayInShanghai(db.now()),
  };
}

/** `GET /v1/reports/statistics`: 404 outside the caller's jurisdiction, 400 for a period that is none. */
export async function getStatistics(
  store: TenantStore,
  query: { jurisdiction?: string | undefined; period?: string | undefined },
): Promise<StatisticsTable> {
  const path = requestedJurisdiction(store, query.jurisdiction);
  const period = parsePeriod(query.period ?? todayInShanghai(store.now()).slice(0, 7));
  return statisticsTable(store.shared, path, period);
}
