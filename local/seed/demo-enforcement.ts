import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { recordAccident } from '#lib/accidents/accidents.ts';
import { recordAccidentBody } from '#lib/accidents/schemas.ts';
import type { Principal } from '#lib/auth/principal.ts';
import { actOnHazard, recordHazard } from '#lib/hazards/hazards.ts';
import { createHazardBody } from '#lib/hazards/schemas.ts';
import { createInspection } from '#lib/inspections/inspections.ts';
import { createInspectionBody } from '#lib/inspections/schemas.ts';
import { recordInterview } from '#lib/interviews/interviews.ts';
import { recordInterviewBody } from '#lib/interviews/schemas.ts';
import { actOnPenalty, createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody } from '#lib/penalties/schemas.ts';
import { listPersons } from '#lib/registry/persons.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { recordViolationBody } from '#lib/violations/schemas.ts';
import { recordViolation } from '#lib/violations/violation-records.ts';
import { DEMO_JURISDICTION } from './demo-district.ts';
import { DEMO_OFFICIAL, DEMO_SUPERVISING_OFFICIAL } from './demo-users.ts';

/**
 * The demo district's enforcement history, written through the same functions the API uses: open and overdue
 * hazards, one major hazard under listed supervision, violations across categories, a penalty awaiting legal
 * review, an inspection, an interview (约谈) of a mine's head, an accident in one mine. Every person is a plainly
 * fictional demo role.
 */
const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队（演示）',
};
/** The listed hazards' supervising official: a leader of the district, from the directory. */
const official = { userId: DEMO_SUPERVISING_OFFICIAL.sub, name: DEMO_SUPERVISING_OFFICIAL.name };

export async function seedDemoEnforcement(db: Db): Promise<void> {
  const store = new TenantStore(db, INSPECTOR);
  const today = todayInShanghai(db.now());
  const day = (n: number) => addDays(today, n);

  const major = await recordHazard(
    store,
    'm-taiyuan',
    z.parse(createHazardBody, {
      level: 'major',
      description: '2301 回采工作面上隅角瓦斯浓度多次超过 1.0%，仍在作业',
      location: '2301 回采工作面',
      foundOn: day(-6),
      deadline: day(20),
      measures: '停止工作面作业，调整通风系统，增设抽采钻孔，瓦斯浓度稳定合格后方可恢复',
      category: 'GAS_OVERLIMIT',
      supervision: {
        responsiblePerson: { name: '矿长（演示）', position: '矿长' },
        funds: { amount: 350000, source: '企业安全费用' },
        contingencyPlan: '瓦斯超限撤人预案（演示）',
        official,
      },
    }),
  );
  await actOnHazard(store, major.hazardId, { action: 'start', version: major.version });
  await recordHazard(
    store,
    'm-demo03',
    z.parse(createHazardBody, {
      level: 'general',
      description: '主排水泵房备用泵不能正常启动',
      location: '中央水泵房',
      foundOn: day(-15),
      deadline: day(-5),
    }),
  );
  await recordHazard(
    store,
    'm-demo07',
    z.parse(createHazardBody, {
      level: 'general',
      description: '局部通风机未实现双风机双电源自动切换',
      location: '3号掘进工作面',
      foundOn: day(-2),
      deadline: day(10),
    }),
  );

  await recordViolation(
    store,
    'm-demo06',
    z.parse(recordViolationBody, {
      category: 'licences_incomplete',
      date: day(-40),
      description: '安全生产许可证即将到期仍未申请延期',
      source: { kind: 'manual' },
    }),
  );
  await recordViolation(
    store,
    'm-demo12',
    z.parse(recordViolationBody, {
      category: 'fire_water_measures',
      date: day(-100),
      description: '探放水设计未经审批即组织掘进',
      source: { kind: 'manual' },
    }),
  );
  // The mine manager answers for the manning and for the production while suspended: both records name them.
  const manager = async (mineId: string) =>
    (await listPersons(store, mineId)).filter((p) => p.role === 'mine_manager').map((p) => p.personId);
  await recordViolation(
    store,
    'm-demo05',
    z.parse(recordViolationBody, {
      category: 'over_capacity',
      date: day(-3),
      description: '单班入井人数超过核定定员',
      source: { kind: 'manual' },
      responsiblePersons: await manager('m-demo05'),
    }),
  );

  const fine = await createPenalty(
    store,
    'm-demo11',
    z.parse(createPenaltyBody, {
      kind: 'fine',
      amountYuan: 80000,
      basis: '《安全生产法》第一百一十三条（演示）',
      description: '停产整顿期间擅自组织生产（演示）',
      responsiblePersons: await manager('m-demo11'),
    }),
  );
  await actOnPenalty(store, fine.penaltyId, { action: 'submit_for_review', version: fine.version });

  await createInspection(
    store,
    'm-taiyuan',
    z.parse(createInspectionBody, {
      kind: 'done',
      doneOn: day(-30),
      inspectors: [{ userId: 'seed-inspector', name: '监管中队（演示）' }],
      summary: '例行执法检查：通风、瓦斯、机电（演示）',
    }),
  );
  await recordInterview(
    store,
    'm-demo07',
    z.parse(recordInterviewBody, {
      date: day(-190),
      summoned: [{ name: '矿长（演示）', position: '矿长' }],
      heldBy: [{ userId: DEMO_OFFICIAL.sub }],
      subject: '运输事故后约谈矿长，通报事故教训（演示）',
      followUp: { requirements: '一个月内完成运输系统隐患排查并书面报告（演示）', dueOn: day(-160) },
    }),
  );
  await recordAccident(
    store,
    'm-demo07',
    z.parse(recordAccidentBody, {
      date: day(-200),
      level: 'general',
      deaths: 0,
      injuries: 1,
      description: '运输巷道矿车掉道致一人重伤（演示）',
    }),
  );
}
