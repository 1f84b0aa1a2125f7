import { ACCIDENT_LEVEL_LABELS } from '#lib/accidents/vocabulary.ts';
import { PENALTY_KIND_LABELS } from '#lib/penalties/vocabulary.ts';

/**
 * The bureau's policies as the policies page shows them: each one's API name, the key its settings travel under, a
 * Chinese label and range for every setting, and the pure steps of the form (settings flattened into fields, the
 * fields changed back into the nested change a PUT or a preview takes, the API's field errors put beside the field).
 */
/**
 * The plan's illegal acts by code, as lib/violations/categories.ts numbers and names them (the dashboard may not
 * import that module; tests/unit/credit/policy-labels.test.ts holds the two together).
 */
export const VIOLATION_LABELS: Record<string, string> = {
  outdated_capacity: '第1项 淘汰落后产能',
  licences_incomplete: '第2项 证照不全或证照失效组织生产',
  responsibility_not_fulfilled: '第3项 安全生产主体责任不落实',
  over_capacity: '第4项 超能力、超强度、超定员组织生产',
  cross_boundary_or_forgery: '第5项 越界开采，以假图纸、假密闭等隐瞒作业地点',
  banned_mining_method: '第6项 使用国家明令禁止的采煤方法、设备工艺',
  monitoring_failure: '第7项 监控系统不能正常运行或篡改数据、瓦斯超限作业',
  fire_goaf_sealing: '第8项 火区、采空区、高冒区未按规定封闭',
  fire_water_measures: '第9项 防灭火、防治水措施不落实',
  three_violations_explosives: '第10项 “三违”及火工品、电气焊管理违规',
  regulations_mismatch: '第11项 作业规程与现场不符',
  fake_rectification: '第12项 隐患整改弄虚作假、整改闭合时限较长',
  illegal_contracting: '第13项 违法承包、转包、分包',
  upgrade_violation: '第14项 升级改造违规组织生产',
  stopped_mine_producing: '第15项 停产停工煤矿明停暗开、未经验收擅自生产或拒不执行停产指令',
  exit_plan_violation: '第16项 违反退出方案',
  repair_out_of_scope: '第18项 维修矿井超范围作业',
  closed_mine_revived: '第19项 已关闭煤矿死灰复燃',
};

/** An item of a list setting in words: a violation category, an accident level, a penalty kind, a department. */
export const codeLabel = (item: unknown): string => {
  if (typeof item === 'object' && item !== null) {
    const o = item as { name?: unknown; code?: unknown };
    return String(o.name ?? o.code ?? JSON.stringify(item));
  }
  const code = String(item);
  return (
    VIOLATION_LABELS[code] ??
    ACCIDENT_LEVEL_LABELS[code as keyof typeof ACCIDENT_LEVEL_LABELS] ??
    PENALTY_KIND_LABELS[code as keyof typeof PENALTY_KIND_LABELS] ??
    code
  );
};

export interface PolicyDef {
  /** `/v1/policies/<name>`. */
  readonly name: string;
  readonly title: string;
  readonly field: string;
  /** The API previews a change of it (the review over 30 days, the credit tiers today). */
  readonly preview: boolean;
  readonly note: string;
}

export const POLICIES: readonly PolicyDef[] = [
  {
    name: 'power-review',
    title: '电力审查',
    field: 'thresholds',
    preview: true,
    note: '每日用电审查的阈值。保存前可预览：按新阈值重算过去30天各矿每日审查，看哪些审查结果（结论或发现的问题）会改变。',
  },
  {
    name: 'credit',
    title: '信用分类',
    field: 'thresholds',
    preview: true,
    note: '安全信用计分、等级分数线和检查频次。保存前可预览各矿今日等级的变化。直接判定 D 级的情形须经法制审核。',
  },
  { name: 'penalty', title: '处罚', field: 'thresholds', preview: false, note: '行政处罚的办理期限与重大处罚标准。' },
  {
    name: 'blacklist',
    title: '名单',
    field: 'terms',
    preview: false,
    note: '严重失信主体名单的管理期限、通报部门与查询限额。',
  },
  { name: 'reminders', title: '提醒', field: 'rules', preview: false, note: '到期提醒的提前天数与升级规则。' },
  {
    name: 'disclosure',
    title: '执法公示',
    field: 'terms',
    preview: false,
    note: '行政处罚生效后几个工作日内公示、公示多久撤下，以及计算工作日的节假日与调休上班日。节假日日历按国务院办公厅每年公布的放假安排由本局录入（接口 PUT /v1/policies/disclosure 的 terms.calendar），未录入时只扣除周末。',
  },
  {
    name: 'acceptance',
    title: '复工复产验收',
    field: 'terms',
    preview: false,
    note: '复工复产验收各环节的办理期限：到期前后按提醒规则提醒承办人。新期限用于修改后办理的环节。',
  },
  {
    name: 'reporting',
    title: '区县月报',
    field: 'terms',
    preview: false,
    note: '市局设定：各区县局须在次月几日前报送上月执法统计月报（默认 5 日）；截止前后按提醒规则提醒区县局领导。',
  },
];

