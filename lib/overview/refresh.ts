import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import type { PowerReport } from '#lib/power/power-report.ts';
import { batchDelete, batchGet, batchPut } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { stableJson } from '#lib/store/stable-json.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { deadlinesByMine } from './deadlines.ts';
import { mineFigures, type Series, sumFigures, sumSeries, withToday } from './figures.ts';
import { levelOf, type OverviewRow, type OverviewSelf, overviewKeys, rowItem, selfItem } from './overview-item.ts';
import { type Figures, SERIES_DAYS } from './vocabulary.ts';

/**
 * The overview's refresh (job overview-refresh): every district with mines is recomputed from its jurisdiction lists
 * (mines, credit, pending cases, open hazards, penalties, last night's report), one row per mine; then each city is
 * the sum of its districts and each province of its cities. Nothing is counted up or down as records change, so
 * nothing drifts: a figure is always what the lists say at the last refresh (`asOf`). Items whose content did not
 * change are not written again.
 */
export interface RefreshResult {
  readonly date: string;
  readonly districts: number;
  readonly jurisdictions: number;
  readonly mines: number;
  readonly written: number;
  readonly deleted: number;
}

type Stored = Record<string, unknown> & { PK: string; SK: string };
const PENDING_CASES = ['open', 'investigating'];
const OPEN_HAZARDS = ['reported', 'rectifying', 'submitted'];
/** Districts recomputed at once: each reads its lists in parallel. */
const CONCURRENCY = 4;

const parentOf = (path: string): string | undefined =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;

/** The jurisdictions above a path, top first. */
const ancestorsOf = (path: string): string[] => {
  const out: string[] = [];
  for (let p = parentOf(path); p; p = parentOf(p)) out.unshift(p);
  return out;
};

interface MineInList {
  mineId: string;
  name: string;
  status: string;
}

/** Reads a district's lists and works out one row per mine registered directly in it. */
async function mineRows(
  db: Db,
  path: string,
  date: string,
  due: Map<string, number>,
  old: Map<string, Stored>,
  history: History,
) {
  const own = `${path}/#`;
  // Only the attributes the figures are counted from: a refresh every few minutes reads every district's lists, and
  // a classification or a hazard carries far more than its tier or its deadline.
  const list = <T>(partition: string, beginsWith: string, attributes: readonly (keyof T & string)[]) =>
    queryAll<T>(db, { index: 'GSI1', partition, beginsWith, attributes });
  const [mines, credit, cases, hazards, penalties, report] = await Promise.all([
    list<MineInList>(gsi1.minesOfProvince(path), own, ['mineId', 'name', 'status']),
    list<{ mineId: string; tier: string }>(gsi1.creditOfProvince(path), own, ['mineId', 'tier']),
    Promise.all(
      PENDING_CASES.map((s) =>
        list<{ mineId: string; deadline: string }>(gsi1.casesOfProvince(path), `${own}${s}#`, ['mineId', 'deadline']),
      ),
    ),
    Promise.all(
      OPEN_HAZARDS.map((s) =>
        list<{ mineId: string; level: string; deadline: string }>(gsi1.hazardsOfProvince(path), `${own}${s}#`, [
          'mineId',
          'level',
          'deadline',
        ]),
      ),
    ),
    list<{ mineId: string; status: string; kind: string; effectiveOn?: string; amountYuan?: number }>(
      gsi1.penaltiesOfProvince(path),
      own,
      ['mineId', 'status', 'kind', 'effectiveOn', 'amountYuan'],
    ),
    getItem<PowerReport>(db, { PK: pk.jurisdiction(path), SK: sk.powerReport(addDays(date, -1)) }),
  ]);
  const byMine = <T extends { mineId: string }>(items: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const i of items) m.set(i.mineId, [...(m.get(i.mineId) ?? []), i]);
    return m;
  };
  const tier = new Map(credit.map((c) => [c.mineId, c.tier]));
  const pendingCases = byMine(cases.flat());
  const openHazards = byMine(hazards.flat());
  const penaltiesOf = byMine(penalties);
  const flagged = new Set(report?.anomalies.map((a) => a.mineId) ?? []);
  const noData = new Set(report?.noData.map((n) => n.mineId) ?? []);
  return mines.map((m): OverviewRow => {
    const figures = mineFigures(
      {
        status: m.status,
        ...(tier.has(m.mineId) ? { tier: tier.get(m.mineId)! } : {}),
        pendingCases: pendingCases.get(m.mineId) ?? [],
        openHazards: openHazards.get(m.mineId) ?? [],
        penalties: penaltiesOf.get(m.mineId) ?? [],
        ...(report ? { review: { noData: noData.has(m.mineId), flagged: flagged.has(m.mineId) } } : {}),
        deadlines: due.get(m.mineId) ?? 0,
      },
      date,
    );
    const before = old.get(overviewKeys.mineRow(m.mineId)) as (OverviewRow & Stored) | undefined;
    const start =
      before?.series ??
      seriesOf(history, (h) => ({
        reviewed: 1,
        anomalies: h.flagged.has(m.mineId) && !h.noData.has(m.mineId) ? 1 : 0,
      }));
    return { kind: 'mine', key: m.mineId, name: m.name, figures, series: withToday(start, date, figures) };
  });
}

