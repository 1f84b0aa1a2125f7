/**
 * The one Chinese sentence each finding carries, as a bureau officer would write it in the daily report: the
 * measured value, the threshold it crossed, and what that suggests. Kept apart from the rules so the wording can be
 * reviewed (and tested) in one place; numbers arrive unrounded and are formatted here.
 */

import type { BaselineSource } from '#lib/findings/vocabulary.ts';
import { MINE_STATUS_LABELS, type MineStatus, SHIFT_LABELS, type Shift } from '#lib/registry/vocabulary.ts';
import type { AuthoritativeSource } from '../types.ts';
import { formatFactor, formatKwh, formatNumber, formatPercent, formatPoints } from './format.ts';

const label = (status: MineStatus): string => MINE_STATUS_LABELS[status];

/**
 * Who the sentence is about: `停产期间…` for a stopped mine; a mine under construction is named as such, and its
 * sentence ends on the rule it breaks, since building is no excuse to produce (建设期间不得生产).
 */
const subject = (status: MineStatus): string =>
  status === 'construction' ? `${label(status)}矿井` : `${label(status)}期间`;
const conclusion = (status: MineStatus, suspicion: string, constructionSuspicion = suspicion): string =>
  status === 'construction' ? `疑似${constructionSuspicion}，建设期间不得生产。` : `疑似${suspicion}。`;

/** The maintenance load named in a sentence, saying so when the register's must-run load capped a higher history. */
const maintenanceClause = (maintenance: number, source: BaselineSource): string =>
  source === 'equipment_cap'
    ? `维持性负荷 ${formatKwh(maintenance)}（历史用电高于设备台账必开设备核定值，按台账计）`
    : `维持性负荷 ${formatKwh(maintenance)} `;

export const suspendedOverMaintenanceMessage = (m: {
  status: MineStatus;
  total: number;
  maintenance: number;
  source: BaselineSource;
  multiplier: number;
  threshold: number;
}): string =>
  `${subject(m.status)}日用电量 ${formatKwh(m.total)}，超过${maintenanceClause(m.maintenance, m.source)}的 ` +
  `${formatFactor(m.multiplier)} 倍（${formatKwh(m.threshold)}），${conclusion(m.status, '明停暗开', '边建设边生产')}`;

/** 未经验收擅自生产: a stopped or constructing mine drawing what only production draws, before its acceptance. */
export const unacceptedProductionMessage = (m: {
  status: MineStatus;
  total: number;
  productionLevel: number;
  share: number;
}): string =>
  `${subject(m.status)}日用电量 ${formatKwh(m.total)}，达到按核定生产能力折算的生产用电水平（${formatPercent(m.share)}，` +
  `${formatKwh(m.productionLevel)}），未经复工复产验收，疑似擅自组织生产。`;

export const closedConsumptionMessage = (m: { total: number; floor: number }): string =>
  `关闭矿井日用电量 ${formatKwh(m.total)}，超过关闭矿井用电下限 ${formatKwh(m.floor)}，疑似死灰复燃。`;

export interface MonthToDate {
  month: number;
  dayOfMonth: number;
  kwh: number;
  share: number;
  margin: number;
  threshold: number;
}

const monthToDateClause = (m: MonthToDate, also: boolean): string =>
  `${m.month} 月 1 日至 ${m.dayOfMonth} 日累计用电量 ${formatKwh(m.kwh)}，${also ? '亦' : ''}超过按核定生产能力折算的` +
  `月度份额 ${formatKwh(m.share)} 的 ${formatFactor(m.margin)} 倍（${formatKwh(m.threshold)}）`;

export const overCapacityMessage = (m: {
  daily: { total: number; ceiling: number } | null;
  monthToDate: MonthToDate | null;
}): string => {
  const parts: string[] = [];
  if (m.daily !== null) {
    parts.push(
      `生产期间日用电量 ${formatKwh(m.daily.total)}，超过按核定生产能力折算的日用电上限 ${formatKwh(m.daily.ceiling)}`,
    );
  }
  if (m.monthToDate !== null) parts.push(monthToDateClause(m.monthToDate, m.daily !== null));
  return `${parts.join('；')}，疑似超能力生产。`;
};

/** The learned share baseline: of stopped days; for a mine under construction, of its days not producing. */
const learnedShare = (status: MineStatus): string => (status === 'construction' ? '非生产日基线' : '停产日基线');

const shareBaseline = (status: MineStatus, share: number, source: BaselineSource): string =>
  source === 'history'
    ? `${learnedShare(status)} ${formatPercent(share)}`
    : `维持性负荷全天均匀时的 ${formatPercent(share)}`;

