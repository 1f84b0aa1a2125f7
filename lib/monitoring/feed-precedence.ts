import { stableJson } from '#lib/store/stable-json.ts';
import {
  FEED_LABELS,
  type FeedKind,
  type FeedProvenance,
  type FeedSource,
  type GasDay,
  type PersonnelDay,
} from './vocabulary.ts';

/**
 * What one report does to one feed of one mine-day, as a pure function of what the item holds and the report, so
 * every case reads (and is tested) in one place. The mine is the party the evidence may go against, so the
 * platform's copy (the networked supervision platform's file, imported by a bureau user) ranks above the mine's own:
 * - nothing yet: the report is in force (`created`);
 * - the same values again from the same source: nothing changes (`unchanged`; a retried call or a chunk delivered
 *   twice leaves no history);
 * - the mine under the platform: the platform's value stays; the mine's is kept beside it as its declaration
 *   (`declared`); a changed declaration keeps the one before in the history, marked `declaration`;
 * - the platform over the mine: the platform's value is in force, the mine's becomes its declaration (`superseded`);
 * - the same source with other values (`revised`): the new value is in force, the old one kept in the history with
 *   who and when it came from. A change of a day already reviewed is marked `afterReview`, so the review can make a
 *   finding of it (as REVISED_AFTER_REVIEW does for electricity).
 * The history is bounded: the newest MAX_REVISIONS changes, newest last, never dropping one after review.
 */
export type FeedValue<K extends FeedKind> = K extends 'personnel' ? PersonnelDay : GasDay;

export type StoredFeed<V> = V & { readonly provenance: FeedProvenance };
/** The mine's own value beside a platform value in force: who declared it and when. */
export type FeedDeclaration<V> = V & { readonly byId: string; readonly by: string; readonly at: string };
export interface FeedRevision<V> {
  readonly previous: V;
  readonly previousBy: string;
  readonly previousAt: string;
  readonly byId: string;
  readonly by: string;
  readonly at: string;
  /** The day's review had already run: the review reports the change. */
  readonly afterReview: boolean;
  /** The change was of the mine's declaration beside a platform value, not of the value in force. */
  readonly declaration?: true;
}

/** One feed's state on the mine-day item. */
export interface FeedState<V> {
  readonly inForce?: StoredFeed<V> | undefined;
  readonly declared?: FeedDeclaration<V> | undefined;
  readonly revisions?: readonly FeedRevision<V>[] | undefined;
}

export type FeedOutcome = 'created' | 'unchanged' | 'revised' | 'declared' | 'superseded';

export interface FeedDecision<V> {
  readonly kind: FeedOutcome;
  /** The state to write; absent when nothing changes. */
  readonly next?: Required<Pick<FeedState<V>, 'inForce'>> & FeedState<V>;
  /** A sentence for the caller where its report is not what is in force, or replaced something. */
  readonly message?: string;
  /** A revision after the day was reviewed (the audit event says so). */
  readonly afterReview: boolean;
}

export const MAX_REVISIONS = 20;
/** The most changes after review one mine-day keeps (each also has its audit event). */
export const MAX_AFTER_REVIEW = 50;
export const SOURCE_RANK: Record<FeedSource, number> = { mine: 1, platform: 2 };
export const SOURCE_LABELS: Record<FeedSource, string> = { mine: '矿方系统报送', platform: '监管联网平台数据' };

/** The values of a stored feed without its provenance or declaration fields. */
export function valuesOf<K extends FeedKind>(kind: K, v: FeedValue<K>): FeedValue<K> {
  if (kind === 'personnel') {
    const p = v as PersonnelDay;
    return {
      shifts: { night: p.shifts.night, morning: p.shifts.morning, afternoon: p.shifts.afternoon },
      peak: p.peak,
    } as FeedValue<K>;
  }
  const g = v as GasDay;
  return {
    events: g.events.map((e) => ({
      sensorId: e.sensorId,
      location: e.location,
      peakPercent: e.peakPercent,
      startedAt: e.startedAt,
      minutes: e.minutes,
      powerCut: e.powerCut,
    })),
    outages: g.outages.map((o) => ({ sensorId: o.sensorId, location: o.location, hoursOffline: o.hoursOffline })),
  } satisfies GasDay as unknown as FeedValue<K>;
}

