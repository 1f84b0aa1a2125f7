// Guarded settings: each direction's "as tight or tighter" on both sides of the bound (equal allowed), the tightest
// value within both (what a child's stored value is read as), the bounds walked down from the product through the
// ancestors that set their own, the 422 naming each looser field with the bound and where it comes from, and the
// settings a change touches. The declarations the product makes are held to the directions the issue names.
import { describe, expect, it } from 'vitest';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import { RuleError } from '#lib/errors.ts';
import { problemFromDomainError } from '#lib/http/problem.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import {
  assertWithinBounds,
  boundsFrom,
  clampToBounds,
  type GuardedSetting,
  guardedChanges,
  higherIsTighter,
  lowerIsTighter,
  lowerIsTighterZeroOff,
  onIsTighter,
  supersetIsTighter,
  type Tightness,
} from '#lib/policies/guarded.ts';

describe('each direction: within the bound (as tight or tighter), and the tightest value within both', () => {
  // [direction, value, bound, within, meet(value, bound)]
  type Row = [string, Tightness<any>, unknown, unknown, boolean, unknown];
  const rows: Row[] = [
    ['lower is tighter: below', lowerIsTighter, 40_000, 50_000, true, 40_000],
    ['lower is tighter: equal', lowerIsTighter, 50_000, 50_000, true, 50_000],
    ['lower is tighter: a cent above', lowerIsTighter, 50_000.01, 50_000, false, 50_000],
    ['lower is tighter: far above', lowerIsTighter, 100_000_000, 50_000, false, 50_000],
    ['lower is tighter: zero', lowerIsTighter, 0, 50_000, true, 0],
    ['higher is tighter: above', higherIsTighter, 91, 90, true, 91],
    ['higher is tighter: equal', higherIsTighter, 90, 90, true, 90],
    ['higher is tighter: below', higherIsTighter, 89, 90, false, 90],
    ['zero-off: lower count', lowerIsTighterZeroOff, 1, 2, true, 1],
    ['zero-off: equal count', lowerIsTighterZeroOff, 2, 2, true, 2],
    ['zero-off: higher count', lowerIsTighterZeroOff, 3, 2, false, 2],
    ['zero-off: switched off under a rule that is on', lowerIsTighterZeroOff, 0, 2, false, 2],
    ['zero-off: off under off', lowerIsTighterZeroOff, 0, 0, true, 0],
    ['zero-off: switched on under off', lowerIsTighterZeroOff, 3, 0, true, 3],
    ['superset: more members', supersetIsTighter, ['a', 'b', 'c'], ['a', 'b'], true, ['a', 'b', 'c']],
    ['superset: the same members', supersetIsTighter, ['b', 'a'], ['a', 'b'], true, ['b', 'a']],
    ['superset: one left out', supersetIsTighter, ['a'], ['a', 'b'], false, ['a', 'b']],
    ['superset: others instead', supersetIsTighter, ['a', 'c'], ['a', 'b'], false, ['a', 'c', 'b']],
    ['superset: none', supersetIsTighter, [], ['a'], false, ['a']],
    ['superset: none under none', supersetIsTighter, [], [], true, []],
    ['on is tighter: on under on', onIsTighter, true, true, true, true],
    ['on is tighter: off under on', onIsTighter, false, true, false, true],
    ['on is tighter: on under off', onIsTighter, true, false, true, true],
    ['on is tighter: off under off', onIsTighter, false, false, true, false],
  ];
  it.each(rows)('%s', (_, tighter, value, bound, within, meet) => {
    expect(tighter.within(value, bound)).toBe(within);
    expect(tighter.meet(value, bound)).toEqual(meet);
    // The meet is within the bound, and as tight as the value.
    expect(tighter.within(tighter.meet(value, bound), bound)).toBe(true);
    expect(tighter.within(tighter.meet(value, bound), value)).toBe(true);
    // A value within its bound is read as itself.
    if (within) expect(tighter.same(tighter.meet(value, bound), value)).toBe(true);
  });
});

