// A mine's own declaration held against the reading in force from the grid company (or the bureau on site):
// DECLARATION_MISMATCH beyond the policy's tolerance, high when the mine declared less, medium when more; and a
// declaration changed after review named by REVISED_AFTER_REVIEW without moving the day's total.
import { describe, expect, it } from 'vitest';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import type { Declaration } from '#lib/power/types.ts';
import { DATE, findingOf, mine, policy, reading } from './builders.ts';

const declaration = (over: Partial<Declaration> = {}): Declaration => ({
  meterId: 'M1',
  date: DATE,
  declaredKwh: 1000,
  declaredAt: '2026-11-29T00:30:00.000Z',
  declaredBy: '某矿调度室',
  inForceKwh: 1000,
  inForceSource: 'grid',
  ...over,
});
const reviewWith = (declarations: Declaration[], tolerance?: number) =>
  reviewMineDay(
    mine({
      readings: declarations.map((d) => reading(d.date, d.inForceKwh, { meterId: d.meterId })),
      declarations,
      ...(tolerance === undefined ? {} : { policy: policy({ declarationTolerance: tolerance }) }),
    }),
  );

describe('DECLARATION_MISMATCH at the tolerance (default 10 % of the reading in force)', () => {
  it.each([
    // grid 10,000 kWh: under-declared side
    ['9,000 declared: exactly 10 % below, within', 10_000, 9_000, null],
    ['8,999.9 declared: just past 10 % below', 10_000, 8_999.9, 'high'],
    ['0 declared', 10_000, 0, 'high'],
    ['the same as the grid', 10_000, 10_000, null],
    // over-declared side
    ['11,000 declared: exactly 10 % above, within', 10_000, 11_000, null],
    ['11,000.1 declared: just past 10 % above', 10_000, 11_000.1, 'medium'],
    ['twice the grid', 10_000, 20_000, 'medium'],
    // a grid reading of zero: any declared consumption is over it
    ['grid 0, declared 0', 0, 0, null],
    ['grid 0, declared 0.1', 0, 0.1, 'medium'],
  ] as const)('%s → %s', (_, inForceKwh, declaredKwh, severity) => {
    const found = findingOf(reviewWith([declaration({ inForceKwh, declaredKwh })]), 'DECLARATION_MISMATCH');
    if (severity === null) expect(found).toBeUndefined();
    else expect(found?.severity).toBe(severity);
  });

  it.each([
    [0.2, 8_000, null],
    [0.2, 7_999, 'high'],
    [0.05, 9_500, null],
    [0.05, 9_499, 'high'],
    [0.05, 10_500, null],
    [0.05, 10_501, 'medium'],
  ] as const)('tolerance %d: %d declared against 10,000 → %s', (tolerance, declaredKwh, severity) => {
    const found = findingOf(
      reviewWith([declaration({ inForceKwh: 10_000, declaredKwh })], tolerance),
      'DECLARATION_MISMATCH',
    );
    expect(found?.severity ?? null).toBe(severity);
  });
});

describe('DECLARATION_MISMATCH finding', () => {
  it('reads as a bureau officer would write it, naming both values', () => {
    const review = reviewWith([declaration({ date: DATE, declaredKwh: 1_200, inForceKwh: 5_400 })]);
    expect(review.verdict).toBe('anomaly');
    expect(findingOf(review, 'DECLARATION_MISMATCH')).toEqual({
      rule: 'DECLARATION_MISMATCH',
      severity: 'high',
      measured: 1_200,
      threshold: 4_860,
      unit: 'kWh',
      baseline: { name: 'inForceKwh', value: 5_400, source: 'grid' },
      message:
        '矿方申报电表 M1 2026-11-28 用电 1,200 kWh，供电公司数据 5,400 kWh，少报 77.8%（容差 10.0%），' +
        '少报用电本身即为证据，需调查核实。',
    });
  });

  it('against the bureau’s reading on site, over-declared: medium, worded as such', () => {
    const found = findingOf(
      reviewWith([declaration({ declaredKwh: 1_500, inForceKwh: 1_000, inForceSource: 'bureau' })]),
      'DECLARATION_MISMATCH',
    );
    expect(found).toMatchObject({
      severity: 'medium',
      measured: 1_500,
      threshold: 1_100,
      baseline: { name: 'inForceKwh', value: 1_000, source: 'bureau' },
      message:
        '矿方申报电表 M1 2026-11-28 用电 1,500 kWh，监管部门现场读数 1,000 kWh，多报 50.0%（容差 10.0%），申报与实际用电不符，需核实。',
    });
  });

  it('one finding for several meters: high when any is under-declared, the under-declared ones counted first', () => {
    const found = findingOf(
      reviewWith([
        declaration({ meterId: 'M3', declaredKwh: 3_000, inForceKwh: 2_000 }), // over
        declaration({ meterId: 'M2', declaredKwh: 500, inForceKwh: 1_000 }), // under
        declaration({ meterId: 'M1', declaredKwh: 1_000, inForceKwh: 1_050 }), // within
      ]),
      'DECLARATION_MISMATCH',
    );
    expect(found).toMatchObject({ severity: 'high', measured: 500, threshold: 900 });
    expect(found?.message).toBe(
      '矿方申报电表 M2 2026-11-28 用电 500 kWh，供电公司数据 1,000 kWh，少报 50.0%；' +
        '矿方申报电表 M3 2026-11-28 用电 3,000 kWh，供电公司数据 2,000 kWh，多报 50.0%（容差 10.0%），' +
        '少报用电本身即为证据，需调查核实。',
    );
  });

  it('only the reviewed day’s declarations count', () => {
    const review = reviewMineDay(
      mine({
        readings: [reading(DATE, 20_000)],
        declarations: [declaration({ date: '2026-11-27', declaredKwh: 1, inForceKwh: 20_000 })],
      }),
    );
    expect(review.findings).toEqual([]);
    expect(review.verdict).toBe('normal');
  });

  it('no declarations at all: no finding', () => {
    expect(
      findingOf(reviewMineDay(mine({ readings: [reading(DATE, 1_000)] })), 'DECLARATION_MISMATCH'),
    ).toBeUndefined();
  });
});

describe('REVISED_AFTER_REVIEW of a declaration', () => {
  it('names the changed declaration, and the day’s total stays as it was', () => {
    const review = reviewMineDay(
      mine({
        readings: [reading(DATE, 5_400)],
        revisionsAfterReview: [
          {
            meterId: 'M1',
            date: DATE,
            at: '2026-11-29T03:00:00.000Z',
            by: '某矿调度室',
            reason: '更正申报',
            previousKwh: 1_200,
            kwh: 5_400,
            declaration: true,
          },
        ],
        declarations: [declaration({ declaredKwh: 5_400, inForceKwh: 5_400 })],
      }),
    );
    expect(review.findings.map((f) => f.rule)).toEqual(['REVISED_AFTER_REVIEW']);
    expect(findingOf(review, 'REVISED_AFTER_REVIEW')).toMatchObject({
      measured: 5_400,
      threshold: 5_400,
      message:
        '2026-11-28 的用电量在审查后被修改：某矿调度室 于 2026-11-29T03:00:00.000Z 将电表 M1 的矿方申报值由 1,200 kWh ' +
        '改为 5,400 kWh，理由：更正申报，审查后修改数据，需核实。',
    });
  });
});
