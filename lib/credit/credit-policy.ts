import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ACCIDENT_LEVEL_LABELS, ACCIDENT_LEVELS, type AccidentLevel } from '#lib/accidents/vocabulary.ts';
import { definePolicy, type InForce } from '#lib/policies/define-policy.ts';
import { lowerIsTighterZeroOff, onIsTighter, supersetIsTighter } from '#lib/policies/guarded.ts';
import type { Db } from '#lib/store/db.ts';
import { categoryName, VIOLATION_CODES, type ViolationCategory } from '#lib/violations/categories.ts';
import { type CreditPolicy, type CreditThresholds, DEFAULT_CREDIT_THRESHOLDS } from './policy.ts';

const points = z.number().check(z.minimum(0), z.maximum(100));
const months = z.number().check(z.int(), z.minimum(1), z.maximum(120));
const perYear = z.number().check(z.int(), z.minimum(1), z.maximum(365));
const accidentLevel = z.enum(ACCIDENT_LEVELS);
const category = z.enum(VIOLATION_CODES);
const rule = (check: (p: CreditThresholds) => boolean) => (p: unknown) => check(p as CreditThresholds);

/** Every setting of the credit model with its bounds, and the rules that tie its numbers together. */
const creditThresholdsSchema = z
  .strictObject({
    baseScore: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
    windowMonths: months,
    seriousWindowMonths: months,
    violationPoints: z.record(category, points),
    seriousViolationCategories: z.array(category),
    hazardPoints: z.strictObject({ general: points, major: points }),
    selfReportedHazardFactor: z.number().check(z.minimum(0), z.maximum(1)),
    overdueHazardPoints: z.strictObject({ general: points, major: points }),
    accidentPoints: z.record(accidentLevel, points),
    seriousAccidentLevels: z.array(accidentLevel),
    penaltyNotExecutedPoints: points,
    interviewPoints: points,
    missedReadingDayPoints: points,
    missedReadingsCap: points,
    bonuses: z.strictObject({
      standardisationGrade1: points,
      standardisationGrade2: points,
      safetyCommitment: points,
      cleanYear: points,
    }),
    bonusCap: points,
    tierFloors: z.strictObject({ A: points, B: points, C: points }),
    forceD: z.strictObject({
      violationCategories: z.array(category),
      accidentLevels: z.array(accidentLevel),
      largerAccidentsInWindow: z.number().check(z.int(), z.minimum(0), z.maximum(20)),
      concealedAccident: z.boolean(),
    }),
    inspectionsPerYear: z.strictObject({ A: perYear, B: perYear, C: perYear, D: perYear }),
  })
  .check(
    z.refine(
      rule((p) => p.tierFloors.A > p.tierFloors.B && p.tierFloors.B > p.tierFloors.C),
      { message: '等级分数线须 A > B > C', path: ['tierFloors'] },
    ),
    z.refine(
      rule((p) => p.tierFloors.A <= p.baseScore),
      { message: 'A 级分数线不能高于基础分', path: ['tierFloors', 'A'] },
    ),
    z.refine(
      rule((p) => p.seriousWindowMonths >= p.windowMonths),
      { message: '严重记录的计分期不能短于一般记录', path: ['seriousWindowMonths'] },
    ),
    z.refine(
      rule(
        (p) =>
          p.inspectionsPerYear.A <= p.inspectionsPerYear.B &&
          p.inspectionsPerYear.B <= p.inspectionsPerYear.C &&
          p.inspectionsPerYear.C <= p.inspectionsPerYear.D,
      ),
      { message: '检查频次须随等级降低而增加（A ≤ B ≤ C ≤ D）', path: ['inspectionsPerYear'] },
    ),
  );

/**
 * The credit model (`GET/PUT /v1/policies/credit`). The serious-dishonesty triggers (`forceD`) are guarded: a
 * trigger switched off lifts the forced D of every mine it holds there, which for one mine takes a tier override
 * and a legal reviewer's signature; so switching one off (or loosening it) takes that signature too, and no
 * jurisdiction may have fewer triggers than the one above it (nor, at the top, than the product's).
 */
export const creditPolicy = definePolicy({
  name: 'credit',
  label: '信用分类监管策略',
  field: 'thresholds',
  defaults: DEFAULT_CREDIT_THRESHOLDS,
  schema: creditThresholdsSchema,
  guarded: [
    {
      path: 'forceD.violationCategories',
      label: '直接判定为 D 级的违法违规类别',
      tighter: supersetIsTighter,
      format: (codes: readonly ViolationCategory[]) => codes.map(categoryName).join('、') || '（无）',
    },
    {
      path: 'forceD.accidentLevels',
      label: '直接判定为 D 级的事故等级',
      tighter: supersetIsTighter,
      format: (levels: readonly AccidentLevel[]) => levels.map((l) => ACCIDENT_LEVEL_LABELS[l]).join('、') || '（无）',
    },
    {
      path: 'forceD.largerAccidentsInWindow',
      label: '计分期内较大事故达到几起直接判定为 D 级（0 为不适用）',
      tighter: lowerIsTighterZeroOff,
    },
    { path: 'forceD.concealedAccident', label: '瞒报谎报事故直接判定为 D 级', tighter: onIsTighter },
  ],
});

/** The model's input: the thresholds with the ref each classification records. */
const asCreditPolicy = ({ values, ref }: InForce<CreditThresholds>): CreditPolicy => ({ ...values, ref });

export const creditPolicyFor = async (db: Db, jurisdiction: string): Promise<CreditPolicy> =>
  asCreditPolicy(await creditPolicy.inForce(db, jurisdiction));

/** For a batch of mines: one policy read per jurisdiction, not per mine. */
export function creditPolicyCache(db: Db): (jurisdiction: string) => Promise<CreditPolicy> {
  const inForce = creditPolicy.cache(db);
  return async (jurisdiction) => asCreditPolicy(await inForce(jurisdiction));
}