const FINE: GuardedSetting = { path: 'fine', label: '罚款标准', tighter: lowerIsTighter, outerBound: 1_000_000 };
const KINDS: GuardedSetting = { path: 'rules.kinds', label: '重大种类', tighter: supersetIsTighter };
const GUARDED = [FINE, KINDS];
const DEFAULTS = { fine: 50_000, rules: { kinds: ['suspension'], days: 30 } };

describe('the bounds on a jurisdiction, walked down from the product', () => {
  it('with no ancestor of its own: the outer bound where declared, else the default', () => {
    expect(boundsFrom(GUARDED, DEFAULTS, [])).toEqual([
      { path: 'fine', value: 1_000_000, from: { definedAt: null, version: 0 } },
      { path: 'rules.kinds', value: ['suspension'], from: { definedAt: null, version: 0 } },
    ]);
  });

  it('each ancestor’s value under the bound above it; the nearest names where it comes from', () => {
    const province = { values: { ...DEFAULTS, fine: 80_000 }, from: { definedAt: 'hlj', version: 2 } };
    // The city stored 90,000 before the province tightened: its bound stays the province's 80,000.
    const city = {
      values: { fine: 90_000, rules: { kinds: ['suspension', 'fine'], days: 30 } },
      from: { definedAt: 'hlj/hegang', version: 1 },
    };
    expect(boundsFrom(GUARDED, DEFAULTS, [province, city])).toEqual([
      { path: 'fine', value: 80_000, from: { definedAt: 'hlj/hegang', version: 1 } },
      { path: 'rules.kinds', value: ['suspension', 'fine'], from: { definedAt: 'hlj/hegang', version: 1 } },
    ]);
  });

  it('reads a stored value looser than its bound as the bound, and leaves the rest alone', () => {
    const bounds = boundsFrom(GUARDED, DEFAULTS, [
      { values: { ...DEFAULTS, fine: 80_000 }, from: { definedAt: 'hlj', version: 1 } },
    ]);
    const stored = { fine: 100_000_000, rules: { kinds: [], days: 7 } };
    expect(clampToBounds(GUARDED, stored, bounds)).toEqual({ fine: 80_000, rules: { kinds: ['suspension'], days: 7 } });
    const tighter = { fine: 10_000, rules: { kinds: ['suspension', 'warning'], days: 7 } };
    expect(clampToBounds(GUARDED, tighter, bounds)).toBe(tighter);
  });
});