export interface SettingMeta {
  readonly label: string;
  readonly min?: number;
  readonly max?: number;
  readonly int?: boolean;
}

const r = (label: string, min: number, max: number): SettingMeta => ({ label, min, max });
const w = (label: string, min: number, max: number): SettingMeta => ({ label, min, max, int: true });

const POWER: Record<string, SettingMeta> = {
  maintenanceLoadFactor: r('维护负荷系数（额定功率×24小时的比例）', 0.05, 1),
  maintenanceMultiplier: r('停产矿井用电超过维护负荷的倍数', 1, 5),
  productionDaysPerYear: w('年生产天数', 200, 366),
  productionMargin: r('生产矿井用电上限余量（倍）', 1, 3),
  defaultKwhPerTonne: r('吨煤电耗默认值（千瓦时/吨）', 1, 200),
  monthToDateMargin: r('月累计用电余量（倍）', 1, 3),
  closedFloorKwh: r('关闭矿井用电下限（千瓦时）', 0, 100_000),
  nightShareFactor: r('夜间（22:00–06:00）用电占比超过平时的倍数', 1, 5),
  hoistShareFactor: r('提升回路用电占比超过平时的倍数', 1, 5),
  hoistShareMinIncrease: r('提升回路占比最小增幅', 0, 1),
  spikeZ: r('用电突增判定阈值（稳健Z值）', 2, 20),
  nearZeroFraction: r('用电骤降判定比例', 0, 0.5),
  flatlineDays: w('读数完全相同的连续天数', 2, 14),
  missingHighDays: w('连续缺报天数（高风险）', 2, 14),
  minHistoryDays: w('基线最少历史天数', 3, 28),
  windowDays: w('基线窗口天数', 7, 56),
  caseDeadlineDays: w('核查办理期限（天）', 1, 30),
  declarationTolerance: r('煤矿自报与电网读数允许偏差', 0.01, 0.5),
  productionLevelShare: r('未经验收擅自生产：停产矿井日用电达到生产用电上限的比例', 0.1, 0.9),
  gasLimitPercent: r('瓦斯超限断电浓度（%CH4）', 0.5, 2),
  sensorOfflineMaxHours: r('监控传感器允许断线时长（小时）', 0.5, 24),
  defaultDutyCrew: w('停产矿井每班值班人员默认上限（未核定时）', 0, 200),
  minimumProducingCrew: w('生产用电日井下最少人数', 1, 200),
};

const ACCEPTANCE: Record<string, SettingMeta> = {
  checkDays: w('申请后现场检查办理期限（天）', 1, 60),
  approvalDays: w('现场检查结论后审批办理期限（天）', 1, 30),
};

const REPORTING: Record<string, SettingMeta> = {
  dueDay: w('区县月报报送截止：次月第几日', 1, 28),
};

const TIER_WORD: Record<string, string> = { A: 'A 级', B: 'B 级', C: 'C 级', D: 'D 级' };
const points = (label: string): SettingMeta => r(label, 0, 100);