export const nightProductionMessage = (m: {
  status: MineStatus;
  share: number;
  baseline: number;
  source: BaselineSource;
  factor: number;
  threshold: number;
}): string =>
  `${subject(m.status)}夜间（22:00–06:00）用电占比 ${formatPercent(m.share)}，超过${shareBaseline(m.status, m.baseline, m.source)} ` +
  `的 ${formatFactor(m.factor)} 倍（${formatPercent(m.threshold)}），${conclusion(m.status, '夜间生产', '夜间组织生产')}`;

export const hoistShareMessage = (m: {
  status: MineStatus;
  share: number;
  baseline: number;
  factor: number;
  minIncrease: number;
  threshold: number;
}): string =>
  `${subject(m.status)}提升回路用电占比 ${formatPercent(m.share)}，较${learnedShare(m.status)} ${formatPercent(m.baseline)} 上升 ` +
  `${formatPoints(m.share - m.baseline)} 个百分点，超过阈值 ${formatPercent(m.threshold)}（基线的 ${formatFactor(m.factor)} 倍` +
  `且上升不少于 ${formatPoints(m.minIncrease)} 个百分点），${conclusion(m.status, '提升机运行', '提升机运行出煤')}`;

export const spikeMessage = (m: {
  status: MineStatus;
  total: number;
  median: number;
  windowDays: number;
  z: number;
  spikeZ: number;
  threshold: number;
}): string =>
  `日用电量 ${formatKwh(m.total)}，较近 ${m.windowDays} 日${label(m.status)}日中位数 ${formatKwh(m.median)} 的稳健 z 值为 ` +
  `${formatFactor(m.z)}，超过阈值 ${formatFactor(m.spikeZ)}（${formatKwh(m.threshold)}），用电量突增。`;

export interface Flatline {
  meterId: string;
  days: number;
  kwh: number;
  flatlineDays: number;
}

const flatlineClause = (f: Flatline): string =>
  `电表 ${f.meterId} 连续 ${f.days} 日读数完全相同（均为 ${formatKwh(f.kwh)}，连续 ${f.flatlineDays} 日即告警）`;

export const flatlineOrDropMessage = (m: {
  nearZero: { total: number; ceiling: number; fraction: number; threshold: number } | null;
  flatline: Flatline | null;
}): string => {
  const parts: string[] = [];
  if (m.nearZero !== null) {
    const z = m.nearZero;
    parts.push(
      `生产期间日用电量 ${formatKwh(z.total)}，低于日用电上限 ${formatKwh(z.ceiling)} 的 ${formatPercent(z.fraction)}` +
        `（${formatKwh(z.threshold)}），接近于零`,
    );
  }
  if (m.flatline !== null) parts.push(`${m.nearZero === null ? '生产期间' : ''}${flatlineClause(m.flatline)}`);
  return `${parts.join('；')}，疑似电表故障或篡改。`;
};

export const missingMessage = (m: { date: string; days: number; highDays: number }): string =>
  `截至审查未收到 ${m.date} 的用电量数据，已连续 ${m.days} 日无数据` +
  `${m.days >= m.highDays ? `（已达连续 ${m.highDays} 日的高风险标准）` : `（连续 ${m.highDays} 日升为高风险）`}，未按时报送。`;

export interface RevisionLine {
  meterId: string;
  at: string;
  by: string;
  reason: string;
  previousKwh: number;
  kwh: number;
  /** A change of the mine's declaration beside a grid or bureau reading, not of the reading in force. */
  declaration?: true;
}

/** The day's total is named when a reading in force changed; a changed declaration alone leaves it as it was. */
export const revisedAfterReviewMessage = (m: {
  date: string;
  revisions: readonly RevisionLine[];
  previousTotal: number;
  total: number;
}): string =>
  `${m.date} 的用电量在审查后被修改：` +
  m.revisions
    .map(
      (r) =>
        `${r.by} 于 ${r.at} 将电表 ${r.meterId} ${r.declaration ? '的矿方申报值' : ''}由 ${formatKwh(r.previousKwh)} ` +
        `改为 ${formatKwh(r.kwh)}，理由：${r.reason}`,
    )
    .join('；') +
  (m.revisions.some((r) => !r.declaration)
    ? `；日用电量由 ${formatKwh(m.previousTotal)} 变为 ${formatKwh(m.total)}`
    : '') +
  '，审查后修改数据，需核实。';

export const SOURCE_LABELS: Record<AuthoritativeSource, string> = {
  grid: '供电公司数据',
  bureau: '监管部门现场读数',
};

