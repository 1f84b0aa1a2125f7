import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { actOnCase } from '#lib/cases/case-actions.ts';
import { RULE_VIOLATION } from '#lib/cases/case-item.ts';
import { listCases } from '#lib/cases/case-queries.ts';
import { classifyMines } from '#lib/credit/classify-mines.ts';
import { putCommitment } from '#lib/credit/commitments.ts';
import { creditCurrentKey, type StoredCredit } from '#lib/credit/credit-store.ts';
import { TIERS, type Tier } from '#lib/credit/policy.ts';
import { commitmentBody } from '#lib/credit/schemas.ts';
import { actOnHazard, recordHazard } from '#lib/hazards/hazards.ts';
import { createHazardBody } from '#lib/hazards/schemas.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { recordViolationBody } from '#lib/violations/schemas.ts';
import { recordViolation } from '#lib/violations/violation-records.ts';
import { DEMO_JURISDICTION, DEMO_MINES } from './demo-district.ts';
import { DEMO_SUPERVISING_OFFICIAL } from './demo-users.ts';

/**
 * The demo district's safety credit (安全信用分类监管), so a newcomer sees every tier with reasons to read. A few
 * records on top of the enforcement and electricity seeds, written through the same functions the API uses, then
 * the classification as of 30 days ago and as of today, so the history shows tier changes. With the default policy:
 *
 * - A: 泰源煤矿, 蔬园一煤矿 (grade-2 standardisation and this year's safety commitment), m-demo03, 04, 09, 10, 13.
 * - B: m-demo05 (超能力, seeded by the enforcement seed), m-demo06 (licence violation and an overdue hazard),
 *   m-demo07 (an old accident and a recent 三违 at the blasting face), m-demo08 (the frozen-meter mine: an overdue
 *   major ventilation hazard, and the frozen meter's false readings as one violation of item 3, at 75 just B).
 * - C: m-demo12 (water: 探放水 violation and a major water hazard overdue while suspended for rectification).
 * - D: m-demo11 (the planted night production while suspended: its electricity case is confirmed as 明停暗开, a
 *   serious-dishonesty trigger), which drops from A to D today, is notified and proposed for the blacklist.
 *
 * Every person and fact is plainly fictional. Runs after the power seed: the case it confirms comes from there.
 */
const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队（演示）',
};
const SHUYUAN_SAFETY_OFFICE: Principal = {
  kind: 'mine',
  sub: 'seed-mine-user',
  role: 'mine_user',
  mineId: 'm-shuyuan1',
  name: '蔬园一煤矿安全科（演示）',
};
/** The listed hazards' supervising official: a leader of the district, from the directory. */
const official = { userId: DEMO_SUPERVISING_OFFICIAL.sub, name: DEMO_SUPERVISING_OFFICIAL.name };

/** How many days before today the first classification is dated. */
export const DEMO_CREDIT_HISTORY_DAYS = 30;

export interface DemoCreditSummary {
  readonly tiers: Record<Tier, number>;
}

