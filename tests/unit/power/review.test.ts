// The review as a whole: verdicts, the order of findings, the policy version recorded, and three properties:
// the same input gives the same review, more kWh on a stopped day never removes SUSPENDED_OVER_MAINTENANCE, and a
// producing mine with ordinary history and a day between half and nine tenths of its ceiling is 'normal'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { DailyReading, EquipmentLoad, MineReviewInput } from '#lib/power/types.ts';
import type { StatusSpan } from '#lib/registry/vocabulary.ts';
import { CIRCUITS, MINE_STATUSES } from '#lib/registry/vocabulary.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { CAPACITY, CEILING, DATE, EQUIPMENT, history, mine, policy, qhReading, reading, since } from './builders.ts';

describe('reviewMineDay', () => {
  it('a producing mine within its bounds is normal, and the review records its policy version', () => {
    const review = reviewMineDay(
      mine({
        policy: policy({ version: 7 }),
        readings: [...history(DATE, 28, (d, k) => reading(d, 18_000 + k * 100)), reading(DATE, 20_000)],
      }),
    );
    expect(review).toMatchObject({
      mineId: 'mine-1',
      date: DATE,
      status: 'producing',
      verdict: 'normal',
      totalKwh: 20_000,
      findings: [],
      policyVersion: 7,
    });
  });

  it('sorts findings by severity, critical first, then by rule id', () => {
    // Suspended, at night, over the maintenance load, far above its own history, and revised after review.
    const review = reviewMineDay(
      mine({
        statusTimeline: since('suspended'),
        readings: [...history(DATE, 7, (d, k) => qhReading(d, 1, 1.5 + k / 64)), qhReading(DATE, 200, 10)],
        revisionsAfterReview: [
          {
            meterId: 'M1',
            date: DATE,
            at: '2026-11-29T01:00:00.000Z',
            by: '张三',
            reason: '补录',
            previousKwh: 10,
            kwh: 7040,
          },
        ],
      }),
    );
    expect(review.verdict).toBe('anomaly');
    expect(review.findings.map((f) => [f.severity, f.rule])).toEqual([
      ['high', 'NIGHT_PRODUCTION'],
      ['high', 'SUSPENDED_OVER_MAINTENANCE'],
      ['medium', 'REVISED_AFTER_REVIEW'],
      ['medium', 'SPIKE'],
    ]);
    const closed = reviewMineDay(
      mine({
        statusTimeline: since('closed'),
        readings: [...history(DATE, 7, (d, k) => qhReading(d, 1, 1.5 + k / 64)), qhReading(DATE, 200, 10)],
      }),
    );
    expect(closed.findings.map((f) => f.rule)).toEqual(['CLOSED_CONSUMPTION', 'SPIKE']);
  });

  it('does not change its input', () => {
    const input = mine({ readings: [...history(DATE, 10, (d) => qhReading(d, 1, 2)), reading(DATE, 100)] });
    const before = structuredClone(input);
    reviewMineDay(input);
    expect(input).toEqual(before);
  });
});

// Arbitrary (not necessarily plausible) inputs for the determinism property.
const dayInWindow = fc.integer({ min: -40, max: 0 }).map((n) => addDays(DATE, n));
const arbReading = (date: string, meterId: string) =>
  fc
    .record({
      kwh: fc.integer({ min: 0, max: 60_000 }),
      night: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      hoist: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
    })
    .map(
      ({ kwh, night, hoist }): DailyReading => ({
        meterId,
        date,
        kwh,
        ...(night === undefined
          ? {}
          : { quarterHours: Array.from({ length: 96 }, (_, q) => (q < 24 || q >= 88 ? night : kwh / 96)) }),
        ...(hoist === undefined ? {} : { circuits: { hoist, ventilation: kwh } }),
      }),
    );
