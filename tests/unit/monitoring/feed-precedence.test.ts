import { describe, expect, it } from 'vitest';
import { decideFeed, type FeedState, MAX_REVISIONS } from '#lib/monitoring/feed-precedence.ts';
import type { FeedProvenance, FeedSource, PersonnelDay } from '#lib/monitoring/vocabulary.ts';

// The precedence of the two sources of a feed as one table: what a report from one source does to what is stored.
const day = (peak: number): PersonnelDay => ({ shifts: { night: 0, morning: peak, afternoon: 1 }, peak });
const prov = (source: FeedSource, at = '2026-11-02T01:00:00.000Z'): FeedProvenance => ({
  source,
  byId: `${source}-user`,
  by: source === 'mine' ? '矿方' : '监管（批量导入）',
  at,
  ...(source === 'platform' ? { importId: 'imp-1' } : {}),
});
const state = (source: FeedSource | undefined, peak: number, declared?: number): FeedState<PersonnelDay> => ({
  ...(source ? { inForce: { ...day(peak), provenance: prov(source, '2026-11-01T01:00:00.000Z') } } : {}),
  ...(declared !== undefined ? { declared: { ...day(declared), byId: 'mine-user', by: '矿方', at: 'earlier' } } : {}),
});

describe('monitoring feed precedence', () => {
  const cases: {
    name: string;
    before: FeedState<PersonnelDay>;
    source: FeedSource;
    peak: number;
    kind: string;
    inForce?: { source: FeedSource; peak: number };
    declared?: number;
    revisions?: number;
  }[] = [
    {
      name: 'nothing stored: the mine is in force',
      before: state(undefined, 0),
      source: 'mine',
      peak: 40,
      kind: 'created',
      inForce: { source: 'mine', peak: 40 },
      revisions: 0,
    },
    {
      name: 'nothing stored: the platform is in force',
      before: state(undefined, 0),
      source: 'platform',
      peak: 40,
      kind: 'created',
      inForce: { source: 'platform', peak: 40 },
      revisions: 0,
    },
    { name: 'the mine again, same values', before: state('mine', 40), source: 'mine', peak: 40, kind: 'unchanged' },
    {
      name: 'the mine again, other values: a revision',
      before: state('mine', 40),
      source: 'mine',
      peak: 12,
      kind: 'revised',
      inForce: { source: 'mine', peak: 12 },
      revisions: 1,
    },
    {
      name: 'the mine under the platform: kept as declaration',
      before: state('platform', 40),
      source: 'mine',
      peak: 12,
      kind: 'declared',
      inForce: { source: 'platform', peak: 40 },
      declared: 12,
      revisions: 0,
    },
    {
      name: 'the mine under the platform, same declaration again',
      before: state('platform', 40, 12),
      source: 'mine',
      peak: 12,
      kind: 'unchanged',
    },
    {
      name: 'the mine changes its declaration: the old one in the history',
      before: state('platform', 40, 12),
      source: 'mine',
      peak: 15,
      kind: 'declared',
      inForce: { source: 'platform', peak: 40 },
      declared: 15,
      revisions: 1,
    },
    {
      name: 'the platform over the mine: in force, the mine kept as declaration',
      before: state('mine', 12),
      source: 'platform',
      peak: 40,
      kind: 'superseded',
      inForce: { source: 'platform', peak: 40 },
      declared: 12,
      revisions: 0,
    },
    {
      name: 'the platform again, same values (a chunk delivered twice)',
      before: state('platform', 40),
      source: 'platform',
      peak: 40,
      kind: 'unchanged',
    },
    {
      name: 'the platform corrects itself',
      before: state('platform', 40, 12),
      source: 'platform',
      peak: 41,
      kind: 'revised',
      inForce: { source: 'platform', peak: 41 },
      declared: 12,
      revisions: 1,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideFeed('personnel', c.before, day(c.peak), prov(c.source), false, '2026-11-01');
      expect(d.kind).toBe(c.kind);
      if (!c.inForce) return expect(d.next).toBeUndefined();
      expect(d.next?.inForce.provenance.source).toBe(c.inForce.source);
      expect(d.next?.inForce.peak).toBe(c.inForce.peak);
      expect(d.next?.declared?.peak).toBe(c.declared);
      expect(d.next?.revisions?.length ?? 0).toBe(c.revisions);
    });
  }

  it('a mine revising a reviewed day is marked afterReview, with who and when the old value came from', () => {
    const d = decideFeed('personnel', state('mine', 40), day(12), prov('mine'), true, '2026-11-01');
    expect(d.afterReview).toBe(true);
    expect(d.next?.revisions).toEqual([
      expect.objectContaining({ previous: day(40), previousAt: '2026-11-01T01:00:00.000Z', afterReview: true }),
    ]);
  });

  it('a revision before the review is not marked', () => {
    const d = decideFeed('personnel', state('mine', 40), day(12), prov('mine'), false, '2026-11-01');
    expect(d.afterReview).toBe(false);
    expect(d.next?.revisions?.[0]?.afterReview).toBe(false);
  });

  it(`keeps at most ${MAX_REVISIONS} revisions, newest last`, () => {
    let s: FeedState<PersonnelDay> = state('mine', 0);
    for (let peak = 1; peak <= MAX_REVISIONS + 3; peak++)
      s = decideFeed('personnel', s, day(peak), prov('mine'), false, 'd').next!;
    expect(s.revisions).toHaveLength(MAX_REVISIONS);
    expect(s.revisions?.at(-1)?.previous.peak).toBe(MAX_REVISIONS + 2);
  });

  it('a change after review is never pushed out of the history by a run of later changes', () => {
    let s: FeedState<PersonnelDay> = state('mine', 0);
    s = decideFeed('personnel', s, day(1), prov('mine'), true, 'd').next!;
    for (let peak = 2; peak <= MAX_REVISIONS + 10; peak++)
      s = decideFeed('personnel', s, day(peak), prov('mine'), false, 'd').next!;
    expect(s.revisions).toHaveLength(MAX_REVISIONS);
    expect(s.revisions?.[0]).toMatchObject({ afterReview: true, previous: { peak: 0 } });
    expect(s.revisions?.at(-1)?.previous.peak).toBe(MAX_REVISIONS + 9);
  });

  it('gas: the same events in the same order are unchanged, a changed powerCut is a revision', () => {
    const ev = {
      sensorId: 'T1',
      location: '1201 回风巷',
      peakPercent: 1.2,
      startedAt: '03:10',
      minutes: 12,
      powerCut: true,
    };
    const before = { inForce: { events: [ev], outages: [], provenance: prov('mine') } };
    expect(decideFeed('gas', before, { events: [ev], outages: [] }, prov('mine'), false, 'd').kind).toBe('unchanged');
    expect(
      decideFeed('gas', before, { events: [{ ...ev, powerCut: false }], outages: [] }, prov('mine'), false, 'd').kind,
    ).toBe('revised');
  });
});