describe('a value looser than its bound is a 422 naming the field, the bound and where it comes from', () => {
  const fromProvince = boundsFrom(GUARDED, DEFAULTS, [
    { values: { ...DEFAULTS, fine: 80_000 }, from: { definedAt: 'hlj', version: 3 } },
  ]);
  // [what, fine, kinds, failing fields]
  const rows: [string, number, string[], string[]][] = [
    ['the bound itself', 80_000, ['suspension'], []],
    ['tighter on both', 79_999.99, ['suspension', 'fine'], []],
    ['a cent above the province’s amount', 80_000.01, ['suspension'], ['body.thresholds.fine']],
    ['a kind left out', 80_000, [], ['body.thresholds.rules.kinds']],
    ['both', 100_000_000, ['fine'], ['body.thresholds.fine', 'body.thresholds.rules.kinds']],
  ];
  it.each(rows)('%s', (_, fine, kinds, fields) => {
    const values = { fine, rules: { kinds, days: 30 } };
    if (fields.length === 0) {
      expect(() => assertWithinBounds(GUARDED, values, fromProvince, 'thresholds')).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      assertWithinBounds(GUARDED, values, fromProvince, 'thresholds');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    const e = error as RuleError;
    expect(problemFromDomainError(e).status).toBe(422);
    expect(e.fields.map((f) => f.field)).toEqual(fields);
    if (fields.includes('body.thresholds.fine')) {
      expect(e.message).toContain('罚款标准不得高于 80000（上级辖区 hlj 现行策略（第 3 版））');
      expect(e.fields[0]!.message).toContain(`不能设为 ${fine}`);
    }
  });

  it('at the top, the bound is the product’s', () => {
    const bounds = boundsFrom(GUARDED, DEFAULTS, []);
    expect(() =>
      assertWithinBounds(GUARDED, { fine: 1_000_000, rules: { kinds: ['suspension'] } }, bounds, 't'),
    ).not.toThrow();
    expect(() =>
      assertWithinBounds(GUARDED, { fine: 1_000_001, rules: { kinds: ['suspension'] } }, bounds, 't'),
    ).toThrow(/平台规定的上限/);
  });
});

describe('the guarded settings a change touches', () => {
  it.each<[string, object, string[]]>([
    ['none: another setting only', { ...DEFAULTS, rules: { ...DEFAULTS.rules, days: 7 } }, []],
    ['none: the same kinds in another order', { ...DEFAULTS, rules: { kinds: ['suspension'], days: 30 } }, []],
    ['the amount, even tighter', { ...DEFAULTS, fine: 40_000 }, ['fine']],
    ['the kinds', { ...DEFAULTS, rules: { kinds: ['suspension', 'fine'], days: 30 } }, ['rules.kinds']],
  ])('%s', (_, after, paths) => {
    expect(guardedChanges(GUARDED, DEFAULTS, after).map((c) => c.path)).toEqual(paths);
  });
});

describe('what the product guards, and in which direction', () => {
  const byPath = (guarded: readonly GuardedSetting[]) => Object.fromEntries(guarded.map((g) => [g.path, g]));

  it('the penalty policy: the major-fine amount (lower is tighter, each province’s own catalogue above) and the major kinds', () => {
    const g = byPath(penaltyPolicy.guarded);
    expect(Object.keys(g)).toEqual(['majorFineThresholdYuan', 'majorKinds']);
    expect(g.majorFineThresholdYuan!.tighter).toBe(lowerIsTighter);
    expect(g.majorFineThresholdYuan!.outerBound).toBe(100_000_000);
    expect(g.majorKinds!.tighter).toBe(supersetIsTighter);
    // No jurisdiction may take an ordered suspension or a licence action off the major decisions.
    const top = boundsFrom(penaltyPolicy.guarded, penaltyPolicy.defaults, []);
    expect(top[1]!.value).toEqual(['ordered_suspension', 'licence_action']);
    expect(() =>
      assertWithinBounds(
        penaltyPolicy.guarded,
        { ...penaltyPolicy.defaults, majorKinds: ['licence_action'] },
        top,
        'thresholds',
      ),
    ).toThrow(/责令停产整顿/);
  });

  it('the credit policy: every trigger that forces D', () => {
    const g = byPath(creditPolicy.guarded);
    expect(Object.keys(g)).toEqual([
      'forceD.violationCategories',
      'forceD.accidentLevels',
      'forceD.largerAccidentsInWindow',
      'forceD.concealedAccident',
    ]);
    expect(g['forceD.violationCategories']!.tighter).toBe(supersetIsTighter);
    expect(g['forceD.accidentLevels']!.tighter).toBe(supersetIsTighter);
    expect(g['forceD.largerAccidentsInWindow']!.tighter).toBe(lowerIsTighterZeroOff);
    expect(g['forceD.concealedAccident']!.tighter).toBe(onIsTighter);
    const top = boundsFrom(creditPolicy.guarded, creditPolicy.defaults, []);
    const off = { ...creditPolicy.defaults, forceD: { ...creditPolicy.defaults.forceD, concealedAccident: false } };
    expect(() => assertWithinBounds(creditPolicy.guarded, off, top, 'thresholds')).toThrow(RuleError);
  });
});
