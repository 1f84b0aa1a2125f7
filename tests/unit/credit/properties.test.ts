// Properties of the safety-credit model over random records of every deduction kind, dated in a four-year range
// around the day classified: a further negative record never helps a mine, a record past its window changes
// nothing, the score stays within [0, baseScore], and the order the records come in does not matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCIDENT_LEVELS } from '#lib/accidents/accident-item.ts';
import { type CreditInput, classify } from '#lib/credit/classify.ts';
import { DEFAULT_CREDIT_POLICY, TIERS, tierOfScore, tierRank } from '#lib/credit/policy.ts';
import type { CreditRecord } from '#lib/credit/records.ts';
import { HAZARD_LEVELS } from '#lib/hazards/hazard-item.ts';
import { PENALTY_KINDS } from '#lib/penalties/penalty-item.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';
import { VIOLATION_CODES } from '#lib/violations/categories.ts';

const P = DEFAULT_CREDIT_POLICY;
const GRADES = ['grade1', 'grade2', 'grade3', 'none'] as const;

const arbAsOf = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-01-01', n));
/** Three years before the day classified to one year after it. */
const arbDate = (asOf: string) => fc.integer({ min: -3 * 365, max: 365 }).map((n) => addDays(asOf, n));
const rarely = fc.constantFrom(false, false, false, true);

/** A negative record of any kind, id to be set. */
const arbDeduction = (asOf: string): fc.Arbitrary<CreditRecord> =>
  fc.oneof(
    fc.record({ date: arbDate(asOf), category: fc.constantFrom(...VIOLATION_CODES), fromCase: fc.boolean() }).map(
      ({ date, category, fromCase }): CreditRecord => ({
        kind: 'violation',
        id: '',
        date,
        category,
        // Records of one case are one act (lib/credit/case-acts.ts).
        ...(fromCase ? { caseId: 'case-1' } : {}),
      }),
    ),
    fc
      .record({
        date: arbDate(asOf),
        level: fc.constantFrom(...HAZARD_LEVELS),
        deadlineIn: fc.integer({ min: 0, max: 120 }),
        closedIn: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fromCase: fc.boolean(),
      })
      .map(
        ({ date, level, deadlineIn, closedIn, fromCase }): CreditRecord => ({
          kind: 'hazard',
          id: '',
          date,
          level,
          deadline: addDays(date, deadlineIn),
          ...(fromCase ? { caseId: 'case-1' } : {}),
          ...(closedIn === undefined ? {} : { closedOn: addDays(date, closedIn) }),
        }),
      ),
    fc
      .record({
        date: arbDate(asOf),
        level: fc.constantFrom(...ACCIDENT_LEVELS),
        concealed: rarely,
        misreported: rarely,
      })
      .map((a): CreditRecord => ({ kind: 'accident', id: '', ...a })),
    fc
      .record({
        date: arbDate(asOf),
        penaltyKind: fc.constantFrom(...PENALTY_KINDS),
        executedIn: fc.option(fc.integer({ min: -60, max: 400 }), { nil: undefined }),
      })
      .map(
        ({ date, penaltyKind, executedIn }): CreditRecord => ({
          kind: 'penalty',
          id: '',
          date,
          penaltyKind,
          ...(executedIn === undefined ? {} : { executedOn: addDays(date, executedIn) }),
        }),
      ),
    arbDate(asOf).map((date): CreditRecord => ({ kind: 'missed_reading', id: '', date })),
  );

const arbCommitment = (asOf: string) =>
  arbDate(asOf).map((date): CreditRecord => ({ kind: 'commitment', id: '', date, year: Number(date.slice(0, 4)) }));
const arbOverride = (asOf: string) =>
  fc.record({ date: arbDate(asOf), days: fc.integer({ min: 0, max: 400 }), tier: fc.constantFrom(...TIERS) }).map(
    ({ date, days, tier }): CreditRecord => ({
      kind: 'override',
      id: '',
      date,
      endsOn: addDays(date, days),
      tier,
      reason: '复核',
    }),
  );

const withIds = (records: readonly CreditRecord[]): CreditRecord[] =>
  records.map((r, k) => ({ ...r, id: `${r.kind}-${k}` }));

interface Scenario {
  readonly asOf: string;
  readonly records: CreditRecord[];
  readonly grade: (typeof GRADES)[number];
  readonly blacklisted: boolean;
}

