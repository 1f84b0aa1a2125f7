// The safety-credit model rule by rule: what each kind of record costs, how long it counts (both sides of every
// window's end), what forces D, the bonuses and their cap, the tier floors, overrides and the blacklist, and the
// result's bookkeeping (next repair day, inspections a year, policy version, determinism).
import { describe, expect, it } from 'vitest';
import type { AccidentLevel } from '#lib/accidents/accident-item.ts';
import { type CreditInput, type CreditResult, classify, countsOn } from '#lib/credit/classify.ts';
import { type CreditPolicy, DEFAULT_CREDIT_POLICY, type Tier, tierOfScore } from '#lib/credit/policy.ts';
import type { CreditRecord } from '#lib/credit/records.ts';
import type { HazardLevel } from '#lib/hazards/hazard-item.ts';
import type { PenaltyKind } from '#lib/penalties/penalty-item.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';
import { categoryName, type ViolationCategory } from '#lib/violations/categories.ts';

const P = DEFAULT_CREDIT_POLICY;
const AS_OF = '2026-06-15';

const policy = (over: Partial<CreditPolicy> = {}): CreditPolicy => ({ ...P, ...over });
const run = (records: readonly CreditRecord[], asOf = AS_OF, more: Partial<CreditInput> = {}): CreditResult =>
  classify({ asOf, records, standardisationGrade: 'none', policy: P, ...more });
/** The deductions (and 0-point capped days), without the bonuses. */
const deductionItems = (r: CreditResult) => r.items.filter((i) => !i.rule.startsWith('bonus.'));
/** Normalises -0 to 0 where a test compares numbers with Object.is semantics. */
const plain = (n: number): number => n + 0;

const violation = (
  date: string,
  category: ViolationCategory,
  more: { id?: string; caseId?: string } = {},
): CreditRecord => ({
  kind: 'violation',
  id: more.id ?? `v-${category}`,
  date,
  category,
  ...(more.caseId ? { caseId: more.caseId } : {}),
});
const hazard = (date: string, level: HazardLevel, deadline: string, closedOn?: string, id = 'h-1'): CreditRecord => ({
  kind: 'hazard',
  id,
  date,
  level,
  deadline,
  ...(closedOn ? { closedOn } : {}),
});
const accident = (
  date: string,
  level: AccidentLevel,
  more: { id?: string; concealed?: boolean; misreported?: boolean } = {},
): CreditRecord => ({
  kind: 'accident',
  id: more.id ?? `a-${level}`,
  date,
  level,
  concealed: more.concealed ?? false,
  misreported: more.misreported ?? false,
});
const penalty = (due: string, executedOn?: string, penaltyKind: PenaltyKind = 'fine', id = 'p-1'): CreditRecord => ({
  kind: 'penalty',
  id,
  date: due,
  penaltyKind,
  ...(executedOn ? { executedOn } : {}),
});
const missed = (date: string): CreditRecord => ({ kind: 'missed_reading', id: date, date });
const commitment = (date: string, year = Number(date.slice(0, 4)), id = String(year)): CreditRecord => ({
  kind: 'commitment',
  id,
  date,
  year,
});
const override = (date: string, endsOn: string, tier: Tier, id = 'o-1'): CreditRecord => ({
  kind: 'override',
  id,
  date,
  endsOn,
  tier,
  reason: '整改到位，经局务会审议',
});

