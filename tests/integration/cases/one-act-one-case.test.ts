// One act, one case, on the real store: a stopped mine's production-level day is found by 未经验收擅自生产 and by
// 明停暗开 (the maintenance rule); it opens one case, named 未经验收擅自生产, with the 明停暗开 finding as its
// evidence, and confirmed it is one violation, so the mine's credit counts the act once. A day the maintenance rule
// alone finds still opens its own case. A stopped day the electricity and the personnel feed both find is one act
// too: one case, each witness its evidence, whatever order the findings come in.
import { beforeAll, describe, expect, it } from 'vitest';
import { actOnCase, caseDetail } from '#lib/cases/case-actions.ts';
import type { CaseItem } from '#lib/cases/case-item.ts';
import { recordCaseFindings } from '#lib/cases/record-findings.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { storedCreditOf } from '#lib/credit/credit-store.ts';
import { DEFAULT_CREDIT_THRESHOLDS } from '#lib/credit/policy.ts';
import type { Finding } from '#lib/findings/vocabulary.ts';
import { changeStatus } from '#lib/registry/status-history.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { ADMIN, type DistrictDb, districtDb, INSPECTOR } from '../../support/district-db.ts';
import { currentCreditItem } from '../credit/fixtures.ts';
import { reviewed } from './fixtures.ts';

const TODAY = '2025-06-20';
const FOUND = '2025-06-10';
const NEXT = '2025-06-11';

const overMaintenance: Finding = {
  rule: 'SUSPENDED_OVER_MAINTENANCE',
  severity: 'high',
  measured: 12_000,
  threshold: 4500,
  unit: 'kWh',
  baseline: { name: 'maintenanceKwh', value: 3461.5, source: 'equipment' },
  message: '停产整顿期间日用电量 12,000 kWh，超过维持性负荷。',
};
const unaccepted: Finding = {
  rule: 'UNACCEPTED_PRODUCTION',
  severity: 'critical',
  measured: 12_000,
  threshold: 8250,
  unit: 'kWh',
  baseline: { name: 'productionCeilingKwh', value: 27_500, source: 'capacity' },
  message: '停产整顿期间日用电量 12,000 kWh，达到生产用电水平，未经复工复产验收，疑似擅自组织生产。',
};

let ctx: DistrictDb;
let db: Db;

const casesOf = (mineId: string) => queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix });
const findingRecord = (mineId: string, rule: string, date: string) =>
  getItem<{ caseId: string }>(db, { PK: pk.mine(mineId), SK: sk.finding(rule, date) });

beforeAll(async () => {
  ctx = await districtDb(TODAY, ['m-one-act', 'm-maintenance-only', 'm-witnesses', 'm-crew-witness']);
  db = ctx.db;
  ctx.on('2024-01-05');
  for (const mineId of ['m-one-act', 'm-maintenance-only', 'm-witnesses', 'm-crew-witness'])
    await changeStatus(ctx.as(ADMIN), mineId, {
      status: 'rectifying',
      effectiveDate: '2024-01-05',
      reason: '停产整顿',
    });
  ctx.on(TODAY);
});