export const sameFeed = <K extends FeedKind>(kind: K, a: FeedValue<K>, b: FeedValue<K>): boolean =>
  stableJson(valuesOf(kind, a)) === stableJson(valuesOf(kind, b));

/**
 * The newest MAX_REVISIONS changes, but a change after the day's review is never pushed out by later ones (up to
 * MAX_AFTER_REVIEW of them): a mine must not be able to bury the change the review reports under a run of others.
 */
const bounded = <T extends { readonly afterReview: boolean }>(list: readonly T[]): T[] => {
  const flagged = list.filter((r) => r.afterReview).slice(-MAX_AFTER_REVIEW);
  const others = list.filter((r) => !r.afterReview).slice(-Math.max(0, MAX_REVISIONS - flagged.length));
  const keep = new Set<T>([...flagged, ...others]);
  return list.filter((r) => keep.has(r));
};

export function decideFeed<K extends FeedKind>(
  kind: K,
  before: FeedState<FeedValue<K>>,
  value: FeedValue<K>,
  provenance: FeedProvenance,
  afterReview: boolean,
  date: string,
): FeedDecision<FeedValue<K>> {
  type V = FeedValue<K>;
  const v = valuesOf(kind, value);
  const incoming: StoredFeed<V> = { ...v, provenance } as StoredFeed<V>;
  const where = `${date} 的${FEED_LABELS[kind]}`;
  const current = before.inForce;
  const revisions = before.revisions ?? [];
  if (!current) return { kind: 'created', next: { ...before, inForce: incoming }, afterReview: false };

  const from = current.provenance.source;
  const to = provenance.source;
  const change = (previous: V, previousBy: string, previousAt: string, declaration?: true): FeedRevision<V> => ({
    previous: valuesOf(kind, previous),
    previousBy,
    previousAt,
    byId: provenance.byId,
    by: provenance.by,
    at: provenance.at,
    afterReview,
    ...(declaration ? { declaration } : {}),
  });

  // The mine under the platform: the platform's value stays, the mine's is its declaration.
  if (SOURCE_RANK[to] < SOURCE_RANK[from]) {
    const prior = before.declared;
    if (prior && sameFeed(kind, prior, v)) return { kind: 'unchanged', afterReview: false };
    const declared = { ...v, byId: provenance.byId, by: provenance.by, at: provenance.at } as FeedDeclaration<V>;
    return {
      kind: 'declared',
      next: {
        inForce: current,
        declared,
        revisions: prior ? bounded([...revisions, change(prior, prior.by, prior.at, true)]) : revisions,
      },
      message: `${where}以${SOURCE_LABELS[from]}为准；本次报送已记录为矿方申报值，不替代在用数据。`,
      afterReview: Boolean(prior) && afterReview,
    };
  }

  // The platform over the mine: the platform's value in force, the mine's kept as its declaration.
  if (SOURCE_RANK[to] > SOURCE_RANK[from]) {
    const declared = {
      ...valuesOf(kind, current),
      byId: current.provenance.byId,
      by: current.provenance.by,
      at: current.provenance.at,
    } as FeedDeclaration<V>;
    return {
      kind: 'superseded',
      next: { inForce: incoming, declared, revisions },
      message: `${where}的${SOURCE_LABELS[from]}已由${SOURCE_LABELS[to]}取代，矿方报送值保留为申报值。`,
      afterReview: false,
    };
  }

  // The same source again.
  if (sameFeed(kind, current, v)) return { kind: 'unchanged', afterReview: false };
  return {
    kind: 'revised',
    next: {
      inForce: incoming,
      declared: before.declared,
      revisions: bounded([...revisions, change(current, current.provenance.by, current.provenance.at)]),
    },
    ...(afterReview ? { message: `${where}在审查后被修改，修改已记录并将作为审查发现。` } : {}),
    afterReview,
  };
}
