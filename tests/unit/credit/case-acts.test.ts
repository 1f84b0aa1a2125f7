// One act, counted once: the records that name the same investigation case (its confirmed violation, the hazards
// recorded from it) cost the mine once, at the heaviest of what the act is; a case of 超定员 or 瓦斯超限未断电 is a
// major hazard by itself. However many witnesses (findings, hazards recorded per witness) the act has, its deduction
// is the same; two cases are two acts; a hazard recorded late is still overdue on its own.
import { describe, expect, it } from 'vitest';
import { caseActs } from '#lib/credit/case-acts.ts';
import { type CreditResult, classify } from '#lib/credit/classify.ts';
import { type CreditPolicy, DEFAULT_CREDIT_POLICY } from '#lib/credit/policy.ts';
import type { CreditRecord } from '#lib/credit/records.ts';
import type { HazardLevel } from '#lib/hazards/hazard-item.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';

const P = DEFAULT_CREDIT_POLICY;
const AS_OF = '2026-06-15';
const FOUND = '2026-05-10';

const run = (records: readonly CreditRecord[], policy: CreditPolicy = P, asOf = AS_OF): CreditResult =>
  classify({ asOf, records, standardisationGrade: 'none', policy });
/** The points the records cost, bonuses aside (a positive number). */
const deducted = (r: CreditResult) =>
  0 - r.items.filter((i) => !i.rule.startsWith('bonus.')).reduce((n, i) => n + i.points, 0);

const caseViolation = (
  category: ViolationCategory,
  more: { id?: string; caseId?: string; date?: string } = {},
): CreditRecord => ({
  kind: 'violation',
  id: more.id ?? 'v-1',
  date: more.date ?? FOUND,
  category,
  caseId: more.caseId ?? 'case-1',
});
/** The confirmed case judged the act a major hazard (on the credit index beside its violation). */
const confirmedMajor = (majorHazard: string, more: { caseId?: string; date?: string } = {}): CreditRecord => ({
  kind: 'case',
  id: more.caseId ?? 'case-1',
  date: more.date ?? FOUND,
  majorHazard,
});
const caseHazard = (
  level: HazardLevel,
  more: { id?: string; caseId?: string | null; category?: string; date?: string; deadline?: string } = {},
): CreditRecord => ({
  kind: 'hazard',
  id: more.id ?? 'h-1',
  date: more.date ?? FOUND,
  level,
  deadline: more.deadline ?? '2026-12-31',
  ...(more.caseId === null ? {} : { caseId: more.caseId ?? 'case-1' }),
  ...(level === 'major' ? { category: more.category ?? 'OVER_CAPACITY' } : {}),
});
/** n hazards recorded from the case, one per witness. */
const perWitness = (n: number, level: HazardLevel, category?: string) =>
  Array.from({ length: n }, (_, i) => caseHazard(level, { id: `h-${i + 1}`, ...(category ? { category } : {}) }));

/** A confirmed case of 超定员: its violation, and the case judged a major hazard. */
const HEADCOUNT = [caseViolation('over_capacity'), confirmedMajor('OVER_CAPACITY')];
/** A confirmed case of 瓦斯超限未断电. */
const GAS = [caseViolation('monitoring_failure'), confirmedMajor('GAS_OVERLIMIT')];
/** A bureau that weighs a major hazard above any violation. */
const HEAVY_HAZARDS: CreditPolicy = { ...P, hazardPoints: { general: 1, major: 45 } };

