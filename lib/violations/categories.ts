/**
 * The plan's list of illegal acts (违法违规行为), numbered 1–19 in the plan (17 is absent there). Codes are stable;
 * the number is the plan's, the name a short label in the plan's own words: nothing the plan does not say (item 1 is
 * outdated capacity, not "not closed on time"; item 5 is hiding working places with false drawings and false seals
 * 密闭, not 印章), nothing it says left out (设备工艺 in 6, 高冒区 in 8, 整改闭合时限较长 in 12), and item 15 covers
 * every stopped mine (停产停工), not only those ordered to stop for rectification.
 */
export const VIOLATION_CATEGORIES = [
  { code: 'outdated_capacity', no: 1, name: '淘汰落后产能' },
  { code: 'licences_incomplete', no: 2, name: '证照不全或证照失效组织生产' },
  { code: 'responsibility_not_fulfilled', no: 3, name: '安全生产主体责任不落实' },
  { code: 'over_capacity', no: 4, name: '超能力、超强度、超定员组织生产' },
  { code: 'cross_boundary_or_forgery', no: 5, name: '越界开采，以假图纸、假密闭等隐瞒作业地点' },
  { code: 'banned_mining_method', no: 6, name: '使用国家明令禁止的采煤方法、设备工艺' },
  { code: 'monitoring_failure', no: 7, name: '监控系统不能正常运行或篡改数据、瓦斯超限作业' },
  { code: 'fire_goaf_sealing', no: 8, name: '火区、采空区、高冒区未按规定封闭' },
  { code: 'fire_water_measures', no: 9, name: '防灭火、防治水措施不落实' },
  { code: 'three_violations_explosives', no: 10, name: '“三违”及火工品、电气焊管理违规' },
  { code: 'regulations_mismatch', no: 11, name: '作业规程与现场不符' },
  { code: 'fake_rectification', no: 12, name: '隐患整改弄虚作假、整改闭合时限较长' },
  { code: 'illegal_contracting', no: 13, name: '违法承包、转包、分包' },
  { code: 'upgrade_violation', no: 14, name: '升级改造违规组织生产' },
  { code: 'stopped_mine_producing', no: 15, name: '停产停工煤矿明停暗开、未经验收擅自生产或拒不执行停产指令' },
  { code: 'exit_plan_violation', no: 16, name: '违反退出方案' },
  { code: 'repair_out_of_scope', no: 18, name: '维修矿井超范围作业' },
  { code: 'closed_mine_revived', no: 19, name: '已关闭煤矿死灰复燃' },
] as const;

export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number]['code'];
export const VIOLATION_CODES = VIOLATION_CATEGORIES.map((c) => c.code) as [ViolationCategory, ...ViolationCategory[]];
export const categoryName = (code: ViolationCategory): string =>
  VIOLATION_CATEGORIES.find((c) => c.code === code)!.name;
export const categoryNo = (code: ViolationCategory): number => VIOLATION_CATEGORIES.find((c) => c.code === code)!.no;
export const isViolationCategory = (value: unknown): value is ViolationCategory =>
  VIOLATION_CATEGORIES.some((c) => c.code === value);
