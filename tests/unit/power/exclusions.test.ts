// The days a review may not learn from: flagged days and the spans of investigation cases, as the review of one day
// sees them. Table-driven over the case states, and a property: nothing dated on the reviewed day or later (a later
// flag, a later case, a later decision) changes what the review of that day leaves out, so a re-run reproduces it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExclusionSpan, excludedDaysFor, type FlaggedDays } from '#lib/power/engine/exclusions.ts';
import { addDays } from '#lib/validators/business-date.ts';

const D = '2026-11-28';
const FROM = addDays(D, -28);
const day = (n: number) => addDays(D, n);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => day(a + i));
const flags = (entries: [number, string[]][]): FlaggedDays => new Map(entries.map(([n, rules]) => [day(n), rules]));
const NIGHT = 'NIGHT_PRODUCTION';
const OVER = 'SUSPENDED_OVER_MAINTENANCE';

describe('flagged days', () => {
  it.each<[string, FlaggedDays, string[]]>([
    ['none', flags([]), []],
    ['a flagged day before the reviewed one is left out', flags([[-3, [NIGHT]]]), [day(-3)]],
    ['the day before, too', flags([[-1, [NIGHT]]]), [day(-1)]],
    ['the reviewed day’s own flag never excuses it', flags([[0, [NIGHT]]]), []],
    ['a later day’s flag is not this review’s business', flags([[1, [NIGHT]]]), []],
    ['the first day of the window counts', flags([[-28, [OVER]]]), [day(-28)]],
    ['a day before the window is none of its business', flags([[-29, [OVER]]]), []],
  ])('%s', (_name, flagged, want) => {
    expect(excludedDaysFor(D, FROM, flagged, [])).toEqual(want);
  });
});

describe('investigation cases', () => {
  const open: ExclusionSpan = { rule: NIGHT, from: day(-5) };
  it.each<[string, ExclusionSpan, string[]]>([
    ['open: from its first finding to the day before, flagged or not', open, range(-5, -1)],
    ['opened on the reviewed day: nothing yet', { rule: NIGHT, from: D }, []],
    ['opened later: nothing', { rule: NIGHT, from: day(2) }, []],
    ['opened before the window: from the window’s first day', { rule: NIGHT, from: day(-40) }, range(-28, -1)],
    [
      'dismissed on the reviewed day: still pending for this review',
      { ...open, outcome: 'dismissed', on: D },
      range(-5, -1),
    ],
    ['dismissed after it: still pending for this review', { ...open, outcome: 'dismissed', on: day(3) }, range(-5, -1)],
    ['dismissed the day before: unfounded, its days count again', { ...open, outcome: 'dismissed', on: day(-1) }, []],
    ['confirmed the day before: its days stay out', { ...open, outcome: 'confirmed', on: day(-1) }, range(-5, -1)],
    [
      'confirmed earlier: through its confirmation day, not after',
      { ...open, outcome: 'confirmed', on: day(-3) },
      range(-5, -3),
    ],
    ['confirmed on the reviewed day: pending for this review', { ...open, outcome: 'confirmed', on: D }, range(-5, -1)],
  ])('%s', (_name, span, want) => {
    expect(excludedDaysFor(D, FROM, new Map(), [span])).toEqual(want);
  });

  it('a dismissed case clears the flags of its rule inside its span, not others', () => {
    const dismissed: ExclusionSpan = { rule: NIGHT, from: day(-5), outcome: 'dismissed', on: day(-2) };
    const flagged = flags([
      [-5, [NIGHT]], // its own: cleared
      [-4, [NIGHT, OVER]], // also another rule: stays out
      [-2, [NIGHT]], // its last day: cleared
      [-6, [NIGHT]], // before its span (evidence of an earlier day): stays out
      [-1, [NIGHT]], // after its decision: a new finding, stays out
    ]);
    expect(excludedDaysFor(D, FROM, flagged, [dismissed])).toEqual([day(-6), day(-4), day(-1)]);
    const overDismissed: ExclusionSpan = { ...dismissed, rule: OVER };
    expect(excludedDaysFor(D, FROM, flagged, [dismissed, overDismissed])).toEqual([day(-6), day(-1)]);
  });

  it('an open case of one rule keeps a day out that a dismissed case of another would clear', () => {
    const flagged = flags([[-3, [NIGHT]]]);
    const spans: ExclusionSpan[] = [
      { rule: NIGHT, from: day(-3), outcome: 'dismissed', on: day(-2) },
      { rule: OVER, from: day(-4) },
    ];
    expect(excludedDaysFor(D, FROM, flagged, spans)).toEqual(range(-4, -1));
  });
});

describe('reproducible: nothing dated on the reviewed day or later changes its exclusions', () => {
  const RULES = [NIGHT, OVER, 'HOIST_SHARE'];
  const offset = fc.integer({ min: -40, max: 20 });
  const flagArb = fc.tuple(offset, fc.subarray(RULES, { minLength: 1 }));
  const spanArb = fc
    .record({
      rule: fc.constantFrom(...RULES),
      from: offset,
      decision: fc.option(fc.tuple(fc.constantFrom('confirmed' as const, 'dismissed' as const), fc.nat(30))),
    })
    .map(
      ({ rule, from, decision }): ExclusionSpan => ({
        rule,
        from: day(from),
        ...(decision ? { outcome: decision[0], on: day(from + decision[1]) } : {}),
      }),
    );

  it('later flags, later cases and later decisions leave the result as it was', () => {
    fc.assert(
      fc.property(fc.array(flagArb, { maxLength: 20 }), fc.array(spanArb, { maxLength: 6 }), (flagList, spans) => {
        // What was known when the day was first reviewed: flags of earlier days, cases opened before it, and only
        // the decisions taken before it.
        const earlierFlags = new Map(flagList.filter(([n]) => n < 0).map(([n, rules]) => [day(n), rules]));
        const asKnownThen = spans
          .filter((s) => s.from < D)
          .map((s) => (s.on !== undefined && s.on >= D ? { rule: s.rule, from: s.from } : s));
        const then = excludedDaysFor(D, FROM, earlierFlags, asKnownThen);
        const now = excludedDaysFor(D, FROM, new Map(flagList.map(([n, rules]) => [day(n), rules])), spans);
        expect(now).toEqual(then);
        expect(now.every((d) => d >= FROM && d < D)).toBe(true);
      }),
    );
  });
});