export interface DeclarationLine {
  meterId: string;
  date: string;
  declared: number;
  inForce: number;
  source: AuthoritativeSource;
}

const declarationClause = (d: DeclarationLine): string =>
  `矿方申报电表 ${d.meterId} ${d.date} 用电 ${formatKwh(d.declared)}，${SOURCE_LABELS[d.source]} ${formatKwh(d.inForce)}，` +
  (d.declared < d.inForce ? '少报' : '多报') +
  (d.inForce > 0 ? ` ${formatPercent(Math.abs(d.declared - d.inForce) / d.inForce)}` : '用电');

/**
 * One clause per meter whose declaration is off, under-declared meters first; the closing words say what an
 * under-declaration is (evidence in itself) or, when every meter was over-declared, that it needs checking.
 */
export const declarationMismatchMessage = (m: { lines: readonly DeclarationLine[]; tolerance: number }): string => {
  const under = m.lines.some((l) => l.declared < l.inForce);
  return (
    `${m.lines.map(declarationClause).join('；')}（容差 ${formatPercent(m.tolerance)}），` +
    (under ? '少报用电本身即为证据，需调查核实。' : '申报与实际用电不符，需核实。')
  );
};

export interface LapsedLicence {
  /** 安全生产许可证, 采矿许可证. */
  label: string;
  number: string;
  expiresOn: string;
  /** Set when an approved licence action, not the expiry, makes it invalid. */
  acted?: { state: string; from: string; decisionNo?: string | undefined };
}

const lapsedClause = (l: LapsedLicence): string =>
  l.acted
    ? `${l.label}（编号 ${l.number}）自 ${l.acted.from} 起被${l.acted.state}${l.acted.decisionNo ? `（${l.acted.decisionNo}）` : ''}`
    : `${l.label}（编号 ${l.number}）已于 ${l.expiresOn} 到期`;

export const licenceInvalidMessage = (m: { date: string; lapsed: readonly LapsedLicence[] }): string =>
  `${m.lapsed.map(lapsedClause).join('；')}，${m.date} 矿井仍在生产，属证照失效组织生产（无证生产）。`;

/** One shift's count beside what it may have: `夜班井下 23 人（核定值班 5 人）`. */
export interface ShiftCount {
  shift: Shift;
  count: number;
  allowed: number;
}

const people = (n: number): string => `${formatNumber(n, 0)} 人`;

const shiftClause = (s: ShiftCount, allowedName: string): string =>
  `${SHIFT_LABELS[s.shift]}井下 ${people(s.count)}（${allowedName} ${people(s.allowed)}）`;

/** Where the duty crew came from: the register's approved headcount, or the policy's default when none is recorded. */
const dutyCrewName = (registered: boolean): string => (registered ? '核定值班人员' : '未核定，按默认值班人员');

/** 停产停建矿井有人员下井作业: people underground beyond the duty crew on a day the mine may not produce. */
export const peopleWhenStoppedMessage = (m: {
  status: MineStatus;
  shifts: readonly ShiftCount[];
  registered: boolean;
}): string =>
  `${m.status === 'closed' ? '关闭矿井' : subject(m.status)}${m.shifts.map((s) => shiftClause(s, dutyCrewName(m.registered))).join('，')}，` +
  `超过值班人员，` +
  (m.status === 'closed'
    ? '疑似死灰复燃。'
    : conclusion(m.status, '停产期间组织人员下井作业', '建设期间组织人员下井生产'));

/** 超定员组织生产: a shift over the approved headcount, a major hazard under the 2020 standard. */
export const overHeadcountMessage = (m: { shifts: readonly ShiftCount[] }): string =>
  `生产期间${m.shifts.map((s) => `${shiftClause(s, '核定下井人数')}，超员 ${people(s.count - s.allowed)}`).join('；')}，` +
  '属超定员组织生产，为《煤矿重大事故隐患判定标准》规定的重大事故隐患。';

export interface GasAlarm {
  sensorId: string;
  location: string;
  peakPercent: number;
  startedAt: string;
  minutes: number;
}

/** 瓦斯超限未断电: a methane alarm at or above the cut-off concentration that did not cut power. */
const gasAlarmClause = (e: GasAlarm): string =>
  `${e.location}甲烷传感器 ${e.sensorId} 于 ${e.startedAt} 报警，浓度峰值 ${formatNumber(e.peakPercent, 2)}%，` +
  `持续 ${formatNumber(e.minutes, 0)} 分钟`;

