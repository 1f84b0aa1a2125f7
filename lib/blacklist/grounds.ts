/**
 * Grounds for the serious-dishonesty list (严重失信主体名单), each with its legal basis. The national ones follow
 * 《安全生产严重失信主体名单管理办法》(应急管理部令第11号, 2023): art. 6 for accidents, art. 7 for violations
 * punished without an accident; the local ones come from the bureau's rectification plan and its credit policy.
 */
const ORDER_11 = '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）';
const LOCAL_PLAN = '本局煤矿安全专项整治三年行动实施方案（联合惩戒）';

export const BLACKLIST_GROUNDS = [
  { code: 'MAJOR_ACCIDENT', name: '发生特别重大、重大生产安全事故', basis: `${ORDER_11}第六条` },
  { code: 'REPEATED_LARGER_ACCIDENTS', name: '12个月内累计发生2起以上较大生产安全事故', basis: `${ORDER_11}第六条` },
  { code: 'ACCIDENT_CONCEALED', name: '瞒报、谎报生产安全事故', basis: `${ORDER_11}第六条` },
  {
    code: 'OPERATING_WITHOUT_PERMIT',
    name: '未依法取得安全生产许可或者许可被暂扣、吊销期间从事生产经营活动',
    basis: `${ORDER_11}第七条`,
  },
  { code: 'REFUSING_PENALTY', name: '拒不执行安全生产行政处罚决定或者监管监察指令', basis: `${ORDER_11}第七条` },
  { code: 'CLOSED_MINE_REVIVED', name: '已关闭煤矿死灰复燃、擅自恢复生产', basis: LOCAL_PLAN },
  { code: 'STOPPED_MINE_PRODUCING', name: '停产整顿煤矿明停暗开、未经验收擅自恢复生产', basis: LOCAL_PLAN },
  { code: 'CREDIT_TIER_D', name: '安全信用评为D级（严重失信）', basis: '本局安全信用分类监管策略' },
] as const;

export type GroundCode = (typeof BLACKLIST_GROUNDS)[number]['code'];
export const GROUND_CODES = BLACKLIST_GROUNDS.map((g) => g.code) as [GroundCode, ...GroundCode[]];

export interface BlacklistGround {
  readonly code: string;
  readonly name: string;
  /** The legal or policy basis (法律依据). */
  readonly basis: string;
}

/**
 * The statutory or local ground a credit model's forced-D reason (its rule, as the classification names it) is.
 * A mine that falls to D for one of these is proposed on that ground, with the credit tier beside it; a reason with
 * no ground of its own (a listing already in force, a category a bureau added) proposes on the credit tier alone.
 */
export const FORCED_RULE_GROUNDS: Readonly<Record<string, GroundCode>> = {
  'accident.major': 'MAJOR_ACCIDENT',
  'accident.especially_major': 'MAJOR_ACCIDENT',
  'accident.larger_repeated': 'REPEATED_LARGER_ACCIDENTS',
  'accident.concealed': 'ACCIDENT_CONCEALED',
  'violation.closed_mine_revived': 'CLOSED_MINE_REVIVED',
  'violation.stopped_mine_producing': 'STOPPED_MINE_PRODUCING',
  'violation.licences_incomplete': 'OPERATING_WITHOUT_PERMIT',
};

/** The grounds of forced-D reasons, each once, in the order of BLACKLIST_GROUNDS (statutory first). */
export const groundsOfForcedRules = (rules: readonly string[]): GroundCode[] => {
  const wanted = new Set(rules.map((r) => FORCED_RULE_GROUNDS[r]).filter((g) => g !== undefined));
  return GROUND_CODES.filter((g) => wanted.has(g));
};

export const groundOf = (code: GroundCode): BlacklistGround => ({ ...BLACKLIST_GROUNDS.find((g) => g.code === code)! });

export { SCOPE_LABELS, SCOPES, type Scope } from './vocabulary.ts';