/** A mine's records: scattered deductions, a run of missed days (to reach the cap), commitments, maybe overrides. */
const arbScenario = (overrides: boolean): fc.Arbitrary<Scenario> =>
  arbAsOf.chain((asOf) =>
    fc
      .record({
        deductions: fc.array(arbDeduction(asOf), { maxLength: 10 }),
        missedRun: fc.record({
          length: fc.integer({ min: 0, max: 20 }),
          endsDaysAgo: fc.integer({ min: -30, max: 400 }),
        }),
        commitments: fc.array(arbCommitment(asOf), { maxLength: 2 }),
        overrides: overrides ? fc.array(arbOverride(asOf), { maxLength: 2 }) : fc.constant([]),
        grade: fc.constantFrom(...GRADES),
        blacklisted: rarely,
      })
      .map(({ deductions, missedRun, commitments, overrides: o, grade, blacklisted }) => {
        const run = Array.from({ length: missedRun.length }, (_, k): CreditRecord => {
          const date = addDays(asOf, -missedRun.endsDaysAgo - k);
          return { kind: 'missed_reading', id: '', date };
        });
        return { asOf, records: withIds([...deductions, ...run, ...commitments, ...o]), grade, blacklisted };
      }),
  );

/** A listed mine carries its published entry among its records, as the credit index gives it. */
const input = (s: Scenario, records: readonly CreditRecord[] = s.records): CreditInput => ({
  asOf: s.asOf,
  records: s.blacklisted
    ? [...records, { kind: 'blacklist', id: 'bl-1', date: addDays(s.asOf, -30), endsOn: addDays(s.asOf, 1000) }]
    : records,
  standardisationGrade: s.grade,
  policy: P,
});

