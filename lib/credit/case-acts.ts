import type { HazardLevel } from '#lib/hazards/hazard-item.ts';
import { categoryOf, standardInForce } from '#lib/hazards/standards.ts';
import { countsOn } from './counts-on.ts';
import type { CreditPolicy } from './policy.ts';
import type { CreditRecord } from './records.ts';

/**
 * One act, counted once. An investigation case is one act of the mine, however many findings (days, witnesses:
 * electricity, people underground, gas) it gathered as evidence. Confirmed, it records one violation; an inspector
 * may also record the hazard it is from the case (source `case`), and a case of 超定员 or 瓦斯超限未断电 is a major
 * hazard by itself (the confirmed case says so on the credit index: a `case` record, lib/cases/case-item.ts
 * RULE_MAJOR_HAZARD). Counting each of those would price one act two or three times.
 *
 * So the records that name the same case are one act, deducted once, on one record (the lead), at the heaviest of
 * what the act is: its violation's category, a major hazard (the case judged it one, or one was recorded from it), a
 * general hazard; as one act breaking several rules is fined once, under the heaviest (行政处罚法 第二十九条,
 * 一事不再罚、择一重处). The others show with 0 points, naming the case. The violation keeps its own window (36 months
 * for a serious category) and forcing D. Rectifying the hazard late is a failure of its own, after the act: its
 * overdue deduction still counts (./classify.ts).
 */
type ViolationRecord = Extract<CreditRecord, { kind: 'violation' }>;
type HazardRecord = Extract<CreditRecord, { kind: 'hazard' }>;

export interface CaseAct {
  readonly caseId: string;
  /** `<kind>:<id>` of the record that carries the act's deduction: of those still counting, the heaviest. */
  readonly lead: string;
  /** The heaviest hazard the act is: major when the case judged it one or a major hazard was recorded from it. */
  readonly hazardLevel?: HazardLevel;
  /** The major-hazard category code, where known. */
  readonly majorHazard?: string;
  /** The confirmed case judged the act a major hazard: its violation is priced as one where that weighs more. */
  readonly confirmedMajor?: true;
}

export interface Price {
  readonly rule: string;
  readonly points: number;
}

export const recordKey = (r: Pick<CreditRecord, 'kind' | 'id'>): string => `${r.kind}:${r.id}`;

/**
 * A violation's price: its category's points, or a major hazard's where its case's act is one (`majorHazard`: the
 * confirmed case said so) and that weighs more.
 */
export function violationPrice(r: ViolationRecord, policy: CreditPolicy, majorHazard = false): Price {
  const asViolation = policy.violationPoints[r.category];
  const asHazard = majorHazard ? policy.hazardPoints.major : 0;
  return asHazard > asViolation
    ? { rule: 'hazard.major', points: asHazard }
    : { rule: `violation.${r.category}`, points: asViolation };
}

/** Months a violation counts: 36 for a serious category, else 12. */
export const violationMonths = (r: ViolationRecord, policy: CreditPolicy): number =>
  policy.seriousViolationCategories.includes(r.category) ? policy.seriousWindowMonths : policy.windowMonths;

/** The points a hazard's finding costs (not its being overdue): a share of them when the mine reported it itself. */
export const hazardFindingPoints = (r: HazardRecord, policy: CreditPolicy): number =>
  Math.round(policy.hazardPoints[r.level] * (r.selfReported ? policy.selfReportedHazardFactor : 1) * 10) / 10;

const priceOf = (r: ViolationRecord | HazardRecord, policy: CreditPolicy, majorHazard: boolean): number =>
  r.kind === 'violation' ? violationPrice(r, policy, majorHazard).points : hazardFindingPoints(r, policy);

const countsFor = (r: ViolationRecord | HazardRecord, policy: CreditPolicy, asOf: string): boolean =>
  countsOn(r.date, r.kind === 'violation' ? violationMonths(r, policy) : policy.windowMonths, asOf);

/**
 * The acts of the records that name a case, by case id, on `asOf`: the lead is the heaviest of the records still
 * counting (a violation before a hazard of the same weight, then the model's order), so a further record of the act
 * never lowers its deduction, and one past its window changes nothing. `records` in the model's order (date, kind, id).
 */
export function caseActs(records: readonly CreditRecord[], policy: CreditPolicy, asOf: string): Map<string, CaseAct> {
  const byCase = new Map<string, (ViolationRecord | HazardRecord)[]>();
  const confirmedMajor = new Map<string, string>();
  for (const r of records) {
    if (r.kind === 'case') confirmedMajor.set(r.id, r.majorHazard);
    if ((r.kind === 'violation' || r.kind === 'hazard') && r.caseId)
      byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  }
  const acts = new Map<string, CaseAct>();
  for (const [caseId, members] of byCase) {
    const isMajor = confirmedMajor.has(caseId);
    let lead: ViolationRecord | HazardRecord | undefined;
    for (const r of members) {
      if (!countsFor(r, policy, asOf)) continue;
      const [price, best] = [priceOf(r, policy, isMajor), lead && priceOf(lead, policy, isMajor)];
      if (best === undefined || price > best || (price === best && r.kind === 'violation' && lead!.kind === 'hazard'))
        lead = r;
    }
    if (!lead) continue;
    const hazards = members.filter((r): r is HazardRecord => r.kind === 'hazard');
    const majorHazard = confirmedMajor.get(caseId) ?? hazards.find((h) => h.category)?.category;
    const hazardLevel: HazardLevel | undefined =
      isMajor || hazards.some((h) => h.level === 'major') ? 'major' : hazards.length > 0 ? 'general' : undefined;
    acts.set(caseId, {
      caseId,
      lead: recordKey(lead),
      ...(hazardLevel ? { hazardLevel } : {}),
      ...(majorHazard ? { majorHazard } : {}),
      ...(isMajor ? { confirmedMajor: true } : {}),
    });
  }
  return acts;
}

/** A major-hazard category's name in the standard in force on `date` (a hazard is judged by that day's version). */
export function majorHazardName(code: string, date: string): string {
  const standard = standardInForce(date);
  return (standard && categoryOf(standard, code)?.name) ?? code;
}

/** What a violation is, as the breakdown names it: from a case, with the hazard the act also is. */
export function violationLabel(r: ViolationRecord, what: string, act: CaseAct | undefined): string {
  if (!r.caseId) return `违法违规行为：${what}`;
  if (act?.hazardLevel === 'major') {
    const hazard = act.majorHazard ? `重大事故隐患：${majorHazardName(act.majorHazard, r.date)}` : '重大事故隐患';
    return `案件认定违法：${what}；${hazard}（同一行为，计分一次）`;
  }
  if (act?.hazardLevel === 'general') return `审查案件认定违法：${what}（含据此登记的一般事故隐患，计分一次）`;
  return `审查案件认定违法：${what}`;
}