export async function seedDemoCredit(db: Db): Promise<DemoCreditSummary> {
  const store = new TenantStore(db, INSPECTOR);
  const today = todayInShanghai(db.now());
  const day = (n: number) => addDays(today, n);
  const violation = (mineId: string, body: Record<string, unknown>) =>
    recordViolation(store, mineId, z.parse(recordViolationBody, { source: { kind: 'manual' }, ...body }));
  const hazard = (mineId: string, body: Record<string, unknown>) =>
    recordHazard(store, mineId, z.parse(createHazardBody, body));
  /** A major hazard under listed supervision whose rectification has started (and not ended). */
  const majorHazardRectifying = async (
    mineId: string,
    body: Record<string, unknown>,
    funds: number,
    contingencyPlan: string,
  ) => {
    const major = await hazard(mineId, {
      level: 'major',
      ...body,
      supervision: {
        responsiblePerson: { name: '矿长（演示）', position: '矿长' },
        funds: { amount: funds, source: '企业安全费用' },
        contingencyPlan,
        official,
      },
    });
    await actOnHazard(store, major.hazardId, { action: 'start', version: major.version });
  };

  // Mines are independent: each one's records in order, the mines side by side.
  await Promise.all([
    // 蔬园一煤矿 (A): files its yearly safety commitment itself, as a mine user does over the API.
    (async () => {
      const filedOn = day(-60);
      await putCommitment(
        new TenantStore(db, SHUYUAN_SAFETY_OFFICE),
        'm-shuyuan1',
        Number(today.slice(0, 4)),
        z.parse(commitmentBody, {
          filedOn,
          signedBy: '矿长（演示）',
          content: '严格落实安全生产主体责任，不超能力生产，重大事故隐患立即停产整改（演示）',
        }),
      );
    })(),

    // m-demo06 (B): besides its licence violation, a general hazard left past its deadline.
    hazard('m-demo06', {
      level: 'general',
      description: '井下消防材料库消防器材配备不足，部分灭火器过期（演示）',
      location: '井下消防材料库',
      foundOn: day(-25),
      deadline: day(-10),
    }),

    // m-demo07 (B): besides last year's accident, a 三违 found at the blasting face.
    violation('m-demo07', {
      category: 'three_violations_explosives',
      date: day(-12),
      description: '掘进工作面爆破作业未执行“一炮三检”和“三人连锁爆破”制度（演示）',
    }),

    // m-demo08 (B): the flatline mine. A major ventilation hazard past its deadline, and the frozen meter checked on
    // site: the mine went on reporting the frozen values as its readings, false reporting of the data the bureau
    // supervises with (item 3, one deduction). A meter is not the safety monitoring system of item 7.
    (async () => {
      await majorHazardRectifying(
        'm-demo08',
        {
          description: '总回风巷局部冒顶，巷道断面缩小，矿井总回风量低于设计需风量（演示）',
          location: '总回风巷',
          foundOn: day(-45),
          deadline: day(-15),
          measures: '限产撤人，清理冒落矸石并加强支护，恢复巷道设计断面，测风合格后方可恢复正常生产',
          category: 'VENTILATION_UNRELIABLE',
        },
        200000,
        '通风系统异常撤人预案（演示）',
      );
      await violation('m-demo08', {
        category: 'responsibility_not_fulfilled',
        date: day(-1),
        description: '现场核查：总进线电表自4天前起读数不变，矿方明知电表停走仍照报该读数，未如实报送用电数据（演示）',
      });
    })(),

    // m-demo12 (C): suspended for water. Its 探放水 violation came with a major water hazard, still not rectified.
    majorHazardRectifying(
      'm-demo12',
      {
        description: '掘进工作面前方老空区积水范围不清，未按规定探放水即组织掘进（演示）',
        location: '1201 掘进工作面',
        foundOn: day(-100),
        deadline: day(-40),
        measures: '停止掘进作业，补充水文地质勘探，编制并审批探放水设计，探明并疏放老空积水后方可恢复',
        category: 'WATER_HAZARD',
      },
      500000,
      '水害应急撤人预案（演示）',
    ),

    // m-demo11 (D): the night production the review found is confirmed on site: 明停暗开.
    confirmNightProduction(store, day(-1)),
  ]);

  const mineIds = DEMO_MINES.map((m) => m.id);
  await classifyMines(db, day(-DEMO_CREDIT_HISTORY_DAYS), mineIds);
  await classifyMines(db, today, mineIds);

  const current = await batchGet<StoredCredit>(db, mineIds.map(creditCurrentKey));
  const tiers = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const c of current) tiers[c.tier] += 1;
  return { tiers };
}

/**
 * Confirms one of m-demo11's open electricity cases after a night-time inspection found the hoist running, which
 * records a stopped_mine_producing violation: the hoist-share case first. The incident's other cases (night
 * production, consumption over the maintenance load) stay open for the bureau to work over the API, as the e2e
 * tests and a newcomer do. With no such case open (a review that found nothing), the violation is recorded directly.
 */
async function confirmNightProduction(store: TenantStore, yesterday: string): Promise<void> {
  const mineId = 'm-demo11';
  const open = (await listCases(store, { mineId, status: 'open', limit: 50 })).items.filter(
    (c) => RULE_VIOLATION[c.rule] === 'stopped_mine_producing',
  );
  const preference = ['HOIST_SHARE', 'SUSPENDED_OVER_MAINTENANCE', 'NIGHT_PRODUCTION', 'UNACCEPTED_PRODUCTION'];
  const c = open.sort((a, b) => preference.indexOf(a.rule) - preference.indexOf(b.rule))[0];
  const finding =
    '夜间突击检查：主井提升机正在提煤，井下采煤工作面有人员作业，提升机运行记录与夜间用电曲线一致，停产整顿期间擅自组织生产，属明停暗开（演示）';
  if (c) {
    const started = await actOnCase(store, c.caseId, {
      action: 'start',
      version: c.version,
      note: '派员夜间突击检查（演示）',
    });
    await actOnCase(store, c.caseId, {
      action: 'confirm',
      version: started.version,
      note: finding,
      evidence: ['夜间检查现场照片（演示）', '提升机运行记录（演示）'],
    });
    return;
  }
  await recordViolation(
    store,
    mineId,
    z.parse(recordViolationBody, {
      category: 'stopped_mine_producing',
      date: yesterday,
      description: finding,
      source: { kind: 'manual' },
    }),
  );
}