const arbInput: fc.Arbitrary<MineReviewInput> = fc
  .record({
    timeline: fc.array(
      fc.record({ status: fc.constantFrom(...MINE_STATUSES), from: dayInWindow }) as fc.Arbitrary<StatusSpan>,
      { minLength: 1, maxLength: 3 },
    ),
    equipment: fc.array(
      fc.record({
        ratedKw: fc.integer({ min: 0, max: 500 }),
        circuit: fc.constantFrom(...CIRCUITS),
        mustRunWhenStopped: fc.boolean(),
      }) as fc.Arbitrary<EquipmentLoad>,
      { maxLength: 4 },
    ),
    days: fc.uniqueArray(dayInWindow, { maxLength: 35 }),
    meters: fc.constantFrom(['M1'], ['M1', 'M2']),
    kwhPerTonne: fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined }),
    revisions: fc.array(
      fc.record({
        meterId: fc.constantFrom('M1', 'M2'),
        date: fc.constantFrom(DATE, addDays(DATE, -1)),
        at: fc.constantFrom('2026-11-29T01:00:00.000Z', '2026-11-29T02:00:00.000Z'),
        by: fc.constantFrom('张三', '李四'),
        reason: fc.constantFrom('补录', '更正'),
        previousKwh: fc.integer({ min: 0, max: 9_999 }),
        kwh: fc.integer({ min: 0, max: 9_999 }),
      }),
      { maxLength: 3 },
    ),
  })
  .chain(({ days, meters, ...rest }) =>
    fc.tuple(...days.flatMap((d) => meters.map((m) => arbReading(d, m)))).map((readings) => ({ ...rest, readings })),
  )
  .map(({ timeline, equipment, kwhPerTonne, revisions, readings }) =>
    mine({
      statusTimeline: timeline,
      equipment,
      readings,
      revisionsAfterReview: revisions,
      ...(kwhPerTonne === undefined ? {} : { kwhPerTonne }),
    }),
  );

describe('properties', () => {
  it('is deterministic: the same input (or a copy of it) gives an equal review', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const a = reviewMineDay(input);
        const b = reviewMineDay(structuredClone(input));
        expect(b).toEqual(a);
        expect(reviewMineDay(input)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('more kWh on a stopped day never removes a SUSPENDED_OVER_MAINTENANCE finding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('suspended' as const, 'rectifying' as const),
        fc.array(fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }), { minLength: 28, maxLength: 28 }),
        fc.boolean(),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        (status, past, withEquipment, kwh, extra) => {
          const readings = history(DATE, 28, (d, k) => (past[k] == null ? [] : reading(d, past[k]!)));
          const at = (total: number) =>
            reviewMineDay(
              mine({
                statusTimeline: since(status),
                equipment: withEquipment ? EQUIPMENT : [],
                readings: [...readings, reading(DATE, total * 0.7), reading(DATE, total * 0.3, { meterId: 'M2' })],
              }),
            ).findings.some((f) => f.rule === 'SUSPENDED_OVER_MAINTENANCE');
          if (at(kwh)) expect(at(kwh + extra)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a producing mine with ordinary history and a day at 0.5–0.9 of its ceiling is normal', () => {
    // 30-day months: at most 0.9 × the ceiling a day stays within the month-to-date share (330 / 360 ≈ 0.917). In a
    // 31-day month 0.9 × the ceiling every day is over it (330 / 372 ≈ 0.887), which OVER_CAPACITY rightly reports.
    const date = fc.constantFrom('2026-04-03', '2026-06-15', '2026-09-30', '2026-11-01', DATE);
    const spread = Array.from({ length: 28 }, (_, i) => 0.5 + (0.4 * i) / 27);
    fc.assert(
      fc.property(
        date,
        fc.shuffledSubarray(spread, { minLength: 28, maxLength: 28 }),
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 28, maxLength: 28 }),
        fc.array(fc.integer({ min: 20, max: 80 }), { minLength: 29, maxLength: 29 }),
        fc.double({ min: 0.5, max: 0.9, noNaN: true }),
        (day, fractions, noise, splits, today) => {
          const meters = (d: string, total: number, split: number): DailyReading[] => {
            const m1 = (total * split) / 100;
            const perQuarter = (kwh: number) => Array.from({ length: 96 }, () => kwh / 96);
            return [
              {
                meterId: 'M1',
                date: d,
                kwh: m1,
                quarterHours: perQuarter(m1),
                circuits: { hoist: m1 * 0.3, ventilation: m1 * 0.7 },
              },
              { meterId: 'M2', date: d, kwh: total - m1, quarterHours: perQuarter(total - m1) },
            ];
          };
          const share = (k: number) => Math.min(0.9, Math.max(0.5, fractions[k]! + noise[k]! / 10_000));
          const readings = [
            ...history(day, 28, (d, k) => meters(d, CEILING * share(k), splits[k]!)),
            ...meters(day, CEILING * today, splits[28]!),
          ];
          const review = reviewMineDay(mine({ date: day, approvedCapacityTonnesPerYear: CAPACITY, readings }));
          expect(review.findings).toEqual([]);
          expect(review.verdict).toBe('normal');
        },
      ),
      { numRuns: 300 },
    );
  });
});