/**
 * The days before a district's first refresh, from its stored daily reports (the last SERIES_DAYS days): each
 * report of day D is the series' point of D + 1, as a refresh on D + 1 counts last night's review.
 */
async function reportHistory(db: Db, path: string, date: string) {
  const reports = await queryAll<PowerReport>(db, {
    partition: pk.jurisdiction(path),
    between: [sk.powerReport(addDays(date, -SERIES_DAYS)), sk.powerReport(addDays(date, -2))],
  });
  return reports.map((r) => ({
    date: addDays(r.date, 1),
    reviewed: r.mines,
    anomalies: r.verdicts.anomaly,
    flagged: new Set(r.anomalies.map((a) => a.mineId)),
    noData: new Set(r.noData.map((n) => n.mineId)),
  }));
}
type History = Awaited<ReturnType<typeof reportHistory>>;

const seriesOf = (
  history: History,
  point: (h: History[number]) => { reviewed: number; anomalies: number },
): Series => ({
  dates: history.map((h) => h.date),
  reviewed: history.map((h) => point(h).reviewed),
  anomalies: history.map((h) => point(h).anomalies),
  casesOpen: history.map(() => null),
});

async function writeChanges(db: Db, items: readonly Stored[], old: Map<string, Stored>) {
  const changed = items.filter((i) => {
    const before = old.get(i.SK);
    return !before || stableJson(before) !== stableJson(i);
  });
  const keep = new Set(items.map((i) => i.SK));
  const stale = [...old.values()].filter((o) => !keep.has(o.SK));
  await batchPut(db, changed);
  await batchDelete(db, stale);
  return { written: changed.length, deleted: stale.length };
}

const oldItems = async (db: Db, path: string) =>
  new Map((await queryAll<Stored>(db, { partition: overviewKeys.partition(path) })).map((i) => [i.SK, i] as const));

async function mapLimit<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

export interface RefreshOptions {
  /**
   * Begin every series again from the stored daily reports, as for a jurisdiction seen for the first time: after
   * reviews of past days were run later than the refresh that began the series (the local demo's history).
   */
  readonly rebuildSeries?: boolean;
}

/** Recomputes every district with mines, then rolls up to the provinces. */
export async function refreshOverview(db: Db, date: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const districts = await jurisdictionsWithMines(db);
  const nodes = new Set<string>();
  for (const d of districts) for (let p: string | undefined = d; p; p = parentOf(p)) nodes.add(p);
  const paths = [...nodes].sort((a, b) => b.split('/').length - a.split('/').length || a.localeCompare(b));
  const names = new Map(
    (
      await batchGet<{ PK: string; name?: string }>(
        db,
        paths.map((p) => ({ PK: pk.jurisdiction(p), SK: sk.jurisdictionName })),
      )
    ).map((n) => [n.PK.slice('JUR#'.length), n.name] as const),
  );
  const nameOf = (p: string) => names.get(p) ?? p.split('/').at(-1)!;
  const due = await deadlinesByMine(db, districts, date);
  const asOf = db.now().toISOString();
  const selves = new Map<string, OverviewSelf>();
  const totals = { written: 0, deleted: 0, mines: 0 };
  const withMines = new Set(districts);
  // Deepest first, so each jurisdiction finds its children's figures done; a level's jurisdictions in parallel.
  const levels = [...new Set(paths.map((p) => p.split('/').length))];
  for (const depth of levels) {
    await mapLimit(
      paths.filter((p) => p.split('/').length === depth),
      CONCURRENCY,
      async (path) => {
        const old = await oldItems(db, path);
        // The items as stored decide what is written; the series continue from them unless rebuilt.
        const seriesFrom = options.rebuildSeries ? new Map<string, Stored>() : old;
        const before = seriesFrom.get(overviewKeys.self) as (OverviewSelf & Stored) | undefined;
        // Seen for the first time: its series begins with the reports already stored.
        const history = !before && withMines.has(path) ? await reportHistory(db, path, date) : [];
        const mines = withMines.has(path) ? await mineRows(db, path, date, due, seriesFrom, history) : [];
        const children = [...selves.values()]
          .filter((s) => parentOf(s.path) === path)
          .sort((a, b) => a.path.localeCompare(b.path))
          .map(
            (s): OverviewRow => ({
              kind: 'jurisdiction',
              key: s.path,
              name: s.name,
              figures: s.figures,
              series: s.series,
            }),
          );
        const rows = [...children, ...mines];
        const figures: Figures = sumFigures(rows.map((r) => r.figures));
        const start =
          before?.series ??
          (withMines.has(path) && children.length === 0
            ? seriesOf(history, (h) => h)
            : sumSeries(rows.map((r) => r.series)));
        const self: OverviewSelf = {
          path,
          name: nameOf(path),
          level: levelOf(path),
          parents: ancestorsOf(path).map((p) => ({ path: p, name: nameOf(p) })),
          figures,
          series: withToday(start, date, figures),
          date,
          reviewDate: addDays(date, -1),
          asOf,
        };
        selves.set(path, self);
        const result = await writeChanges(db, [selfItem(self), ...rows.map((r) => rowItem(path, r))], old);
        totals.written += result.written;
        totals.deleted += result.deleted;
        totals.mines += mines.length;
      },
    );
  }
  return { date, districts: districts.length, jurisdictions: paths.length, ...totals };
}
