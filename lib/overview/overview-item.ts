import type { Series } from './figures.ts';
import type { Figures } from './vocabulary.ts';

/**
 * Where a jurisdiction's overview lives: one partition per jurisdiction, so ONE Query answers the whole page.
 *
 * | access pattern                         | table | key condition                                           |
 * |----------------------------------------|-------|---------------------------------------------------------|
 * | a jurisdiction's overview, whole       | table | PK = OVERVIEW#<path> (SELF, then one row per child)      |
 * | its own figures and 90-day series      | table | PK = OVERVIEW#<path>, SK = SELF                          |
 * | a child jurisdiction's row             | table | PK = OVERVIEW#<path>, SK = JUR#<childPath>               |
 * | a mine's row (children of a district)  | table | PK = OVERVIEW#<path>, SK = MINE#<mineId>                 |
 *
 * Every item is derived: the refresh (./refresh.ts) recomputes it from the jurisdiction lists and writes it again.
 */
export const overviewKeys = {
  partition: (path: string) => `OVERVIEW#${path}`,
  self: 'SELF',
  jurisdictionRow: (childPath: string) => `JUR#${childPath}`,
  mineRow: (mineId: string) => `MINE#${mineId}`,
} as const;

export type OverviewLevel = 'province' | 'city' | 'district';
export const levelOf = (path: string): OverviewLevel =>
  (['province', 'city', 'district'] as const)[Math.min(path.split('/').length, 3) - 1]!;

/** A jurisdiction's own figures (SK SELF). */
export interface OverviewSelf {
  readonly path: string;
  readonly name: string;
  readonly level: OverviewLevel;
  /** The jurisdictions above it, top first, with their names (the page's breadcrumb). */
  readonly parents: readonly { readonly path: string; readonly name: string }[];
  readonly figures: Figures;
  readonly series: Series;
  /** The business date the figures are of, and the date of the review they count (the night before). */
  readonly date: string;
  readonly reviewDate: string;
  /** When the refresh computed them: the figures are at most one refresh period older than the page. */
  readonly asOf: string;
}

/** One child of a jurisdiction: a jurisdiction below it, or (for a district) one of its mines. */
export interface OverviewRow {
  readonly kind: 'jurisdiction' | 'mine';
  /** The child's path, or the mine's id. */
  readonly key: string;
  readonly name: string;
  readonly figures: Figures;
  readonly series: Series;
}

export const selfItem = (s: OverviewSelf) => ({
  PK: overviewKeys.partition(s.path),
  SK: overviewKeys.self,
  entity: 'overview',
  ...s,
});

export const rowItem = (path: string, r: OverviewRow) => ({
  PK: overviewKeys.partition(path),
  SK: r.kind === 'mine' ? overviewKeys.mineRow(r.key) : overviewKeys.jurisdictionRow(r.key),
  entity: 'overviewRow',
  ...r,
});