function creditMeta(path: string): SettingMeta | undefined {
  const [head, tail] = path.split('.') as [string, string | undefined];
  switch (head) {
    case 'baseScore':
      return w('基础分', 1, 1000);
    case 'windowMonths':
      return w('一般记录计分期（月）', 1, 120);
    case 'seriousWindowMonths':
      return w('严重记录计分期（月）', 1, 120);
    case 'violationPoints':
      return points(`违法违规扣分：${codeLabel(tail ?? '')}`);
    case 'hazardPoints':
      return points(tail === 'major' ? '重大隐患扣分' : '一般隐患扣分');
    case 'overdueHazardPoints':
      return points(tail === 'major' ? '重大隐患逾期未整改扣分' : '一般隐患逾期未整改扣分');
    case 'seriousViolationCategories':
      return { label: '计入严重记录的违法违规类别' };
    case 'seriousAccidentLevels':
      return { label: '计入严重记录的事故等级' };
    case 'selfReportedHazardFactor':
      return r('自查发现隐患的扣分比例', 0, 1);
    case 'accidentPoints':
      return points(`事故扣分：${ACCIDENT_LEVEL_LABELS[tail as keyof typeof ACCIDENT_LEVEL_LABELS] ?? tail}`);
    case 'penaltyNotExecutedPoints':
      return points('行政处罚未履行扣分');
    case 'interviewPoints':
      return points('被约谈扣分');
    case 'missedReadingDayPoints':
      return points('每缺报一天用电数据扣分');
    case 'missedReadingsCap':
      return points('缺报扣分上限');
    case 'bonuses':
      return points(
        {
          standardisationGrade1: '加分：安全生产标准化一级',
          standardisationGrade2: '加分：安全生产标准化二级',
          safetyCommitment: '加分：年度安全承诺',
          cleanYear: '加分：全年无扣分记录',
        }[tail ?? ''] ?? `加分：${tail}`,
      );
    case 'bonusCap':
      return points('加分上限');
    case 'tierFloors':
      return points(`${TIER_WORD[tail ?? ''] ?? tail}分数线（低于 C 级线为 D 级）`);
    case 'forceD':
      return tail === 'largerAccidentsInWindow'
        ? w('计分期内较大事故达到几起直接判定为 D 级（0 为不适用）', 0, 20)
        : tail === 'concealedAccident'
          ? { label: '瞒报谎报事故直接判定为 D 级' }
          : undefined;
    case 'inspectionsPerYear':
      return w(`${TIER_WORD[tail ?? ''] ?? tail}煤矿每年检查次数`, 1, 365);
    default:
      return undefined;
  }
}

const PENALTY: Record<string, SettingMeta> = {
  majorFineThresholdYuan: r('重大执法决定罚款标准（元）', 0, 100_000_000),
  majorKinds: { label: '属重大执法决定的处罚种类' },
  executionDueDays: w('处罚决定履行期限（天）', 1, 365),
};

const BLACKLIST: Record<string, SettingMeta> = {
  listingYears: w('列入名单期限（年）', 1, 10),
  objectionDays: w('异议申辩期（天）', 3, 60),
  earlyRemovalMonths: w('列入满几个月可申请提前移出', 6, 60),
  partnerDepartments: { label: '联合惩戒通报部门' },
  personChecksPerHour: w('每个账号每小时查询个人的限额', 5, 200),
};

function disclosureMeta(path: string): SettingMeta | undefined {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const kind = codeLabel(tail ?? '');
  switch (head) {
    case 'workingDays':
      return w(`${kind}：生效后几个工作日内公示`, 1, 20);
    case 'publishedMonths':
      return w(`${kind}：公示期（月）`, 1, 60);
    case 'calendar':
      return tail === 'holidays'
        ? { label: '节假日（不计工作日，按日期先后录入）' }
        : tail === 'workingWeekends'
          ? { label: '调休上班的周六、周日（计为工作日）' }
          : undefined;
    default:
      return undefined;
  }
}

/** The dated kinds the reminder policy has a rule for (lib/reminders/dated-kinds.ts), in words. */
export const REMINDER_KIND_LABELS: Record<string, string> = {
  licence_safety_production: '安全生产许可证到期',
  licence_other: '其他证照到期',
  gas_grade_appraisal: '瓦斯等级鉴定',
  emergency_drill: '应急演练',
  hazard: '隐患整改期限',
  case: '核查案件期限',
  blacklist_objection: '名单异议期',
  blacklist_end: '名单期满',
  inspection: '分级检查到期',
  calendar: '定期工作到期',
  inspection_planned: '计划检查',
  penalty_execution: '处罚履行期限',
  certificate_expiry: '人员证书到期',
  acceptance: '复工复产验收待办',
  directive: '督办函件答复期限',
  enforcement_plan: '执法计划月度检查',
  tipoff: '举报办理期限',
  disclosure_publication: '执法公示期限',
  monthly_report: '区县月报报送期限',
};

