import { ACCIDENT_LEVEL_LABELS } from '#lib/accidents/accident-item.ts';
import { HAZARD_LEVEL_LABELS } from '#lib/hazards/hazard-item.ts';
import { PENALTY_KIND_LABELS } from '#lib/penalties/penalty-item.ts';
import { addMonths } from '#lib/validators/business-date.ts';
import { categoryName } from '#lib/violations/categories.ts';
import {
  caseActs,
  hazardFindingPoints,
  recordKey,
  violationLabel,
  violationMonths,
  violationPrice,
} from './case-acts.ts';
import { countsOn } from './counts-on.ts';
import { type CreditPolicy, TIER_LABELS, type Tier, tierOfScore } from './policy.ts';
import type { CreditRecord, CreditRecordKind } from './records.ts';

/**
 * The credit model, pure: a mine's records and its policy in, a score, a tier and the reasons out. Same inputs,
 * same result (no clock, no I/O), so a past classification can be explained and reproduced from its snapshot.
 *
 * A record counts from its date until the day its window ends (`stopsCountingOn`, exclusive): 12 months, 36 for
 * serious ones. An overdue hazard or an unexecuted penalty counts while unresolved and for a window after it was
 * resolved late. That end date is what credit repair (信用修复) waits for.
 */
export interface CreditInput {
  readonly asOf: string;
  readonly records: readonly CreditRecord[];
  /** From the mine's profile: grade1, grade2, grade3, none. */
  readonly standardisationGrade: string;
  readonly policy: CreditPolicy;
}

export interface CreditItem {
  readonly recordKind: CreditRecordKind | 'standardisation' | 'clean_year';
  readonly recordId: string | null;
  /** The record's date (for an overdue item, the day it fell due). */
  readonly date: string | null;
  /** The policy rule that priced it, e.g. `violation.over_capacity`, `hazard.overdue.major`, `bonus.clean_year`. */
  readonly rule: string;
  readonly label: string;
  /** Negative for a deduction, positive for a bonus; 0 for a record past a cap. */
  readonly points: number;
  /** First day it no longer counts; null while it counts until something is resolved (or, for a bonus, while it holds). */
  readonly stopsCountingOn: string | null;
  readonly serious: boolean;
  /** The share of the policy's points applied, when not all of them (a self-reported hazard). */
  readonly factor?: number;
}

export interface ForcedReason {
  readonly rule: string;
  readonly label: string;
  readonly recordIds: readonly string[];
}

export interface CreditResult {
  readonly asOf: string;
  readonly score: number;
  /** The tier the score alone earns. */
  readonly scoreTier: Tier;
  /** The tier in force: the score's, D when forced, or an approved override's. */
  readonly tier: Tier;
  readonly tierLabel: string;
  readonly forced: readonly ForcedReason[];
  readonly override: {
    readonly overrideId: string;
    readonly tier: Tier;
    readonly endsOn: string;
    readonly reason: string;
  } | null;
  readonly items: readonly CreditItem[];
  readonly deductions: number;
  /** Bonuses after the cap. */
  readonly bonuses: number;
  /** The next day a deduction stops counting (credit repair), if any has an end. */
  readonly nextRepairOn: string | null;
  readonly inspectionsPerYear: number;
  readonly policy: CreditPolicy['ref'];
}

export { countsOn };