describe('a stopped mine’s production-level day', () => {
  it('opens one case, named 未经验收擅自生产, with the 明停暗开 finding as its evidence', async () => {
    // The weaker finding first, as the engine lists them: the order does not decide the case.
    const first = await recordCaseFindings(db, [reviewed('m-one-act', FOUND, [overMaintenance, unaccepted])]);
    expect(first.opened).toHaveLength(1);
    expect(first.evidence).toBe(1);
    const [c, ...more] = await casesOf('m-one-act');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ rule: 'UNACCEPTED_PRODUCTION', ruleLabel: '未经验收擅自生产', severity: 'critical' });
    expect(await findingRecord('m-one-act', 'SUSPENDED_OVER_MAINTENANCE', FOUND)).toMatchObject({ caseId: c!.caseId });
    expect(await getItem(db, { PK: pk.mine('m-one-act'), SK: sk.openCase('SUSPENDED_OVER_MAINTENANCE') })).toBe(
      undefined,
    );

    const detail = await caseDetail(ctx.as(INSPECTOR), c!.caseId);
    expect(detail.evidence.map((e) => [e.date, e.finding.rule])).toEqual([
      [FOUND, 'UNACCEPTED_PRODUCTION'],
      [FOUND, 'SUSPENDED_OVER_MAINTENANCE'],
    ]);
  });

  it('run again, and on the next day, adds to the same case and opens nothing', async () => {
    expect(await recordCaseFindings(db, [reviewed('m-one-act', FOUND, [overMaintenance, unaccepted])])).toEqual({
      opened: [],
      evidence: 0,
    });
    expect(await recordCaseFindings(db, [reviewed('m-one-act', NEXT, [overMaintenance, unaccepted])])).toEqual({
      opened: [],
      evidence: 2,
    });
    const cases = await casesOf('m-one-act');
    expect(cases).toHaveLength(1);
    const detail = await caseDetail(ctx.as(INSPECTOR), cases[0]!.caseId);
    expect(detail.evidence.map((e) => [e.date, e.finding.rule])).toEqual([
      [NEXT, 'UNACCEPTED_PRODUCTION'],
      [NEXT, 'SUSPENDED_OVER_MAINTENANCE'],
      [FOUND, 'UNACCEPTED_PRODUCTION'],
      [FOUND, 'SUSPENDED_OVER_MAINTENANCE'],
    ]);
  });

  it('confirmed, is one violation: the credit classification deducts the act once', async () => {
    const [c] = await casesOf('m-one-act');
    const store = ctx.as(INSPECTOR);
    const started = await actOnCase(store, c!.caseId, { action: 'start', version: c!.version });
    const confirmed = await actOnCase(store, c!.caseId, {
      action: 'confirm',
      version: started.version,
      note: '现场核实：停产整顿期间组织采煤',
    });
    expect(confirmed.outcome).toMatchObject({ statusOnDay: 'rectifying', category: 'stopped_mine_producing' });

    await classifyMines(db, TODAY, ['m-one-act']);
    const credit = storedCreditOf((await currentCreditItem(db, 'm-one-act'))!);
    const violations = credit.items.filter((i) => i.recordKind === 'violation');
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'violation.stopped_mine_producing',
        points: -DEFAULT_CREDIT_THRESHOLDS.violationPoints.stopped_mine_producing,
      }),
    ]);
  });
});

describe('a day the maintenance rule alone finds', () => {
  it('opens a 明停暗开 case of its own', async () => {
    const { opened } = await recordCaseFindings(db, [reviewed('m-maintenance-only', FOUND, [overMaintenance])]);
    expect(opened).toHaveLength(1);
    expect((await casesOf('m-maintenance-only')).map((c) => c.rule)).toEqual(['SUSPENDED_OVER_MAINTENANCE']);
  });
});

const finding = (rule: Finding['rule'], severity: Finding['severity'], unit: Finding['unit'] = 'people'): Finding => ({
  rule,
  severity,
  measured: 23,
  threshold: 10,
  unit,
  baseline: { name: 'dutyCrew', value: 10, source: 'default' },
  message: `${rule} 的发现。`,
});
const people = finding('PEOPLE_WHEN_STOPPED', 'high');
const disagree = finding('POWER_PEOPLE_DISAGREE', 'high');
const night = finding('NIGHT_PRODUCTION', 'high', 'share');

describe('a stopped day found by the electricity and by the people', () => {
  it('opens one case with every witness as its evidence, named 未经验收擅自生产 when it found the day', async () => {
    // The weakest first: the order of the findings does not decide the case.
    const { opened, evidence } = await recordCaseFindings(db, [
      reviewed('m-witnesses', FOUND, [night, disagree, overMaintenance, people, unaccepted]),
    ]);
    expect(opened).toHaveLength(1);
    expect(evidence).toBe(4);
    const [c, ...more] = await casesOf('m-witnesses');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ rule: 'UNACCEPTED_PRODUCTION', severity: 'critical' });
    const detail = await caseDetail(ctx.as(INSPECTOR), c!.caseId);
    expect(detail.evidence.map((e) => e.finding.rule).sort()).toEqual(
      [
        'NIGHT_PRODUCTION',
        'PEOPLE_WHEN_STOPPED',
        'POWER_PEOPLE_DISAGREE',
        'SUSPENDED_OVER_MAINTENANCE',
        'UNACCEPTED_PRODUCTION',
      ].sort(),
    );
  });

  it('without a production-level day, the people name the case and the night finding joins it', async () => {
    const { opened, evidence } = await recordCaseFindings(db, [reviewed('m-crew-witness', FOUND, [night, people])]);
    expect(opened).toHaveLength(1);
    expect(evidence).toBe(1);
    const [c, ...more] = await casesOf('m-crew-witness');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ rule: 'PEOPLE_WHEN_STOPPED', ruleLabel: '停产停建矿井有人员下井作业' });
    expect(await findingRecord('m-crew-witness', 'NIGHT_PRODUCTION', FOUND)).toMatchObject({ caseId: c!.caseId });
    const detail = await caseDetail(ctx.as(INSPECTOR), c!.caseId);
    expect(detail.evidence.map((e) => e.finding.rule)).toEqual(['PEOPLE_WHEN_STOPPED', 'NIGHT_PRODUCTION']);
  });
});