function reminderMeta(path: string): SettingMeta | undefined {
  const [kind, rule] = path.split('.') as [string, string | undefined];
  const what = REMINDER_KIND_LABELS[kind] ?? kind;
  switch (rule) {
    case 'leadDays':
      return { label: `${what}：提前几天提醒` };
    case 'onTheDay':
      return { label: `${what}：当天提醒` };
    case 'dailyOverdue':
      return { label: `${what}：逾期后每天提醒` };
    case 'escalateAfterDays':
      return w(`${what}：逾期几天后报告领导（0 为不报告）`, 0, 90);
    default:
      return undefined;
  }
}

/** A setting's label and range, where the page knows them; else its path. */
export function settingMeta(policy: string, path: string): SettingMeta {
  const known =
    policy === 'power-review'
      ? POWER[path]
      : policy === 'credit'
        ? creditMeta(path)
        : policy === 'penalty'
          ? PENALTY[path]
          : policy === 'blacklist'
            ? BLACKLIST[path]
            : policy === 'reminders'
              ? reminderMeta(path)
              : policy === 'disclosure'
                ? disclosureMeta(path)
                : policy === 'acceptance'
                  ? ACCEPTANCE[path]
                  : policy === 'reporting'
                    ? REPORTING[path]
                    : undefined;
  return known ?? { label: path };
}

export type Leaf = number | boolean;
/** One setting of the form: a number or a switch at a dotted path; lists and texts are shown, not edited. */
export interface Field {
  readonly path: string;
  readonly value: Leaf | string;
  readonly editable: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings flattened into fields, in the order the API gives them. */
export function fieldsOf(settings: Record<string, unknown>, prefix = ''): Field[] {
  return Object.entries(settings).flatMap(([key, value]): Field[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) return fieldsOf(value, path);
    if (typeof value === 'number' || typeof value === 'boolean') return [{ path, value, editable: true }];
    const text = Array.isArray(value) ? value.map(codeLabel).join('、') || '（无）' : String(value);
    return [{ path, value: text, editable: false }];
  });
}

/**
 * The change a form makes: every edited field whose value differs from the one in force, nested as the settings
 * are (the API merges nested objects). A number field left empty or not a number is refused here with its path.
 */
export function changeOf(
  current: readonly Field[],
  edited: Readonly<Record<string, string | boolean>>,
): { change: Record<string, unknown>; invalid: string[] } {
  const change: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const f of current) {
    if (!f.editable || !(f.path in edited)) continue;
    const raw = edited[f.path]!;
    let value: Leaf;
    if (typeof f.value === 'boolean') value = raw === true || raw === 'true';
    else {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) {
        invalid.push(f.path);
        continue;
      }
      value = n;
    }
    if (value === f.value) continue;
    const keys = f.path.split('.');
    let at = change;
    for (const k of keys.slice(0, -1)) {
      if (!isObject(at[k])) at[k] = {};
      at = at[k] as Record<string, unknown>;
    }
    at[keys.at(-1)!] = value;
  }
  return { change, invalid };
}

/** The API's field errors by setting path (`body.thresholds.tierFloors.C` → `tierFloors.C`); the rest stay general. */
export function errorsBySetting(
  fields: readonly { field: string; message: string }[],
  settingsKey: string,
): { bySetting: Record<string, string>; general: { field: string; message: string }[] } {
  const prefix = `body.${settingsKey}.`;
  const bySetting: Record<string, string> = {};
  const general: { field: string; message: string }[] = [];
  for (const f of fields) {
    if (f.field.startsWith(prefix)) {
      const path = f.field.slice(prefix.length);
      bySetting[path] = bySetting[path] ? `${bySetting[path]}；${f.message}` : f.message;
    } else general.push(f);
  }
  return { bySetting, general };
}