// ---------------------------------------------------------------------------------------------------------------
describe('violations', () => {
  // [category, points, serious (36-month window), forces D] — the product's defaults, written out.
  const table: [ViolationCategory, number, boolean, boolean][] = [
    ['outdated_capacity', 10, false, false],
    ['licences_incomplete', 10, false, false],
    ['responsibility_not_fulfilled', 5, false, false],
    ['over_capacity', 20, true, false],
    ['cross_boundary_or_forgery', 20, true, false],
    ['banned_mining_method', 20, true, false],
    ['monitoring_failure', 15, true, false],
    ['fire_goaf_sealing', 10, false, false],
    ['fire_water_measures', 10, false, false],
    ['three_violations_explosives', 5, false, false],
    ['regulations_mismatch', 3, false, false],
    ['fake_rectification', 15, true, false],
    ['illegal_contracting', 10, false, false],
    ['upgrade_violation', 10, false, false],
    ['stopped_mine_producing', 30, true, true],
    ['exit_plan_violation', 10, false, false],
    ['repair_out_of_scope', 10, false, false],
    ['closed_mine_revived', 40, true, true],
  ];
  const DATE = '2025-11-30';

  it.each(table)('%s costs %i points; serious: %s', (category, points, serious, forcesD) => {
    const months = serious ? 36 : 12;
    const stops = serious ? '2028-11-30' : '2026-11-30';
    expect(addMonths(DATE, months)).toBe(stops);
    const lastDay = addDays(stops, -1);
    for (const asOf of [DATE, lastDay]) {
      const r = run([violation(DATE, category)], asOf);
      expect(deductionItems(r)).toEqual([
        {
          recordKind: 'violation',
          recordId: `v-${category}`,
          date: DATE,
          rule: `violation.${category}`,
          label: `违法违规行为：${categoryName(category)}`,
          points: -points,
          stopsCountingOn: stops,
          serious,
        },
      ]);
      expect(r.deductions).toBe(points);
      if (forcesD) {
        expect(r.tier).toBe('D');
        expect(r.forced).toEqual([
          {
            rule: `violation.${category}`,
            label: `严重失信情形：${categoryName(category)}`,
            recordIds: [`v-${category}`],
          },
        ]);
      } else {
        expect(r.forced).toEqual([]);
        expect(r.tier).toBe(r.scoreTier);
      }
    }
    // The day its window ends it no longer counts, and no longer forces anything.
    const after = run([violation(DATE, category)], stops);
    expect(after.items.filter((i) => i.recordKind === 'violation')).toEqual([]);
    expect(after.forced).toEqual([]);
    expect(after.score).toBe(100);
    expect(after.tier).toBe('A');
    // Nor does it count the day before it happened.
    expect(
      run([violation(DATE, category)], addDays(DATE, -1)).items.filter((i) => i.recordKind === 'violation'),
    ).toEqual([]);
  });

  it('an ordinary violation of 2025-11-30 counts on 2026-11-29 and not on 2026-11-30', () => {
    const v = violation('2025-11-30', 'licences_incomplete');
    expect(run([v], '2026-11-29').score).toBe(90);
    expect(run([v], '2026-11-30').score).toBe(100);
  });

  it('a serious violation of 2025-11-30 counts on 2028-11-29 and not on 2028-11-30', () => {
    const v = violation('2025-11-30', 'over_capacity');
    expect(run([v], '2026-11-30').score).toBe(80 + 3); // outside the last 12 months: the clean-year bonus applies
    expect(run([v], '2028-11-29').score).toBe(83);
    expect(run([v], '2028-11-30').score).toBe(100);
  });

  it('a leap-day violation stops counting on the last day of February a year later', () => {
    const v = violation('2024-02-29', 'regulations_mismatch');
    expect(run([v], '2025-02-27').items[0]).toMatchObject({
      rule: 'violation.regulations_mismatch',
      stopsCountingOn: '2025-02-28',
    });
    expect(deductionItems(run([v], '2025-02-28'))).toEqual([]);
  });

  it('a violation found by confirming an electricity case says so', () => {
    const r = run([violation('2026-05-01', 'over_capacity', { caseId: 'case-7' })]);
    expect(r.items[0]).toMatchObject({
      rule: 'violation.over_capacity',
      label: `审查案件认定违法：${categoryName('over_capacity')}`,
      points: -20,
    });
  });

  it('prices a violation with the policy in force, not the defaults', () => {
    const custom = policy({
      violationPoints: { ...P.violationPoints, regulations_mismatch: 7 },
      seriousViolationCategories: ['regulations_mismatch'],
    });
    const r = run([violation('2025-01-10', 'regulations_mismatch')], AS_OF, { policy: custom });
    expect(r.items[0]).toMatchObject({ points: -7, serious: true, stopsCountingOn: '2028-01-10' });
  });

  it('a violation forcing D overrides a good score, and each forcing record is listed', () => {
    const r = run([
      violation('2025-01-10', 'stopped_mine_producing', { id: 'v-1' }),
      violation('2026-03-01', 'stopped_mine_producing', { id: 'v-2' }),
      violation('2026-04-01', 'closed_mine_revived', { id: 'v-3' }),
    ]);
    expect(r.tier).toBe('D');
    expect(r.tierLabel).toBe('严重失信');
    expect(r.forced).toHaveLength(2);
    expect(r.forced).toContainEqual({
      rule: 'violation.stopped_mine_producing',
      label: `严重失信情形：${categoryName('stopped_mine_producing')}`,
      recordIds: ['v-1', 'v-2'],
    });
    expect(r.forced).toContainEqual({
      rule: 'violation.closed_mine_revived',
      label: `严重失信情形：${categoryName('closed_mine_revived')}`,
      recordIds: ['v-3'],
    });
  });

  it('a forcing violation forces D even when the score alone earns C', () => {
    const r = run([violation('2026-01-10', 'stopped_mine_producing')]);
    expect(r.score).toBe(70);
    expect(r.scoreTier).toBe('C');
    expect(r.tier).toBe('D');
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('hazards', () => {
  const FOUND = '2026-01-10';
  const DEADLINE = '2026-02-10';

  it.each([
    ['general', 1],
    ['major', 10],
  ] as const)('a %s hazard costs %i points for 12 months from the day it was found', (level, points) => {
    const h = hazard(FOUND, level, DEADLINE, '2026-02-01');
    for (const asOf of [FOUND, '2026-06-15', '2027-01-09']) {
      expect(deductionItems(run([h], asOf))).toEqual([
        {
          recordKind: 'hazard',
          recordId: 'h-1',
          date: FOUND,
          rule: `hazard.${level}`,
          label: level === 'general' ? '一般事故隐患' : '重大事故隐患',
          points: -points,
          stopsCountingOn: '2027-01-10',
          serious: false,
        },
      ]);
    }
    expect(deductionItems(run([h], '2027-01-10'))).toEqual([]);
    expect(deductionItems(run([h], '2026-01-09'))).toEqual([]);
  });

  it.each([
    ['general', 3],
    ['major', 10],
  ] as const)('an open %s hazard is overdue the day after its deadline, not on it (%i points)', (level, points) => {
    const h = hazard(FOUND, level, DEADLINE);
    expect(run([h], DEADLINE).items.filter((i) => i.rule.startsWith('hazard.overdue'))).toEqual([]);
    const next = run([h], '2026-02-11');
    expect(next.items.filter((i) => i.rule.startsWith('hazard.overdue'))).toEqual([
      {
        recordKind: 'hazard',
        recordId: 'h-1',
        date: DEADLINE,
        rule: `hazard.overdue.${level}`,
        label: `${level === 'general' ? '一般事故隐患' : '重大事故隐患'}逾期未整改（${DEADLINE} 到期）`,
        points: -points,
        stopsCountingOn: null,
        serious: false,
      },
    ]);
    expect(next.deductions).toBe(P.hazardPoints[level] + points);
    // Still open years later: the found-date deduction has ended, the overdue one has not.
    const later = run([h], '2029-01-01');
    expect(deductionItems(later).map((i) => [i.rule, i.points, i.stopsCountingOn])).toEqual([
      [`hazard.overdue.${level}`, -points, null],
    ]);
  });

  it.each([
    ['on the deadline', DEADLINE],
    ['before the deadline', '2026-01-20'],
  ])('closed %s: no overdue item', (_, closedOn) => {
    const r = run([hazard(FOUND, 'major', DEADLINE, closedOn)], '2026-06-15');
    expect(r.items.filter((i) => i.rule.startsWith('hazard.overdue'))).toEqual([]);
    expect(r.deductions).toBe(10);
  });

  it('closed late: overdue until 12 months after it was closed', () => {
    const h = hazard(FOUND, 'general', DEADLINE, '2026-03-01');
    const overdue = (asOf: string) => run([h], asOf).items.filter((i) => i.rule === 'hazard.overdue.general');
    expect(overdue('2026-06-15')).toEqual([
      {
        recordKind: 'hazard',
        recordId: 'h-1',
        date: DEADLINE,
        rule: 'hazard.overdue.general',
        label: `一般事故隐患逾期整改（${DEADLINE} 到期，2026-03-01 销号）`,
        points: -3,
        stopsCountingOn: '2027-03-01',
        serious: false,
      },
    ]);
    expect(overdue('2027-02-28')).toHaveLength(1);
    expect(overdue('2027-03-01')).toEqual([]);
  });

  it('a closing date after the day classified is ignored: the hazard is still open then', () => {
    const h = hazard(FOUND, 'major', DEADLINE, '2026-07-01');
    const r = run([h], '2026-06-15');
    expect(r.items.find((i) => i.rule === 'hazard.overdue.major')).toMatchObject({
      stopsCountingOn: null,
      label: `重大事故隐患逾期未整改（${DEADLINE} 到期）`,
    });
    expect(r.deductions).toBe(20);
    // Before its deadline a hazard with a future closing date is simply open and not overdue.
    expect(run([h], '2026-02-10').deductions).toBe(10);
  });
});

describe('a hazard the mine reported itself (自查自报)', () => {
  const FOUND = '2026-01-10';
  const DEADLINE = '2026-02-10';
  const selfReported = (level: HazardLevel, closedOn?: string): CreditRecord => ({
    ...(hazard(FOUND, level, DEADLINE, closedOn) as Extract<CreditRecord, { kind: 'hazard' }>),
    selfReported: true,
  });

  it.each([
    ['general', 0.5, 0.5],
    ['major', 0.5, 5],
    ['major', 0, 0],
    ['major', 1, 10],
    ['major', 0.3, 3],
    ['general', 0.25, 0.3], // to a tenth of a point
  ] as const)(
    'a %s hazard at factor %d costs %d points, and the breakdown shows the factor',
    (level, factor, points) => {
      const r = run([selfReported(level, '2026-02-01')], AS_OF, {
        policy: policy({ selfReportedHazardFactor: factor }),
      });
      expect(deductionItems(r)).toEqual([
        {
          recordKind: 'hazard',
          recordId: 'h-1',
          date: FOUND,
          rule: `hazard.${level}.self_reported`,
          label: `${level === 'general' ? '一般事故隐患' : '重大事故隐患'}（煤矿自查自报，按 ${Math.round(factor * 100)}% 计）`,
          points: plain(-points),
          stopsCountingOn: '2027-01-10',
          serious: false,
          factor,
        },
      ]);
    },
  );

  it('costs less than the same hazard an inspector found, by the default factor 0.5', () => {
    expect(P.selfReportedHazardFactor).toBe(0.5);
    const found = run([hazard(FOUND, 'major', DEADLINE, '2026-02-01')]);
    const own = run([selfReported('major', '2026-02-01')]);
    expect(found.deductions).toBe(10);
    expect(own.deductions).toBe(5);
    // Found by an inspector: no factor on its item.
    expect(deductionItems(found)[0]).not.toHaveProperty('factor');
  });

  it('being late to rectify it costs in full: the factor is for finding it, not for leaving it', () => {
    const r = run([selfReported('major')], '2026-02-11');
    expect(deductionItems(r).map((i) => [i.rule, i.points])).toEqual([
      ['hazard.overdue.major', -10],
      ['hazard.major.self_reported', -5],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('interviews (约谈): a policy line, 0 by default', () => {
  const interview = (date: string, id = 'itv-1'): CreditRecord => ({
    kind: 'interview',
    id,
    date,
    subject: '夜间用电异常',
  });

  it('by default an interview costs nothing and shows no item: it is a record of being summoned, not a sanction', () => {
    expect(P.interviewPoints).toBe(0);
    const r = run([interview('2026-05-01')]);
    expect(deductionItems(r)).toEqual([]);
    expect(r.score).toBe(run([]).score);
  });

  it.each([
    // interview date, points, as of → points off
    ['2026-05-01', 3, AS_OF, 3],
    ['2025-06-16', 3, AS_OF, 3], // the last day of its 12 months
    ['2025-06-15', 3, AS_OF, 0], // its 12 months over: it no longer counts
    ['2026-06-16', 3, AS_OF, 0], // after the day classified
    ['2026-05-01', 0, AS_OF, 0],
  ] as const)('held on %s at %d points, classified on %s: %d off', (date, points, asOf, off) => {
    const r = run([interview(date)], asOf, { policy: policy({ interviewPoints: points }) });
    const items = deductionItems(r);
    expect(items.reduce((sum, i) => sum - i.points, 0)).toBe(off);
    if (off > 0)
      expect(items).toEqual([
        expect.objectContaining({
          recordKind: 'interview',
          rule: 'interview',
          label: '约谈：夜间用电异常',
          points: -off,
        }),
      ]);
  });
});

describe('accidents', () => {
  const DATE = '2025-11-30';
  it.each([
    ['general', 10, false, '一般事故'],
    ['larger', 25, true, '较大事故'],
    ['major', 40, true, '重大事故'],
    ['especially_major', 40, true, '特别重大事故'],
  ] as const)('a %s accident costs %i points; serious: %s', (level, points, serious, name) => {
    const stops = serious ? '2028-11-30' : '2026-11-30';
    const a = accident(DATE, level);
    for (const asOf of [DATE, addDays(stops, -1)]) {
      expect(deductionItems(run([a], asOf))).toEqual([
        {
          recordKind: 'accident',
          recordId: `a-${level}`,
          date: DATE,
          rule: `accident.${level}`,
          label: `生产安全事故：${name}`,
          points: -points,
          stopsCountingOn: stops,
          serious,
        },
      ]);
    }
    expect(deductionItems(run([a], stops))).toEqual([]);
  });

  it.each([
    ['major', '重大事故'],
    ['especially_major', '特别重大事故'],
  ] as const)('a %s accident forces D for 36 months', (level, name) => {
    const a = accident(DATE, level, { id: 'a-9' });
    const within = run([a], '2028-11-29');
    expect(within.tier).toBe('D');
    expect(within.forced).toEqual([
      { rule: `accident.${level}`, label: `严重失信情形：发生${name}`, recordIds: ['a-9'] },
    ]);
    const after = run([a], '2028-11-30');
    expect(after.forced).toEqual([]);
    expect(after.tier).toBe('A');
  });

  it('one larger accident does not force D; the score decides', () => {
    const r = run([accident('2026-03-01', 'larger', { id: 'a-1' })]);
    expect(r.forced).toEqual([]);
    expect(r.score).toBe(75);
    expect(r.tier).toBe('B');
  });

  it('two larger accidents within 12 months force D, naming both', () => {
    const r = run([accident('2025-06-16', 'larger', { id: 'a-1' }), accident('2026-03-01', 'larger', { id: 'a-2' })]);
    expect(r.tier).toBe('D');
    expect(r.forced).toEqual([
      {
        rule: 'accident.larger_repeated',
        label: '严重失信情形：12个月内发生2起以上较大事故',
        recordIds: ['a-1', 'a-2'],
      },
    ]);
  });

  it('two larger accidents are not repeated once the older is 12 months old (though it still costs points)', () => {
    const r = run([accident('2025-06-15', 'larger', { id: 'a-1' }), accident('2026-03-01', 'larger', { id: 'a-2' })]);
    expect(r.forced).toEqual([]);
    expect(r.deductions).toBe(50);
    expect(r.tier).toBe('D'); // by the score alone: 50
    expect(r.scoreTier).toBe('D');
    // With a gentler price the score alone would not reach D, so the forced rule is what matters.
    const cheap = policy({ accidentPoints: { ...P.accidentPoints, larger: 5 } });
    const pair = [accident('2025-06-16', 'larger', { id: 'a-1' }), accident('2026-03-01', 'larger', { id: 'a-2' })];
    expect(run(pair, AS_OF, { policy: cheap }).tier).toBe('D');
    expect(run(pair, '2026-06-16', { policy: cheap }).tier).toBe('A'); // 90
  });

  it('the repeated-larger rule follows the policy: a higher count, or 0 to switch it off', () => {
    const cheap = { ...P.accidentPoints, larger: 5 };
    const pair = [accident('2026-01-01', 'larger', { id: 'a-1' }), accident('2026-03-01', 'larger', { id: 'a-2' })];
    expect(
      run(pair, AS_OF, {
        policy: policy({ accidentPoints: cheap, forceD: { ...P.forceD, largerAccidentsInWindow: 0 } }),
      }).forced,
    ).toEqual([]);
    expect(
      run(pair, AS_OF, {
        policy: policy({ accidentPoints: cheap, forceD: { ...P.forceD, largerAccidentsInWindow: 3 } }),
      }).forced,
    ).toEqual([]);
    const three = [...pair, accident('2026-05-01', 'larger', { id: 'a-3' })];
    const r = run(three, AS_OF, {
      policy: policy({ accidentPoints: cheap, forceD: { ...P.forceD, largerAccidentsInWindow: 3 } }),
    });
    expect(r.forced).toEqual([
      {
        rule: 'accident.larger_repeated',
        label: '严重失信情形：12个月内发生3起以上较大事故',
        recordIds: ['a-1', 'a-2', 'a-3'],
      },
    ]);
    // Other levels do not count towards it.
    expect(
      run([accident('2026-01-01', 'general', { id: 'g' }), accident('2026-03-01', 'larger', { id: 'l' })]).forced,
    ).toEqual([]);
  });

  it.each([
    ['concealed', { concealed: true }],
    ['misreported', { misreported: true }],
  ])('a %s accident forces D for 36 months whatever its level', (_, flags) => {
    const a = accident(DATE, 'general', { id: 'a-5', ...flags });
    // A year and more later its points no longer count, but it still forces D.
    const later = run([a], '2027-11-29');
    expect(deductionItems(later)).toEqual([]);
    expect(later.score).toBe(100);
    expect(later.scoreTier).toBe('A');
    expect(later.tier).toBe('D');
    expect(later.forced).toEqual([
      { rule: 'accident.concealed', label: '严重失信情形：瞒报、谎报事故', recordIds: ['a-5'] },
    ]);
    expect(run([a], '2028-11-29').tier).toBe('D');
    expect(run([a], '2028-11-30').forced).toEqual([]);
    expect(run([a], '2028-11-30').tier).toBe('A');
  });

  it('concealment forces nothing when the policy switches it off', () => {
    const r = run([accident('2026-01-01', 'general', { concealed: true })], AS_OF, {
      policy: policy({ forceD: { ...P.forceD, concealedAccident: false } }),
    });
    expect(r.forced).toEqual([]);
    expect(r.tier).toBe('A'); // 90
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('penalties', () => {
  const DUE = '2026-03-01';

  it('an unexecuted penalty costs nothing on its due date and 10 points the day after, until executed', () => {
    const p = penalty(DUE, undefined, 'ordered_suspension');
    expect(deductionItems(run([p], DUE))).toEqual([]);
    expect(deductionItems(run([p], '2026-03-02'))).toEqual([
      {
        recordKind: 'penalty',
        recordId: 'p-1',
        date: DUE,
        rule: 'penalty.not_executed',
        label: `行政处罚逾期未执行：责令停产整顿（${DUE} 到期）`,
        points: -10,
        stopsCountingOn: null,
        serious: false,
      },
    ]);
    expect(run([p], '2029-03-02').deductions).toBe(10);
  });

  it('a penalty due after the day classified is ignored', () => {
    expect(deductionItems(run([penalty('2026-07-01')], AS_OF))).toEqual([]);
  });

  it.each([
    ['on its due date', DUE],
    ['before it', '2026-02-01'],
  ])('executed %s: nothing', (_, executedOn) => {
    expect(deductionItems(run([penalty(DUE, executedOn)], '2026-06-15'))).toEqual([]);
  });

  it('executed late: counts until 12 months after execution', () => {
    const p = penalty(DUE, '2026-03-10');
    expect(deductionItems(run([p], '2026-06-15'))).toEqual([
      {
        recordKind: 'penalty',
        recordId: 'p-1',
        date: DUE,
        rule: 'penalty.not_executed',
        label: `行政处罚逾期执行：罚款（${DUE} 到期，2026-03-10 执行）`,
        points: -10,
        stopsCountingOn: '2027-03-10',
        serious: false,
      },
    ]);
    expect(run([p], '2027-03-09').deductions).toBe(10);
    expect(plain(run([p], '2027-03-10').deductions)).toBe(0);
  });

  it('an execution date after the day classified is ignored: the penalty is unexecuted then', () => {
    const r = run([penalty(DUE, '2026-07-01')], '2026-06-15');
    expect(r.items[0]).toMatchObject({ rule: 'penalty.not_executed', points: -10, stopsCountingOn: null });
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('missed readings', () => {
  it('a point a day, newest first, capped at 15: of 20 days the 5 oldest carry 0 points', () => {
    const days = Array.from({ length: 20 }, (_, k) => addDays(AS_OF, -k)); // newest first
    const r = run(days.map(missed));
    const items = r.items.filter((i) => i.rule === 'missed_reading');
    expect(items).toHaveLength(20);
    expect(r.deductions).toBe(15);
    expect(r.score).toBe(85);
    for (const day of days.slice(0, 15))
      expect(items.find((i) => i.recordId === day)).toMatchObject({
        points: -1,
        label: `${day} 未按时报送电量`,
        stopsCountingOn: addMonths(day, 12),
      });
    for (const day of days.slice(15)) {
      const item = items.find((i) => i.recordId === day)!;
      expect(plain(item.points)).toBe(0);
      expect(item.label).toBe(`${day} 未按时报送电量（已达扣分上限）`);
    }
    // The first repair is the oldest day that still costs a point, not a capped 0-point day.
    expect(r.nextRepairOn).toBe(addMonths(days[14]!, 12));
  });

  it('the cap does not depend on the order the days are given in', () => {
    const days = Array.from({ length: 20 }, (_, k) => addDays(AS_OF, -k));
    expect(run([...days].reverse().map(missed))).toEqual(run(days.map(missed)));
  });

  it('a day more than 12 months old does not count, one day less does', () => {
    const old = addMonths(AS_OF, -12); // 2025-06-15: stops counting on AS_OF
    expect(plain(run([missed(old)]).deductions)).toBe(0);
    expect(run([missed(addDays(old, 1))]).deductions).toBe(1);
    // A day outside the window does not take a place under the cap either.
    const recent = Array.from({ length: 15 }, (_, k) => addDays(AS_OF, -k));
    const r = run([missed(old), ...recent.map(missed)]);
    expect(r.deductions).toBe(15);
    expect(r.items.filter((i) => i.rule === 'missed_reading')).toHaveLength(15);
  });

  it('the cap follows the policy', () => {
    const days = Array.from({ length: 10 }, (_, k) => missed(addDays(AS_OF, -k)));
    expect(run(days, AS_OF, { policy: policy({ missedReadingsCap: 4, missedReadingDayPoints: 2 }) }).deductions).toBe(
      4,
    );
    expect(run(days, AS_OF, { policy: policy({ missedReadingsCap: 30, missedReadingDayPoints: 2 }) }).deductions).toBe(
      20,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('bonuses', () => {
  // An over-capacity violation of 2025-01-10 still costs 20 points (serious window) but is older than 12 months,
  // so the clean-year bonus applies and the bonuses are visible in the score.
  const old = violation('2025-01-10', 'over_capacity');
  const bonusRules = (r: CreditResult) =>
    r.items.filter((i) => i.rule.startsWith('bonus.')).map((i) => [i.rule, i.points]);

  it.each([
    ['grade1', 5, [['bonus.standardisation.grade1', 5]]],
    ['grade2', 3, [['bonus.standardisation.grade2', 3]]],
    ['grade3', 0, []],
    ['none', 0, []],
  ] as const)('standardisation %s: +%i', (grade, points, items) => {
    const r = run([old], AS_OF, { standardisationGrade: grade });
    expect(bonusRules(r)).toEqual([...items, ['bonus.clean_year', 3]]);
    expect(r.bonuses).toBe(points + 3);
    expect(r.score).toBe(80 + points + 3);
  });

  it('labels the standardisation bonus in Chinese', () => {
    expect(
      run([], AS_OF, { standardisationGrade: 'grade1' }).items.find((i) => i.recordKind === 'standardisation')?.label,
    ).toBe('安全生产标准化一级');
    expect(
      run([], AS_OF, { standardisationGrade: 'grade2' }).items.find((i) => i.recordKind === 'standardisation')?.label,
    ).toBe('安全生产标准化二级');
  });

  it('a safety commitment filed within 12 months: +2; filed 12 months ago or later than the day classified: nothing', () => {
    const within = run([old, commitment('2025-06-16', 2025)]);
    expect(within.items.find((i) => i.rule === 'bonus.safety_commitment')).toEqual({
      recordKind: 'commitment',
      recordId: '2025',
      date: '2025-06-16',
      rule: 'bonus.safety_commitment',
      label: '2025 年度安全承诺已报备',
      points: 2,
      stopsCountingOn: '2026-06-16',
      serious: false,
    });
    expect(within.score).toBe(80 + 2 + 3);
    expect(run([old, commitment('2025-06-15')]).score).toBe(83);
    expect(run([old, commitment('2026-06-16')]).score).toBe(83);
    // Two commitments in the window still give the bonus once.
    expect(run([old, commitment('2025-08-01', 2025, 'c1'), commitment('2026-02-01', 2026, 'c2')]).bonuses).toBe(5);
  });

  it('clean year: +3 only when no deduction is dated within the last 12 months', () => {
    expect(run([]).items).toEqual([
      {
        recordKind: 'clean_year',
        recordId: null,
        date: null,
        rule: 'bonus.clean_year',
        label: '近 12 个月无扣分记录',
        points: 3,
        stopsCountingOn: null,
        serious: false,
      },
    ]);
    // A deduction dated exactly 12 months back is outside; one a day later is inside.
    expect(bonusRules(run([violation('2025-06-15', 'over_capacity')]))).toEqual([['bonus.clean_year', 3]]);
    expect(bonusRules(run([violation('2025-06-16', 'over_capacity')]))).toEqual([]);
    expect(run([violation('2025-06-16', 'over_capacity')]).score).toBe(80);
    // Any kind of deduction takes it away.
    for (const rec of [
      hazard('2026-05-01', 'general', '2026-06-01', '2026-05-20'),
      accident('2026-01-01', 'general'),
      penalty('2026-01-01'),
      missed('2026-06-01'),
    ]) {
      expect(bonusRules(run([rec]))).toEqual([]);
    }
    // A penalty executed on time, or a hazard found after the day classified, is no deduction.
    expect(bonusRules(run([penalty('2026-03-01', '2026-02-01')]))).toEqual([['bonus.clean_year', 3]]);
    expect(bonusRules(run([hazard('2026-06-16', 'major', '2026-07-01')]))).toEqual([['bonus.clean_year', 3]]);
  });

  it('bonuses are capped at 8: grade1 + commitment + clean year = 10 → 8', () => {
    const r = run([old, commitment('2026-01-05')], AS_OF, { standardisationGrade: 'grade1' });
    expect(bonusRules(r)).toEqual([
      ['bonus.standardisation.grade1', 5],
      ['bonus.safety_commitment', 2],
      ['bonus.clean_year', 3],
    ]);
    expect(r.bonuses).toBe(8);
    expect(r.deductions).toBe(20);
    expect(r.score).toBe(88);
  });

  it('the score never goes above the base score nor below 0', () => {
    const top = run([commitment('2026-01-05')], AS_OF, { standardisationGrade: 'grade1' });
    expect(top.bonuses).toBe(8);
    expect(top.score).toBe(100);
    expect(top.scoreTier).toBe('A');
    const many = (
      [
        'over_capacity',
        'cross_boundary_or_forgery',
        'banned_mining_method',
        'monitoring_failure',
        'fake_rectification',
        'licences_incomplete',
        'outdated_capacity',
      ] as const
    ).map((c) => violation('2026-01-01', c));
    const bottom = run([...many, accident('2026-02-01', 'larger')], AS_OF, { standardisationGrade: 'grade1' });
    expect(bottom.deductions).toBe(135);
    expect(bottom.score).toBe(0);
    expect(bottom.tier).toBe('D');
    expect(run([], AS_OF, { policy: policy({ baseScore: 95 }) }).score).toBe(95);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('tiers', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [75, 'B'],
    [74, 'C'],
    [60, 'C'],
    [59, 'D'],
    [0, 'D'],
  ] as const)('score %i → %s', (score, tier) => {
    expect(tierOfScore(score, P.tierFloors)).toBe(tier);
  });

  // The same boundaries reached through classify (no bonus: every deduction is recent).
  it.each([
    [[hazard('2026-01-01', 'major', '2026-12-01', undefined, 'h-1')], 90, 'A', '守信'],
    [
      [
        hazard('2026-01-01', 'major', '2026-12-01', undefined, 'h-1'),
        hazard('2026-01-02', 'general', '2026-12-01', undefined, 'h-2'),
      ],
      89,
      'B',
      '基本守信',
    ],
    [[accident('2026-01-01', 'larger')], 75, 'B', '基本守信'],
    [[accident('2026-01-01', 'larger'), hazard('2026-01-02', 'general', '2026-12-01')], 74, 'C', '失信'],
    [
      [violation('2026-01-01', 'over_capacity', { id: 'v1' }), violation('2026-01-02', 'over_capacity', { id: 'v2' })],
      60,
      'C',
      '失信',
    ],
    [
      [
        violation('2026-01-01', 'over_capacity', { id: 'v1' }),
        violation('2026-01-02', 'over_capacity', { id: 'v2' }),
        missed('2026-06-01'),
      ],
      59,
      'D',
      '严重失信',
    ],
  ])('%# classifies at score %i as %s', (records, score, tier, label) => {
    const r = run(records);
    expect(r.score).toBe(score);
    expect(r.scoreTier).toBe(tier);
    expect(r.tier).toBe(tier);
    expect(r.tierLabel).toBe(label);
    expect(r.forced).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('overrides and the blacklist', () => {
  // Forced D by a stopped mine producing, with an override to B from 2026-06-01 through 2026-08-31 (approved before
  // the rule that an override moves only a score's tier): the forced D stays; the override is not applied.
  const base = [
    violation('2026-01-10', 'stopped_mine_producing', { id: 'v-1' }),
    override('2026-06-01', '2026-08-31', 'B'),
  ];

  it.each(['2026-05-31', '2026-06-01', '2026-07-15', '2026-08-31', '2026-09-01'])(
    'an override does not lift a forced D (on %s)',
    (asOf) => {
      const r = run(base, asOf);
      expect(r.tier).toBe('D');
      expect(r.override).toBeNull();
      expect(r.score).toBe(70);
      expect(r.scoreTier).toBe('C');
      expect(r.forced.map((f) => f.rule)).toEqual(['violation.stopped_mine_producing']);
      expect(r.inspectionsPerYear).toBe(P.inspectionsPerYear.D);
    },
  );

  // A score-based tier (C, at 70 from an over-capacity violation and a major hazard) overridden to B.
  const scored = [
    violation('2026-01-10', 'over_capacity', { id: 'v-1' }),
    hazard('2026-01-11', 'major', '2026-12-01'),
    override('2026-06-01', '2026-08-31', 'B'),
  ];
  it.each([
    ['2026-05-31', 'C', false],
    ['2026-06-01', 'B', true],
    ['2026-07-15', 'B', true],
    ['2026-08-31', 'B', true],
    ['2026-09-01', 'C', false],
  ] as const)('a score-based tier is moved: on %s the tier is %s', (asOf, tier, active) => {
    const r = run(scored, asOf);
    expect(r.tier).toBe(tier);
    expect(r.override).toEqual(
      active ? { overrideId: 'o-1', tier: 'B', endsOn: '2026-08-31', reason: '整改到位，经局务会审议' } : null,
    );
    // The override changes the tier in force, not the score, the score's tier or the reasons.
    expect(r.score).toBe(70);
    expect(r.scoreTier).toBe('C');
    expect(r.forced).toEqual([]);
    expect(r.inspectionsPerYear).toBe(P.inspectionsPerYear[tier]);
  });

  it.each([
    ['a forced-D accident', accident('2026-03-01', 'major')],
    ['a concealed accident', accident('2026-03-01', 'general', { concealed: true })],
    ['a closed mine revived', violation('2026-03-01', 'closed_mine_revived')],
  ] as const)('%s keeps D under an active override to A', (_, record) => {
    const r = run([record, override('2026-06-01', '2026-12-31', 'A')]);
    expect(r.tier).toBe('D');
    expect(r.override).toBeNull();
    // Without the trigger the override would apply.
    expect(run([override('2026-06-01', '2026-12-31', 'A')]).override).not.toBeNull();
  });

  it('an override can also lower the tier', () => {
    const r = run([override('2026-06-01', '2026-12-31', 'C')]);
    expect(r.scoreTier).toBe('A');
    expect(r.tier).toBe('C');
  });

  it('of two active overrides the latest approved applies', () => {
    const r = run([override('2026-05-01', '2026-12-31', 'C', 'o-1'), override('2026-06-01', '2026-12-31', 'B', 'o-2')]);
    expect(r.override?.overrideId).toBe('o-2');
    expect(r.tier).toBe('B');
  });

  it('an active blacklist entry forces D, and an override does not lift it', () => {
    const r = run([
      override('2026-06-01', '2026-12-31', 'A'),
      { kind: 'blacklist', id: 'bl-1', date: '2026-03-01', endsOn: '2029-03-01' },
    ]);
    expect(r.score).toBe(100);
    expect(r.tier).toBe('D');
    expect(r.override).toBeNull();
    expect(r.forced).toEqual([{ rule: 'blacklist', label: '列入严重失信主体名单', recordIds: ['bl-1'] }]);
    expect(r.inspectionsPerYear).toBe(26);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('the result', () => {
  it('ignores records dated after the day classified', () => {
    const future = [
      violation('2026-06-16', 'closed_mine_revived'),
      accident('2026-06-16', 'especially_major', { concealed: true }),
      hazard('2026-06-16', 'major', '2026-06-16'),
      missed('2026-06-16'),
      commitment('2026-06-16'),
      override('2026-06-16', '2026-12-31', 'C'),
    ];
    expect(run(future)).toEqual(run([]));
    expect(run(future).tier).toBe('A');
  });

  it('nextRepairOn is the earliest day a deduction stops counting; null when none has an end', () => {
    const r = run([
      violation('2025-03-01', 'over_capacity'), // stops 2028-03-01
      hazard('2025-08-20', 'general', '2025-09-01', '2025-08-25'), // stops 2026-08-20
      penalty('2026-01-01', '2026-02-01'), // stops 2027-02-01
      penalty('2026-01-01', undefined, 'fine', 'p-2'), // no end
    ]);
    expect(r.nextRepairOn).toBe('2026-08-20');
    expect(run([penalty('2026-01-01'), hazard('2024-01-01', 'major', '2024-02-01')]).nextRepairOn).toBeNull();
    // A bonus's end is no repair.
    expect(run([commitment('2026-01-05')]).nextRepairOn).toBeNull();
  });

  it.each([
    [[], 'A', 4],
    [[accident('2026-01-01', 'larger')], 'B', 6],
    [[accident('2026-01-01', 'larger'), hazard('2026-01-02', 'general', '2026-12-01')], 'C', 12],
    [[violation('2026-01-10', 'closed_mine_revived')], 'D', 26],
    [[violation('2026-01-10', 'closed_mine_revived'), override('2026-06-01', '2026-06-30', 'A')], 'D', 26],
    [[accident('2026-01-01', 'larger'), override('2026-06-01', '2026-06-30', 'A')], 'A', 4],
  ] as const)('%# inspections a year follow the tier in force (%s: %i)', (records, tier, perYear) => {
    const r = run(records);
    expect(r.tier).toBe(tier);
    expect(r.inspectionsPerYear).toBe(perYear);
  });

  it('names the policy version it used', () => {
    const custom = policy({ ref: { definedAt: 'JUR#shanxi-lvliang', version: 3 } });
    expect(run([], AS_OF, { policy: custom }).policy).toEqual({ definedAt: 'JUR#shanxi-lvliang', version: 3 });
    expect(run([]).policy).toEqual({ definedAt: null, version: 0 });
  });

  it('lists deductions newest first, then the bonuses', () => {
    const r = run(
      [violation('2026-01-01', 'regulations_mismatch'), missed('2026-06-01'), accident('2026-03-01', 'general')],
      AS_OF,
      { standardisationGrade: 'grade2' },
    );
    expect(r.items.map((i) => i.rule)).toEqual([
      'missed_reading',
      'accident.general',
      'violation.regulations_mismatch',
      'bonus.standardisation.grade2',
    ]);
  });

  const everything: CreditRecord[] = [
    violation('2024-08-01', 'closed_mine_revived', { id: 'v-1' }),
    violation('2026-02-01', 'closed_mine_revived', { id: 'v-2' }),
    violation('2026-03-01', 'stopped_mine_producing', { id: 'v-3', caseId: 'case-1' }),
    violation('2026-03-01', 'regulations_mismatch', { id: 'v-4' }),
    hazard('2026-01-01', 'major', '2026-02-01', undefined, 'h-1'),
    hazard('2026-01-01', 'general', '2026-02-01', '2026-03-01', 'h-2'),
    accident('2025-09-01', 'larger', { id: 'a-1' }),
    accident('2026-04-01', 'larger', { id: 'a-2', concealed: true }),
    accident('2024-05-01', 'major', { id: 'a-3', misreported: true }),
    penalty('2026-02-01', undefined, 'fine', 'p-1'),
    penalty('2026-02-01', '2026-03-01', 'warning', 'p-2'),
    ...Array.from({ length: 18 }, (_, k) => missed(addDays('2026-06-10', -k))),
    commitment('2026-01-05'),
    override('2026-06-01', '2026-06-30', 'C'),
  ];

  it('is deterministic: the same input gives a deep-equal result, whatever the order of the records', () => {
    const input: CreditInput = { asOf: AS_OF, records: everything, standardisationGrade: 'grade1', policy: P };
    const first = classify(input);
    expect(classify(input)).toEqual(first);
    expect(classify(structuredClone(input))).toEqual(first);
    expect(classify({ ...input, records: [...everything].reverse() })).toEqual(first);
    const interleaved = [...everything.filter((_, k) => k % 2 === 1), ...everything.filter((_, k) => k % 2 === 0)];
    expect(classify({ ...input, records: interleaved })).toEqual(first);
    // Several forcing reasons, each listing its records.
    expect(first.forced.map((f) => [f.rule, [...f.recordIds].sort()])).toEqual(
      expect.arrayContaining([
        ['violation.closed_mine_revived', ['v-1', 'v-2']],
        ['violation.stopped_mine_producing', ['v-3']],
        ['accident.larger_repeated', ['a-1', 'a-2']],
        ['accident.concealed', ['a-2', 'a-3']],
        ['accident.major', ['a-3']],
      ]),
    );
    expect(first.forced).toHaveLength(5);
  });

  it('does not change its input', () => {
    const records = [...everything].reverse();
    const before = structuredClone(records);
    run(records);
    expect(records).toEqual(before);
  });
});

describe('countsOn', () => {
  it.each([
    ['2025-11-30', 12, '2025-11-29', false],
    ['2025-11-30', 12, '2025-11-30', true],
    ['2025-11-30', 12, '2026-11-29', true],
    ['2025-11-30', 12, '2026-11-30', false],
    ['2025-11-30', 36, '2028-11-29', true],
    ['2025-11-30', 36, '2028-11-30', false],
    ['2025-01-31', 1, '2025-02-27', true],
    ['2025-01-31', 1, '2025-02-28', false],
  ] as const)('a record of %s with a %i-month window counts on %s: %s', (date, months, asOf, counts) => {
    expect(countsOn(date, months, asOf)).toBe(counts);
  });
});
