// A confirmed case of 超定员 (OVER_HEADCOUNT) or 瓦斯超限未断电 (GAS_NO_POWER_CUT) on DynamoDB Local, classified:
// the case gathered several days of findings, its confirmation records one violation and puts the case, judged the
// major hazard the act is, on the credit index; an inspector records that major hazard from the case too; the nightly
// classification counts the act once, at the heavier of the violation and the major hazard, naming both. A major hazard an inspection found on its
// own is a record of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { actOnCase, caseDetail } from '#lib/cases/case-actions.ts';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { recordCaseFindings } from '#lib/cases/record-findings.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { storedCreditOf } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_THRESHOLDS as T } from '#lib/credit/policy.ts';
import type { Finding, RuleId } from '#lib/findings/vocabulary.ts';
import { recordHazard } from '#lib/hazards/hazards.ts';
import type { HazardInput } from '#lib/hazards/rules.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';
import { findViolation } from '#lib/violations/violation-records.ts';
import { inDirectory } from '../../support/directory.ts';
import { type DistrictDb, DS, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { bureau } from '../../support/registry-fixtures.ts';
import { creditRecords, currentCreditItem } from './fixtures.ts';

const TODAY = '2026-06-20';
const FOUND = '2026-06-10';
/** Three days of findings, the same act seen each day. */
const DAYS = [FOUND, addDays(FOUND, 1), addDays(FOUND, 2)];

const overHeadcount: Finding = {
  rule: 'OVER_HEADCOUNT',
  severity: 'critical',
  measured: 152,
  threshold: 120,
  unit: 'people',
  baseline: { name: 'approvedHeadcount', value: 120, source: 'headcount' },
  message: '早班井下 152 人，超过核定 120 人。',
};
const gasNoPowerCut: Finding = {
  rule: 'GAS_NO_POWER_CUT',
  severity: 'critical',
  measured: 1.6,
  threshold: 1,
  unit: 'percent',
  baseline: { name: 'gasLimitPercent', value: 1, source: 'default' },
  message: '1201 回风巷甲烷 1.6%，未断电。',
};

let ctx: DistrictDb;
let db: Db;

beforeAll(async () => {
  ctx = await districtDb(TODAY, ['m-crowd', 'm-gas', 'm-apart']);
  db = ctx.db;
  await inDirectory(db, bureau('inspector', DS, 'u-official'), { name: '督办人某' });
});

/** The case the findings of `days` opened (one: later days add evidence to it), confirmed by the inspector. */
async function confirmedCase(mineId: string, finding: Finding): Promise<CaseItem> {
  for (const date of DAYS)
    await recordCaseFindings(db, [
      {
        review: { mineId, date, findings: [finding] },
        mineName: `${mineId} 煤矿`,
        jurisdiction: DS,
        caseDeadlineDays: 3,
      },
    ]);
  const cases = await queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });
  expect(cases).toHaveLength(1);
  const c = cases[0]!;
  const store = ctx.as(INSPECTOR);
  expect((await caseDetail(store, c.caseId)).evidence).toHaveLength(DAYS.length);
  const started = await actOnCase(store, c.caseId, { action: 'start', version: c.version });
  return (await actOnCase(store, c.caseId, {
    action: 'confirm',
    version: started.version,
    note: '现场核实属实',
  })) as CaseItem;
}

const major = (category: string, more: Partial<HazardInput> = {}): HazardInput => ({
  level: 'major',
  description: '核实属实，列为重大事故隐患',
  location: '一采区',
  foundOn: TODAY,
  deadline: addDays(TODAY, 30),
  category,
  measures: '停止超员作业，撤出超员人员',
  supervision: {
    responsiblePerson: { name: '矿长某', position: '矿长' },
    funds: { amount: 50000 },
    contingencyPlan: '应急预案',
    official: { userId: 'u-official', name: '督办人某' },
  },
  ...more,
});

const deductionsOf = async (mineId: string) => {
  await classifyMines(db, TODAY, [mineId]);
  const credit = storedCreditOf((await currentCreditItem(db, mineId))!);
  const items = credit.items.filter((i) => !i.rule.startsWith('bonus.'));
  return { credit: credit!, items, charged: items.filter((i) => i.points < 0) };
};

describe.each<[string, RuleId, Finding, string, string, number]>([
  ['超定员', 'OVER_HEADCOUNT', overHeadcount, 'm-crowd', 'OVER_CAPACITY', T.violationPoints.over_capacity],
  ['瓦斯超限未断电', 'GAS_NO_POWER_CUT', gasNoPowerCut, 'm-gas', 'GAS_OVERLIMIT', T.violationPoints.monitoring_failure],
])('a confirmed case of %s', (_name, rule, finding, mineId, category, points) => {
  let c: CaseItem;

  it('confirms to one violation, the case judged the major hazard the act is', async () => {
    c = await confirmedCase(mineId, finding);
    expect(c.rule).toBe(rule);
    expect(c.outcome).toMatchObject({ majorHazard: category, label: expect.stringContaining('属重大事故隐患') });
    expect(await findViolation(db, c.violationId!)).toMatchObject({ source: { kind: 'case', id: c.caseId } });
    // The violation and the case judged a major hazard, both on the credit index, dated the finding's first day.
    expect(await creditRecords(db, mineId, TODAY)).toEqual([
      { kind: 'case', id: c.caseId, date: FOUND, majorHazard: category },
      expect.objectContaining({ kind: 'violation', id: c.violationId, caseId: c.caseId, date: FOUND }),
    ]);
  });

  it('costs the act once, as the violation and the major hazard it is', async () => {
    const { charged, credit } = await deductionsOf(mineId);
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({ recordKind: 'violation', points: -points });
    expect(charged[0]!.label).toContain('重大事故隐患：');
    expect(credit.score).toBe(T.baseScore - points + 3);
  });

  it('the major hazard recorded from the case too: still once', async () => {
    ctx.on(TODAY);
    await recordHazard(ctx.as(INSPECTOR), mineId, major(category, { source: 'case', caseId: c.caseId }));
    const { items, charged, credit } = await deductionsOf(mineId);
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({ recordKind: 'violation', points: -points });
    expect(items.filter((i) => i.recordKind === 'hazard')).toEqual([
      expect.objectContaining({ rule: 'hazard.major.same_act', points: 0 }),
    ]);
    expect(credit.score).toBe(T.baseScore - points + 3);
  });

  it('closed, the case is still the act: counted once', async () => {
    const store = ctx.as(INSPECTOR);
    const current = (await queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix }))[0]!;
    await actOnCase(store, c.caseId, { action: 'close', version: current.version });
    expect(await creditRecords(db, mineId, TODAY)).toContainEqual({
      kind: 'case',
      id: c.caseId,
      date: FOUND,
      majorHazard: category,
    });
    const { charged, credit } = await deductionsOf(mineId);
    expect(charged).toEqual([expect.objectContaining({ recordKind: 'violation', points: -points })]);
    expect(credit.score).toBe(T.baseScore - points + 3);
  });
});

describe('a major hazard an inspection found on its own', () => {
  it('is its own record beside a case', async () => {
    const c = await confirmedCase('m-apart', overHeadcount);
    await recordHazard(ctx.as(INSPECTOR), 'm-apart', major('VENTILATION_UNRELIABLE'));
    const { charged } = await deductionsOf('m-apart');
    expect(charged.map((i) => [i.recordKind, i.points]).sort()).toEqual([
      ['hazard', -T.hazardPoints.major],
      ['violation', -T.violationPoints.over_capacity],
    ]);
    expect(c.violationId).toBeDefined();
  });
});