describe('one act, counted once', () => {
  it.each<[string, CreditRecord[], CreditPolicy, number, string]>([
    ['超定员 confirmed: the violation, a major hazard', [...HEADCOUNT], P, 20, 'violation.over_capacity'],
    [
      '…and the major hazard recorded from the case',
      [...HEADCOUNT, caseHazard('major')],
      P,
      20,
      'violation.over_capacity',
    ],
    ['瓦斯超限未断电 confirmed', [...GAS], P, 15, 'violation.monitoring_failure'],
    [
      '…and the major hazard recorded from it',
      [...GAS, caseHazard('major', { category: 'GAS_OVERLIMIT' })],
      P,
      15,
      'violation.monitoring_failure',
    ],
    ['a major hazard weighing more: 超定员 counts as it', [...HEADCOUNT], HEAVY_HAZARDS, 45, 'hazard.major'],
    [
      '…with the hazard recorded from the case too: still once',
      [...HEADCOUNT, caseHazard('major')],
      HEAVY_HAZARDS,
      45,
      'hazard.major',
    ],
    [
      'a violation not itself a major hazard, a major hazard recorded from its case: the heavier once',
      [caseViolation('responsibility_not_fulfilled'), caseHazard('major', { category: 'OTHER' })],
      P,
      10,
      'hazard.major',
    ],
    ['the case not confirmed yet: the hazard recorded from it', [caseHazard('major')], P, 10, 'hazard.major'],
    [
      'a general hazard from the case beside its violation',
      [...HEADCOUNT, caseHazard('general')],
      P,
      20,
      'violation.over_capacity',
    ],
  ])('%s: %i points on %s', (_name, records, policy, points, rule) => {
    const r = run(records, policy);
    expect(deducted(r)).toBe(points);
    const charged = r.items.filter((i) => i.points < 0);
    expect(charged).toHaveLength(1);
    expect(charged[0]!.rule).toBe(rule);
    // Every other record of the act is shown at 0 points, naming the case.
    for (const other of r.items.filter((i) => i.points === 0 && !i.rule.startsWith('bonus.'))) {
      expect(other.rule).toMatch(/\.same_act$/);
      expect(other.label).toContain('case-1');
    }
  });

  it.each([1, 2, 3, 5])('whatever the number of witnesses (%i hazards recorded from the case), once', (n) => {
    expect(deducted(run([...HEADCOUNT, ...perWitness(n, 'major')]))).toBe(20);
    expect(deducted(run([...GAS, ...perWitness(n, 'major', 'GAS_OVERLIMIT')]))).toBe(15);
    expect(deducted(run(perWitness(n, 'major')))).toBe(10);
    expect(deducted(run([...HEADCOUNT, ...perWitness(n, 'major')], HEAVY_HAZARDS))).toBe(45);
  });

  it('in whatever order the records come', () => {
    const records = [caseHazard('major', { id: 'h-2' }), ...HEADCOUNT, caseHazard('major', { id: 'h-1' })];
    const forward = run(records);
    expect(run([...records].reverse())).toEqual(forward);
  });

  it('names what the act is: the violation and the major hazard of the standard in force', () => {
    const item = run([...HEADCOUNT, caseHazard('major')]).items.find((i) => i.recordKind === 'violation');
    expect(item).toMatchObject({
      recordKind: 'violation',
      recordId: 'v-1',
      points: -20,
      serious: true,
      label:
        '案件认定违法：超能力、超强度、超定员组织生产；重大事故隐患：超能力、超强度或者超定员组织生产（同一行为，计分一次）',
    });
    expect(run([...GAS]).items[0]!.label).toContain('重大事故隐患：瓦斯超限作业');
  });
});

describe('where acts are apart', () => {
  it('two cases are two acts', () => {
    const second = [
      caseViolation('over_capacity', { id: 'v-2', caseId: 'case-2' }),
      confirmedMajor('OVER_CAPACITY', { caseId: 'case-2' }),
    ];
    expect(deducted(run([...HEADCOUNT, ...second]))).toBe(40);
  });

  it('a hazard an inspection found, not recorded from the case, is its own record', () => {
    expect(deducted(run([...HEADCOUNT, caseHazard('major', { caseId: null })]))).toBe(30);
  });

  it('the hazard of the act rectified late still costs its overdue points', () => {
    const late = caseHazard('major', { deadline: '2026-06-01' });
    const r = run([...HEADCOUNT, late]);
    expect(deducted(r)).toBe(20 + P.overdueHazardPoints.major);
    expect(r.items.find((i) => i.rule === 'hazard.overdue.major')).toMatchObject({ recordId: 'h-1' });
  });

  it('a record of the act past its window leaves the act to the records still counting', () => {
    // The violation (36 months, serious) has ended; a hazard recorded from the case later still counts (12 months).
    const old = [
      caseViolation('over_capacity', { date: '2023-06-14' }),
      confirmedMajor('OVER_CAPACITY', { date: '2023-06-14' }),
    ];
    const later = caseHazard('major', { date: '2026-01-10' });
    expect(deducted(run([...old, later]))).toBe(10);
    expect(deducted(run(old))).toBe(0);
  });
});

describe('caseActs', () => {
  it('leads with the heaviest record still counting, a violation before a hazard of the same weight', () => {
    const tie: CreditPolicy = { ...P, hazardPoints: { general: 1, major: 20 } };
    expect(caseActs([caseHazard('major'), ...HEADCOUNT], tie, AS_OF).get('case-1')).toEqual({
      caseId: 'case-1',
      lead: 'violation:v-1',
      hazardLevel: 'major',
      majorHazard: 'OVER_CAPACITY',
      confirmedMajor: true,
    });
    expect(caseActs([caseHazard('general'), caseHazard('major', { id: 'h-2' })], P, AS_OF).get('case-1')).toMatchObject(
      { lead: 'hazard:h-2', hazardLevel: 'major' },
    );
  });

  it('leaves records of no case alone', () => {
    expect(caseActs([caseHazard('major', { caseId: null })], P, AS_OF).size).toBe(0);
  });

  it('a case confirmed as a major hazard costs nothing of its own', () => {
    expect(deducted(run([confirmedMajor('OVER_CAPACITY')]))).toBe(0);
    expect(run([confirmedMajor('OVER_CAPACITY')]).items.filter((i) => !i.rule.startsWith('bonus.'))).toEqual([]);
  });
});