describe('classify: properties', () => {
  it('a further negative record never raises the score nor improves the tier (no override)', () => {
    fc.assert(
      fc.property(
        arbScenario(false).chain((s) => fc.tuple(fc.constant(s), arbDeduction(s.asOf))),
        ([s, extra]) => {
          const before = classify(input(s));
          const after = classify(input(s, [...s.records, { ...extra, id: 'extra' }]));
          expect(after.score).toBeLessThanOrEqual(before.score);
          expect(after.deductions).toBeGreaterThanOrEqual(before.deductions);
          expect(after.bonuses).toBeLessThanOrEqual(before.bonuses);
          expect(tierRank(after.tier)).toBeGreaterThanOrEqual(tierRank(before.tier));
          expect(tierRank(after.scoreTier)).toBeGreaterThanOrEqual(tierRank(before.scoreTier));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a case judged a major hazard never raises the score: its act costs at least what it did', () => {
    fc.assert(
      fc.property(
        arbScenario(false).chain((s) => fc.tuple(fc.constant(s), arbDate(s.asOf))),
        ([s, date]) => {
          const major: CreditRecord = { kind: 'case', id: 'case-1', date, majorHazard: 'OVER_CAPACITY' };
          const before = classify(input(s));
          const after = classify(input(s, [...s.records, major]));
          expect(after.score).toBeLessThanOrEqual(before.score);
          expect(after.deductions).toBeGreaterThanOrEqual(before.deductions);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with overrides in force a further negative record still never raises the score or the tier', () => {
    fc.assert(
      fc.property(
        arbScenario(true).chain((s) => fc.tuple(fc.constant(s), arbDeduction(s.asOf))),
        ([s, extra]) => {
          const before = classify(input(s));
          const after = classify(input(s, [...s.records, { ...extra, id: 'extra' }]));
          expect(after.score).toBeLessThanOrEqual(before.score);
          expect(tierRank(after.scoreTier)).toBeGreaterThanOrEqual(tierRank(before.scoreTier));
          expect(tierRank(after.tier)).toBeGreaterThanOrEqual(tierRank(before.tier));
          // The override in force does not depend on the deductions; it moves only a tier the score earned, so a
          // record that forces D sets it aside.
          if (after.forced.length === 0) expect(after.override).toEqual(before.override);
          else expect([after.override, after.tier]).toEqual([null, 'D']);
        },
      ),
      { numRuns: 300 },
    );
  });

  /** A record whose date + its window ≤ asOf, with that window. */
  const arbExpired = (asOf: string): fc.Arbitrary<{ record: CreditRecord; months: number }> => {
    const back = fc.integer({ min: 0, max: 400 });
    const monthsBack = (months: number, k: number) => addDays(addMonths(asOf, -months), -k);
    return fc.oneof(
      fc
        .record({ category: fc.constantFrom(...VIOLATION_CODES), k: back, fromCase: fc.boolean() })
        .map(({ category, k, fromCase }) => {
          const months = P.seriousViolationCategories.includes(category) ? P.seriousWindowMonths : P.windowMonths;
          const record: CreditRecord = {
            kind: 'violation',
            id: 'expired',
            date: monthsBack(months, k),
            category,
            ...(fromCase ? { caseId: 'case-9' } : {}),
          };
          return { record, months };
        }),
      fc
        .record({
          level: fc.constantFrom(...ACCIDENT_LEVELS),
          concealed: fc.boolean(),
          misreported: fc.boolean(),
          k: back,
        })
        .map(({ level, concealed, misreported, k }) => {
          // A concealed or misreported accident forces D for the serious window whatever its level.
          const months =
            P.seriousAccidentLevels.includes(level) || concealed || misreported
              ? P.seriousWindowMonths
              : P.windowMonths;
          const record: CreditRecord = {
            kind: 'accident',
            id: 'expired',
            date: monthsBack(months, k),
            level,
            concealed,
            misreported,
          };
          return { record, months };
        }),
      fc
        .record({
          level: fc.constantFrom(...HAZARD_LEVELS),
          k: back,
          a: fc.integer({ min: 0, max: 120 }),
          b: fc.integer({ min: 0, max: 120 }),
        })
        .map(({ level, k, a, b }) => {
          const date = monthsBack(P.windowMonths, k);
          // Closed on or before its deadline.
          const record: CreditRecord = {
            kind: 'hazard',
            id: 'expired',
            date,
            level,
            deadline: addDays(date, Math.max(a, b)),
            closedOn: addDays(date, Math.min(a, b)),
          };
          return { record, months: P.windowMonths };
        }),
      back.map((k) => ({
        record: { kind: 'missed_reading', id: 'expired', date: monthsBack(P.windowMonths, k) } as CreditRecord,
        months: P.windowMonths,
      })),
    );
  };

  it('a record past its window contributes nothing: the result is the one without it', () => {
    fc.assert(
      fc.property(
        arbScenario(true).chain((s) => fc.tuple(fc.constant(s), arbExpired(s.asOf))),
        ([s, { record, months }]) => {
          expect(addMonths(record.date, months) <= s.asOf).toBe(true);
          const without = classify(input(s));
          const withIt = classify(input(s, [...s.records, record]));
          expect(withIt.items.filter((i) => i.recordId === 'expired')).toEqual([]);
          expect(withIt.forced.flatMap((f) => f.recordIds)).not.toContain('expired');
          expect(withIt).toEqual(without);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the score stays within [0, baseScore] and adds up from the items', () => {
    fc.assert(
      fc.property(arbScenario(true), (s) => {
        const r = classify(input(s));
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(P.baseScore);
        const negative = r.items.filter((i) => !i.rule.startsWith('bonus.'));
        expect(negative.every((i) => i.points <= 0)).toBe(true);
        expect(r.deductions).toBe(negative.reduce((n, i) => n - i.points, 0));
        expect(r.bonuses).toBeLessThanOrEqual(P.bonusCap);
        expect(r.score).toBe(Math.max(0, Math.min(P.baseScore, P.baseScore - r.deductions + r.bonuses)));
        expect(r.scoreTier).toBe(tierOfScore(r.score, P.tierFloors));
        // The missed-reading cap holds.
        expect(
          -r.items.filter((i) => i.rule === 'missed_reading').reduce((n, i) => n + i.points, 0),
        ).toBeLessThanOrEqual(P.missedReadingsCap);
        // The tier in force: an override's, else D when forced, else the score's; a blacklisted mine is always D.
        if (s.blacklisted) expect(r.tier).toBe('D');
        else if (r.override) expect(r.tier).toBe(r.override.tier);
        else expect(r.tier).toBe(r.forced.length > 0 ? 'D' : r.scoreTier);
        expect(r.inspectionsPerYear).toBe(P.inspectionsPerYear[r.tier]);
      }),
      { numRuns: 500 },
    );
  });

  it('the order of the records does not change the result', () => {
    fc.assert(
      fc.property(
        arbScenario(true).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(s.records, { minLength: s.records.length, maxLength: s.records.length }),
          ),
        ),
        ([s, shuffled]) => {
          expect(classify(input(s, shuffled))).toEqual(classify(input(s)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