export const gasNoPowerCutMessage = (m: { events: readonly GasAlarm[]; limit: number }): string =>
  `${m.events.map(gasAlarmClause).join('；')}，达到断电浓度 ${formatNumber(m.limit, 2)}% 而未断电，` +
  '属瓦斯超限作业，为重大事故隐患。';

/** 监控传感器长时间断线: sensors that sent nothing for longer than the policy allows. */
export const sensorOfflineMessage = (m: {
  outages: readonly { sensorId: string; location: string; hoursOffline: number }[];
  maxHours: number;
}): string =>
  m.outages.map((o) => `${o.location}传感器 ${o.sensorId} 断线 ${formatNumber(o.hoursOffline, 1)} 小时`).join('；') +
  `，超过允许的 ${formatNumber(m.maxHours, 1)} 小时（超过 ${formatNumber(m.maxHours * 2, 1)} 小时为高风险），` +
  '安全监控系统未正常运行。';

/** 电量与人员数据不符, electricity at the maintenance level while people work underground. */
export const stoppedPowerWorkingPeopleMessage = (m: {
  status: MineStatus;
  total: number;
  bar: number;
  shifts: readonly ShiftCount[];
  registered: boolean;
}): string =>
  `${m.status === 'closed' ? '关闭矿井' : subject(m.status)}日用电量 ${formatKwh(m.total)}，未超过${m.status === 'closed' ? '关闭矿井用电下限' : '维持性用电上限'} ` +
  `${formatKwh(m.bar)}，但${m.shifts.map((s) => shiftClause(s, dutyCrewName(m.registered))).join('，')}：` +
  '电量显示停产，人员显示作业，疑似以维持性用电掩盖井下作业。';

/** 电量与人员数据不符, production-level electricity with (almost) nobody underground all day. */
export const producingPowerNoPeopleMessage = (m: {
  status: MineStatus;
  total: number;
  productionLevel: number;
  share: number;
  peak: number;
  minimumCrew: number;
}): string =>
  `${m.status === 'producing' ? '' : subject(m.status)}日用电量 ${formatKwh(m.total)}，达到生产用电水平（${formatPercent(m.share)}，` +
  `${formatKwh(m.productionLevel)}），但人员位置监测全天井下最多 ${people(m.peak)}，少于生产所需最少 ${people(m.minimumCrew)}：` +
  '电量显示生产，人员显示无人，疑似人员位置监测数据瞒报下井人员。';

/** One change of a monitoring feed after the review: who made it and when, and whose value it replaced. */
export interface FeedChangeLine {
  by: string;
  at: string;
  previousBy: string;
  declaration?: true;
}

const feedChangeClause = (r: FeedChangeLine): string =>
  `${r.by} 于 ${r.at} 修改了${r.declaration ? '矿方申报值' : `${r.previousBy}报送的数据`}`;

/** A personnel day as `夜班 3 人、早班 40 人、中班 38 人`. */
export const shiftsClause = (shifts: Readonly<Record<Shift, number>>): string =>
  (Object.keys(SHIFT_LABELS) as Shift[]).map((s) => `${SHIFT_LABELS[s]} ${people(shifts[s])}`).join('、');

/** 审查后修改人员位置数据: the people underground of a reviewed day changed. */
export const personnelRevisedAfterReviewMessage = (m: {
  date: string;
  changes: readonly FeedChangeLine[];
  before: Readonly<Record<Shift, number>>;
  now: Readonly<Record<Shift, number>>;
}): string =>
  `${m.date} 的人员位置监测数据在审查后被修改：${m.changes.map(feedChangeClause).join('；')}` +
  `；井下人数由 ${shiftsClause(m.before)} 变为 ${shiftsClause(m.now)}，审查后修改数据，需核实。`;

/** A gas day as `瓦斯超限报警 2 次（未断电 1 次）、传感器断线 1 个`. */
export const gasDayClause = (g: { alarms: number; uncut: number; outages: number }): string =>
  `瓦斯超限报警 ${g.alarms} 次（未断电 ${g.uncut} 次）、传感器断线 ${g.outages} 个`;

/** 审查后修改安全监控数据: the gas alarms or sensor outages of a reviewed day changed. */
export const gasRevisedAfterReviewMessage = (m: {
  date: string;
  changes: readonly FeedChangeLine[];
  before: { alarms: number; uncut: number; outages: number };
  now: { alarms: number; uncut: number; outages: number };
}): string =>
  `${m.date} 的安全监控数据在审查后被修改：${m.changes.map(feedChangeClause).join('；')}` +
  `；由${gasDayClause(m.before)}变为${gasDayClause(m.now)}，审查后修改数据，需核实。`;