export function classify(input: CreditInput): CreditResult {
  const { asOf, policy } = input;
  // In a fixed order (date, kind, id), so the order the records come in changes nothing, not even `forced`.
  const records = input.records.filter((r) => r.date <= asOf).sort(byDateKindId);
  // The records that name the same investigation case are one act, deducted once (./case-acts.ts).
  const acts = caseActs(records, policy, asOf);
  const window = policy.windowMonths;
  const serious = policy.seriousWindowMonths;
  const items: CreditItem[] = [];
  const forced: ForcedReason[] = [];
  const force = (rule: string, label: string, recordId: string) => {
    const found = forced.find((f) => f.rule === rule);
    if (found) (found.recordIds as string[]).push(recordId);
    else forced.push({ rule, label, recordIds: [recordId] });
  };
  const deduct = (
    r: CreditRecord,
    rule: string,
    label: string,
    points: number,
    stopsCountingOn: string | null,
    isSerious: boolean,
    date = r.date,
    factor?: number,
  ) =>
    items.push({
      recordKind: r.kind,
      recordId: r.id,
      date,
      rule,
      label,
      points: 0 - points,
      stopsCountingOn,
      serious: isSerious,
      ...(factor === undefined ? {} : { factor }),
    });

  for (const r of records) {
    switch (r.kind) {
      case 'violation': {
        const months = violationMonths(r, policy);
        const isSerious = policy.seriousViolationCategories.includes(r.category);
        if (!countsOn(r.date, months, asOf)) break;
        const what = categoryName(r.category);
        const act = r.caseId ? acts.get(r.caseId) : undefined;
        if (act && act.lead !== recordKey(r)) {
          deduct(
            r,
            `violation.${r.category}.same_act`,
            `违法违规行为：${what}（与案件 ${r.caseId} 认定的行为为同一行为，已计分）`,
            0,
            addMonths(r.date, months),
            isSerious,
          );
        } else {
          // The case's act once, at the heaviest of what it is (./case-acts.ts).
          const price = violationPrice(r, policy, act?.confirmedMajor === true);
          deduct(r, price.rule, violationLabel(r, what, act), price.points, addMonths(r.date, months), isSerious);
        }
        if (policy.forceD.violationCategories.includes(r.category))
          force(`violation.${r.category}`, `严重失信情形：${what}`, r.id);
        break;
      }
      case 'hazard': {
        const act = r.caseId ? acts.get(r.caseId) : undefined;
        if (countsOn(r.date, window, asOf) && act && act.lead !== recordKey(r)) {
          // Recorded from a case whose act is counted on its violation (or on a heavier hazard of the case).
          deduct(
            r,
            `hazard.${r.level}.same_act`,
            `${HAZARD_LEVEL_LABELS[r.level]}（据案件 ${r.caseId} 登记，与该案件认定的行为为同一行为，已计分）`,
            0,
            addMonths(r.date, window),
            false,
          );
        } else if (countsOn(r.date, window, asOf)) {
          // A hazard the mine found and reported itself (自查自报) costs a share of one an inspector found; being
          // late to rectify it costs in full (below).
          const factor = r.selfReported ? policy.selfReportedHazardFactor : 1;
          deduct(
            r,
            `hazard.${r.level}${r.selfReported ? '.self_reported' : ''}`,
            r.selfReported
              ? `${HAZARD_LEVEL_LABELS[r.level]}（煤矿自查自报，按 ${Math.round(factor * 100)}% 计）`
              : HAZARD_LEVEL_LABELS[r.level],
            hazardFindingPoints(r, policy),
            addMonths(r.date, window),
            false,
            r.date,
            r.selfReported ? factor : undefined,
          );
        }
        const closedOn = r.closedOn !== undefined && r.closedOn <= asOf ? r.closedOn : undefined;
        const overdueOn = closedOn ?? asOf;
        if (overdueOn > r.deadline) {
          const stops = closedOn ? addMonths(closedOn, window) : null;
          if (stops === null || asOf < stops) {
            const label = closedOn
              ? `${HAZARD_LEVEL_LABELS[r.level]}逾期整改（${r.deadline} 到期，${closedOn} 销号）`
              : `${HAZARD_LEVEL_LABELS[r.level]}逾期未整改（${r.deadline} 到期）`;
            deduct(
              r,
              `hazard.overdue.${r.level}`,
              label,
              policy.overdueHazardPoints[r.level],
              stops,
              false,
              r.deadline,
            );
          }
        }
        break;
      }
      case 'accident': {
        const isSerious = policy.seriousAccidentLevels.includes(r.level);
        const months = isSerious ? serious : window;
        if (countsOn(r.date, months, asOf)) {
          deduct(
            r,
            `accident.${r.level}`,
            `生产安全事故：${ACCIDENT_LEVEL_LABELS[r.level]}`,
            policy.accidentPoints[r.level],
            addMonths(r.date, months),
            isSerious,
          );
        }
        if (policy.forceD.accidentLevels.includes(r.level) && countsOn(r.date, serious, asOf)) {
          force(`accident.${r.level}`, `严重失信情形：发生${ACCIDENT_LEVEL_LABELS[r.level]}`, r.id);
        }
        if (policy.forceD.concealedAccident && (r.concealed || r.misreported) && countsOn(r.date, serious, asOf)) {
          force('accident.concealed', '严重失信情形：瞒报、谎报事故', r.id);
        }
        break;
      }
      case 'penalty': {
        const executedOn = r.executedOn !== undefined && r.executedOn <= asOf ? r.executedOn : undefined;
        if ((executedOn ?? asOf) <= r.date) break;
        const stops = executedOn ? addMonths(executedOn, window) : null;
        if (stops !== null && asOf >= stops) break;
        const what = PENALTY_KIND_LABELS[r.penaltyKind];
        const label = executedOn
          ? `行政处罚逾期执行：${what}（${r.date} 到期，${executedOn} 执行）`
          : `行政处罚逾期未执行：${what}（${r.date} 到期）`;
        deduct(r, 'penalty.not_executed', label, policy.penaltyNotExecutedPoints, stops, false);
        break;
      }
      case 'interview': {
        // A policy line, 0 by default: an interview is a record of being summoned, not a sanction.
        if (policy.interviewPoints > 0 && countsOn(r.date, window, asOf))
          deduct(
            r,
            'interview',
            `约谈${r.subject ? `：${r.subject}` : ''}`,
            policy.interviewPoints,
            addMonths(r.date, window),
            false,
          );
        break;
      }
      default:
        break;
    }
  }

  // Missed daily readings: a point a day, newest first, up to the cap within the window.
  let capLeft = policy.missedReadingsCap;
  const missed = records
    .filter((r) => r.kind === 'missed_reading' && countsOn(r.date, window, asOf))
    .sort((a, b) => b.date.localeCompare(a.date));
  for (const r of missed) {
    const points = Math.min(policy.missedReadingDayPoints, capLeft);
    capLeft -= points;
    deduct(
      r,
      'missed_reading',
      points > 0 ? `${r.date} 未按时报送电量` : `${r.date} 未按时报送电量（已达扣分上限）`,
      points,
      addMonths(r.date, window),
      false,
    );
  }

  // Repeated 较大 (larger) accidents within the ordinary window.
  const repeated = policy.forceD.largerAccidentsInWindow;
  if (repeated > 0) {
    const larger = records.filter(
      (r) => r.kind === 'accident' && r.level === 'larger' && countsOn(r.date, window, asOf),
    );
    if (larger.length >= repeated) {
      for (const r of larger)
        force(
          'accident.larger_repeated',
          `严重失信情形：${window}个月内发生${repeated}起以上${ACCIDENT_LEVEL_LABELS.larger}`,
          r.id,
        );
    }
  }

  // Listed (an entry published, not yet at its end date): D, and no override lifts it.
  const listed = records.find(
    (r): r is Extract<CreditRecord, { kind: 'blacklist' }> =>
      r.kind === 'blacklist' && r.date <= asOf && asOf < r.endsOn,
  )?.id;
  if (listed) force('blacklist', '列入严重失信主体名单', listed);

  // Bonuses, capped.
  const bonusItems: CreditItem[] = [];
  const grade = input.standardisationGrade;
  if (grade === 'grade1' || grade === 'grade2') {
    const points = grade === 'grade1' ? policy.bonuses.standardisationGrade1 : policy.bonuses.standardisationGrade2;
    bonusItems.push({
      recordKind: 'standardisation',
      recordId: null,
      date: null,
      rule: `bonus.standardisation.${grade}`,
      label: `安全生产标准化${grade === 'grade1' ? '一级' : '二级'}`,
      points,
      stopsCountingOn: null,
      serious: false,
    });
  }
  const commitment = records
    .filter(
      (r): r is Extract<CreditRecord, { kind: 'commitment' }> =>
        r.kind === 'commitment' && countsOn(r.date, window, asOf),
    )
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (commitment) {
    bonusItems.push({
      recordKind: 'commitment',
      recordId: commitment.id,
      date: commitment.date,
      rule: 'bonus.safety_commitment',
      label: `${commitment.year} 年度安全承诺已报备`,
      points: policy.bonuses.safetyCommitment,
      stopsCountingOn: addMonths(commitment.date, window),
      serious: false,
    });
  }
  const yearStart = addMonths(asOf, -window);
  // Clean: nothing dated within the window, and nothing still unresolved (an old overdue hazard still counts).
  const recent = items.filter((i) => (i.date !== null && i.date > yearStart) || i.stopsCountingOn === null);
  if (recent.length === 0) {
    bonusItems.push({
      recordKind: 'clean_year',
      recordId: null,
      date: null,
      rule: 'bonus.clean_year',
      label: `近 ${window} 个月无扣分记录`,
      points: policy.bonuses.cleanYear,
      stopsCountingOn: null,
      serious: false,
    });
  }
  const bonusSum = bonusItems.reduce((n, i) => n + i.points, 0);
  const bonuses = Math.min(bonusSum, policy.bonusCap);
  const deductions = items.reduce((n, i) => n - i.points, 0);
  const score = Math.max(0, Math.min(policy.baseScore, policy.baseScore - deductions + bonuses));
  const scoreTier = tierOfScore(score, policy.tierFloors);

  // An override moves only a tier the score earned: a forced D (listed, or a serious-dishonesty trigger) stays D.
  const overrideRecord =
    forced.length > 0
      ? undefined
      : records
          .filter(
            (r): r is Extract<CreditRecord, { kind: 'override' }> =>
              r.kind === 'override' && r.date <= asOf && asOf <= r.endsOn,
          )
          .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))[0];
  const tier: Tier = forced.length > 0 ? 'D' : overrideRecord ? overrideRecord.tier : scoreTier;

  const ends = items.map((i) => i.stopsCountingOn).filter((d): d is string => d !== null && repairsOn(items, d));
  return {
    asOf,
    score,
    scoreTier,
    tier,
    tierLabel: TIER_LABELS[tier],
    forced,
    override: overrideRecord
      ? {
          overrideId: overrideRecord.id,
          tier: overrideRecord.tier,
          endsOn: overrideRecord.endsOn,
          reason: overrideRecord.reason,
        }
      : null,
    items: [...items.sort(byDateThenId), ...bonusItems],
    deductions,
    bonuses,
    nextRepairOn: ends.length ? ends.sort()[0]! : null,
    inspectionsPerYear: policy.inspectionsPerYear[tier],
    policy: policy.ref,
  };
}

/** Is there a deduction (points below zero) that stops on `day`? A capped 0-point day repairs nothing. */
const repairsOn = (items: readonly CreditItem[], day: string): boolean =>
  items.some((i) => i.stopsCountingOn === day && i.points < 0);

const byDateKindId = (a: CreditRecord, b: CreditRecord): number =>
  a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);

const byDateThenId = (a: CreditItem, b: CreditItem): number =>
  (b.date ?? '').localeCompare(a.date ?? '') ||
  (a.recordId ?? '').localeCompare(b.recordId ?? '') ||
  a.rule.localeCompare(b.rule);
