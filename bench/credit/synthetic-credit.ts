/**
 * Synthetic credit histories for the credit-classification bench: each mine of the nightly bench (same ids,
 * jurisdictions and profile as bench/nightly/synthetic-mines.ts writes it, with a spread of standardisation grades)
 * gets 10–15 records over the year before the classified day, stored exactly as the product's writers store them:
 * the items are built with the real key functions (`datedItem` with VIOLATION_KIND / ACCIDENT_KIND, `hazardKeys`,
 * `penaltyKeys`, `creditIndex`) and the real pure steps (hazard flow `applyHazardAction`, penalty
 * `classifyPenalty` / `executionDueFor`, the review engine for a day without data), so they cannot drift from what
 * the classification reads. Id pointers and audit events, which the classification never reads, are left out.
 *
 * Mines come in four risk classes (good, average, poor, severe); a severe one carries a serious-dishonesty trigger
 * (a stopped mine producing, a major or concealed accident, two larger accidents), so every tier occurs. Deterministic
 * (seeded from the mine index) and lazy, one mine at a time.
 */
import type { AccidentLevel, AccidentRecord } from '#lib/accidents/accident-item.ts';
import { type CreditResult, classify } from '#lib/credit/classify.ts';
import { creditWindowStart } from '#lib/credit/credit-store.ts';
import { type CreditPolicy, DEFAULT_CREDIT_POLICY } from '#lib/credit/policy.ts';
import { type CreditRecord, fromStoredItem } from '#lib/credit/records.ts';
import { type HazardItem, type HazardLevel, type HazardStatus, hazardKeys } from '#lib/hazards/hazard-item.ts';
import { applyHazardAction } from '#lib/hazards/rules.ts';
import { standardById } from '#lib/hazards/standards.ts';
import { type LastInspection, lastInspectionKey } from '#lib/inspections/inspection-item.ts';
import { type PenaltyItem, type PenaltyStep, type PenaltyTerms, penaltyKeys } from '#lib/penalties/penalty-item.ts';
import { DEFAULT_PENALTY_THRESHOLDS } from '#lib/penalties/penalty-policy.ts';
import { classifyPenalty, executionDueFor } from '#lib/penalties/penalty-rules.ts';
import { reviewMineDay } from '#lib/power/engine/review.ts';
import { DEFAULT_POWER_POLICY } from '#lib/power/policy.ts';
import type { StoredReview } from '#lib/power/review-mines.ts';
import type { Actor } from '#lib/store/audit.ts';
import { ACCIDENT_KIND, datedItem, VIOLATION_KIND } from '#lib/store/dated-records.ts';
import { creditIndex, gsi1, pk, sk } from '#lib/store/keys.ts';
import { addDays, daysBetween } from '#lib/validators/business-date.ts';
import { categoryName, type ViolationCategory } from '#lib/violations/categories.ts';
import type { ViolationRecord } from '#lib/violations/violations.ts';
import { EQUIPMENT } from '#local/seed/demo-district.ts';
import { fnv1a, mulberry32 } from '#local/seed/prng.ts';
import {
  type Item,
  jurisdictionItems,
  registryItems,
  type SyntheticMine,
  syntheticMine,
} from '../nightly/synthetic-mines.ts';

export type RiskClass = 'good' | 'average' | 'poor' | 'severe';
export type Trigger = 'stopped_mine_producing' | 'major_accident' | 'concealed_accident' | 'two_larger_accidents';

export interface CreditMine extends SyntheticMine {
  readonly risk: RiskClass;
  readonly grade: 'grade1' | 'grade2' | 'grade3' | 'none';
  readonly trigger: Trigger | null;
}

interface ClassParams {
  readonly violations: readonly [number, number];
  readonly penalties: readonly [number, number];
  readonly noData: readonly [number, number];
  readonly commitment: number;
  readonly accident: number;
  /** Share of hazards past their deadline still open. */
  readonly openOverdue: number;
  /** Share of closed hazards closed after their deadline. */
  readonly lateClose: number;
  readonly majorHazard: number;
  /** Share of penalties past due never executed. */
  readonly unexecuted: number;
  readonly seriousViolation: number;
}

const CLASSES: Record<RiskClass, ClassParams> = {
  good: {
    violations: [0, 1],
    penalties: [0, 2],
    noData: [0, 2],
    commitment: 0.95,
    accident: 0.01,
    openOverdue: 0,
    lateClose: 0.05,
    majorHazard: 0.02,
    unexecuted: 0,
    seriousViolation: 0.02,
  },
  average: {
    violations: [0, 2],
    penalties: [0, 2],
    noData: [1, 3],
    commitment: 0.85,
    accident: 0.03,
    openOverdue: 0.02,
    lateClose: 0.1,
    majorHazard: 0.04,
    unexecuted: 0.05,
    seriousViolation: 0.05,
  },
  poor: {
    violations: [1, 2],
    penalties: [1, 2],
    noData: [2, 4],
    commitment: 0.6,
    accident: 0.06,
    openOverdue: 0.05,
    lateClose: 0.2,
    majorHazard: 0.06,
    unexecuted: 0.15,
    seriousViolation: 0.12,
  },
  severe: {
    violations: [1, 3],
    penalties: [1, 2],
    noData: [2, 6],
    commitment: 0.4,
    accident: 0,
    openOverdue: 0.15,
    lateClose: 0.3,
    majorHazard: 0.12,
    unexecuted: 0.35,
    seriousViolation: 0.25,
  },
};

/** The frequent, lightly priced acts appear more often. */
const MILD: readonly ViolationCategory[] = [
  'regulations_mismatch',
  'regulations_mismatch',
  'regulations_mismatch',
  'responsibility_not_fulfilled',
  'responsibility_not_fulfilled',
  'three_violations_explosives',
  'three_violations_explosives',
  'outdated_capacity',
  'licences_incomplete',
  'responsibility_not_fulfilled',
  'fire_goaf_sealing',
  'fire_water_measures',
  'three_violations_explosives',
  'regulations_mismatch',
  'illegal_contracting',
  'upgrade_violation',
  'exit_plan_violation',
  'repair_out_of_scope',
];
/** Serious (36-month window) but not forcing D. */
const SERIOUS: readonly ViolationCategory[] = [
  'over_capacity',
  'cross_boundary_or_forgery',
  'banned_mining_method',
  'monitoring_failure',
  'fake_rectification',
];

const INSPECTOR: Actor = { sub: 'bench-inspector', role: 'inspector', name: '基准测试监管员' };
const VERIFIER: Actor = { sub: 'bench-verifier', role: 'inspector', name: '基准测试验收员' };
const LEGAL: Actor = { sub: 'bench-legal', role: 'legal_reviewer', name: '基准测试法制审核员' };
const mineUser = (mineId: string): Actor => ({ sub: `bench-user-${mineId}`, role: 'mine_user', name: '煤矿安全科' });
/** 10:00 and 14:00 in Asia/Shanghai on a business day, as the writers' `db.now()` would have stamped it. */
const morning = (date: string) => `${date}T02:00:00.000Z`;
const afternoon = (date: string) => `${date}T06:00:00.000Z`;

export function creditMine(index: number, jurisdictions: number): CreditMine {
  const base = syntheticMine(index, jurisdictions);
  const rnd = mulberry32(fnv1a(`bench-credit|${index}`));
  const r = rnd();
  const risk: RiskClass = r < 0.42 ? 'good' : r < 0.77 ? 'average' : r < 0.96 ? 'poor' : 'severe';
  const g = rnd();
  const grade = g < 0.12 ? 'grade1' : g < 0.45 ? 'grade2' : g < 0.9 ? 'grade3' : 'none';
  const t = rnd();
  const trigger: Trigger | null =
    risk !== 'severe'
      ? null
      : t < 0.4
        ? 'stopped_mine_producing'
        : t < 0.55
          ? 'major_accident'
          : t < 0.8
            ? 'concealed_accident'
            : 'two_larger_accidents';
  return { ...base, risk, grade, trigger };
}

/** The profile as the registry stores it (the nightly bench's), with this mine's standardisation grade. */
export function profileItem(m: CreditMine, asOf: string, at: string): Item {
  const profile = registryItems(m, asOf, at).next().value as Item;
  if (profile.entity !== 'mine') throw new Error('registryItems no longer yields the profile first');
  return { ...profile, standardisationGrade: m.grade };
}

/** Every item of a mine's credit history (and its last inspection), dated within the 365 days up to `asOf`. */
export function creditRecordItems(m: CreditMine, asOf: string): Item[] {
  const rnd = mulberry32(fnv1a(`bench-credit-records|${m.index}`));
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  /** A day `back` days before asOf, 0..364. */
  const dayBack = (lo = 0, hi = 364) => addDays(asOf, -int(lo, hi));
  const p = CLASSES[m.risk];
  const idx = String(m.index).padStart(5, '0');
  let seq = 0;
  const id = (prefix: string) => `${prefix}-b${idx}${String(seq++).padStart(2, '0')}`;
  const who = { mineId: m.mineId, mineName: `基准测试${m.index + 1}号煤矿`, jurisdiction: m.jurisdiction };
  const items: Item[] = [];

  // ---- how many of each ----
  const total = int(10, 15);
  const violations = int(...p.violations);
  const penalties = int(...p.penalties);
  const noData = int(...p.noData);
  const commitment = rnd() < p.commitment;
  const accidents: { level: AccidentLevel; concealed: boolean }[] = [];
  if (rnd() < p.accident) accidents.push({ level: 'general', concealed: false });
  if (m.trigger === 'major_accident') accidents.push({ level: 'major', concealed: false });
  if (m.trigger === 'concealed_accident') accidents.push({ level: 'general', concealed: true });
  if (m.trigger === 'two_larger_accidents')
    accidents.push({ level: 'larger', concealed: false }, { level: 'larger', concealed: false });
  const triggerViolation = m.trigger === 'stopped_mine_producing' ? 1 : 0;
  const hazards = Math.max(
    2,
    total - violations - triggerViolation - penalties - noData - (commitment ? 1 : 0) - accidents.length,
  );

  // ---- violations (datedItem, as violationWrite builds the record) ----
  const violationIds: string[] = [];
  for (let k = 0; k < violations + triggerViolation; k++) {
    const category: ViolationCategory =
      k === violations ? 'stopped_mine_producing' : rnd() < p.seriousViolation ? pick(SERIOUS) : pick(MILD);
    const date = dayBack();
    const s = rnd();
    const source =
      s < 0.55
        ? { kind: 'inspection' as const, id: id('ins') }
        : s < 0.85
          ? { kind: 'manual' as const }
          : { kind: 'case' as const, id: id('case') };
    const violationId = id('vio');
    violationIds.push(violationId);
    const record: ViolationRecord = {
      violationId,
      ...who,
      category,
      categoryName: categoryName(category),
      date,
      description: `基准测试：${categoryName(category)}`,
      evidence: [`现场照片 ${violationId}-1`],
      source,
      recordedBy: INSPECTOR,
      recordedAt: morning(date),
      version: 1,
    };
    items.push(datedItem(VIOLATION_KIND, record));
  }

  // ---- hazards (as recordHazard builds them, moved along the flow by applyHazardAction) ----
  const standard = standardById('GB-2020')!;
  for (let k = 0; k < hazards; k++) {
    const level: HazardLevel = rnd() < p.majorHazard ? 'major' : 'general';
    const foundOn = dayBack();
    const deadline = addDays(foundOn, level === 'major' ? int(30, 90) : int(7, 30));
    const selfReport = rnd() < 0.3;
    const hazardId = id('hz');
    const category = level === 'major' ? pick(standard.categories) : undefined;
    const recordedAt = morning(foundOn);
    const recordedBy = selfReport ? mineUser(m.mineId) : INSPECTOR;
    let h: HazardItem = {
      hazardId,
      ...who,
      level,
      ...(category ? { standardVersion: standard.id, category: category.code, categoryName: category.name } : {}),
      description: `基准测试隐患 ${hazardId}`,
      location: pick(['2301 回采工作面', '中央水泵房', '主斜井', '3号掘进工作面', '井下变电所']),
      foundOn,
      deadline,
      ...(level === 'major'
        ? {
            measures: '停止相关区域作业，制定专项整改方案，整改合格后方可恢复',
            supervision: {
              responsiblePerson: { name: '矿长', position: '矿长' },
              funds: { amount: 200_000, source: '企业安全费用' },
              contingencyPlan: '专项应急预案',
              official: { userId: 'bench-official', name: '包保干部' },
            },
          }
        : {}),
      source: selfReport ? 'self_report' : 'inspection',
      status: 'reported',
      recordedBy,
      recordedAt,
      steps: [{ action: 'record', at: recordedAt, by: recordedBy }],
      version: 1,
      updatedAt: recordedAt,
    };
    // Closed on a day: early for most, after the deadline for some; some past their deadline are still open.
    let closedOn: string | undefined;
    if (deadline >= asOf) {
      if (rnd() < 0.4 && foundOn < asOf) closedOn = addDays(foundOn, int(1, daysBetween(foundOn, asOf)));
    } else if (rnd() >= p.openOverdue) {
      const lateBy = daysBetween(deadline, asOf);
      closedOn =
        rnd() < p.lateClose && lateBy >= 2
          ? addDays(deadline, int(1, Math.min(30, lateBy - 1)))
          : addDays(foundOn, int(1, daysBetween(foundOn, deadline)));
    }
    const openStatus: HazardStatus = closedOn
      ? 'verified'
      : foundOn === asOf
        ? 'reported'
        : pick(['reported', 'rectifying', 'rectifying', 'submitted'] as const);
    const act = (action: 'start' | 'submit' | 'verify', at: string, by: Actor, note?: string) => {
      h = applyHazardAction(
        h,
        by,
        { action, version: h.version, ...(note ? { note, evidence: [`整改照片 ${hazardId}`] } : {}) },
        at,
      );
    };
    if (openStatus !== 'reported') act('start', afternoon(foundOn), INSPECTOR);
    if (openStatus === 'submitted' || openStatus === 'verified')
      act('submit', morning(closedOn ?? addDays(foundOn, 1)), mineUser(m.mineId), '已按措施整改完毕');
    if (openStatus === 'verified') act('verify', afternoon(closedOn!), VERIFIER);
    items.push({ ...hazardKeys(h), ...h });
  }

  // ---- penalties (as createPenalty / actOnPenalty store them) ----
  for (let k = 0; k < penalties; k++) {
    const penaltyId = id('pen');
    const effectiveOn = dayBack(0, 364);
    const kr = rnd();
    const terms: PenaltyTerms =
      kr < 0.4
        ? { kind: 'warning' }
        : { kind: 'fine', amountYuan: rnd() < 0.15 ? int(8, 20) * 10_000 : int(1, 5) * 10_000 };
    const { major, reason } = classifyPenalty(terms, DEFAULT_PENALTY_THRESHOLDS);
    const executionDue = executionDueFor(terms, effectiveOn, DEFAULT_PENALTY_THRESHOLDS);
    const proposedOn = major ? addDays(effectiveOn, -int(3, 10)) : effectiveOn;
    const steps: PenaltyStep[] = major
      ? [
          { action: 'propose', at: morning(proposedOn), by: INSPECTOR },
          { action: 'submit_for_review', at: afternoon(proposedOn), by: INSPECTOR },
          { action: 'approve', at: morning(effectiveOn), by: LEGAL },
        ]
      : [{ action: 'decide', at: morning(effectiveOn), by: INSPECTOR }];
    let executedOn: string | undefined;
    if (executionDue >= asOf) {
      if (rnd() < 0.5 && effectiveOn < asOf) executedOn = addDays(effectiveOn, int(1, daysBetween(effectiveOn, asOf)));
    } else if (rnd() >= p.unexecuted) {
      const lateBy = daysBetween(executionDue, asOf);
      executedOn =
        rnd() < p.lateClose && lateBy >= 2
          ? addDays(executionDue, int(1, Math.min(60, lateBy - 1)))
          : addDays(effectiveOn, int(0, daysBetween(effectiveOn, executionDue)));
    }
    const evidence = executedOn ? [`执行凭证 ${penaltyId}`] : undefined;
    if (executedOn) steps.push({ action: 'execute', at: afternoon(executedOn), by: INSPECTOR, evidence: evidence! });
    const last = steps.at(-1)!.at;
    const penalty: PenaltyItem = {
      penaltyId,
      ...who,
      ...terms,
      decisionNo: `煤安监罚〔${effectiveOn.slice(0, 4)}〕${m.index + 1}-${k + 1}号`,
      basis: '《安全生产法》第一百一十二条',
      description: `基准测试处罚 ${penaltyId}`,
      violationIds: violationIds.length ? [violationIds[k % violationIds.length]!] : [],
      major,
      majorReason: reason,
      policy: { definedAt: null, version: 0 },
      status: executedOn ? 'executed' : 'effective',
      proposedBy: INSPECTOR,
      proposedAt: morning(proposedOn),
      ...(major ? { submittedBy: INSPECTOR, reviewedBy: LEGAL } : {}),
      effectiveOn,
      executionDue,
      ...(executedOn ? { executedOn, executionEvidence: evidence! } : {}),
      steps,
      version: steps.length,
      createdAt: morning(proposedOn),
      updatedAt: last,
    };
    items.push({ ...penaltyKeys(penalty), ...penalty });
  }

  // ---- accidents (datedItem, as recordAccident builds the record) ----
  for (const a of accidents) {
    // Two larger accidents fall within the ordinary (12-month) window, so together they force D.
    const date = dayBack(0, a.level === 'larger' ? 300 : 364);
    const accidentId = id('acc');
    const recordedAt = morning(addDays(date, a.concealed ? int(10, 40) : 0));
    const deaths = a.level === 'major' ? int(10, 12) : a.level === 'larger' ? int(3, 5) : int(0, 2);
    const record: AccidentRecord = {
      accidentId,
      ...who,
      date,
      level: a.level,
      deaths,
      injuries: int(0, a.level === 'general' ? 9 : 20),
      description: `基准测试事故 ${accidentId}`,
      concealed: a.concealed,
      misreported: false,
      recordedBy: INSPECTOR,
      recordedAt,
      version: 1,
      updatedAt: recordedAt,
    };
    items.push(datedItem(ACCIDENT_KIND, record));
  }

  // ---- days without a reading: the review engine's no_data verdict, stored as reviewMines stores it ----
  const missed = new Set<string>();
  while (missed.size < noData) missed.add(dayBack(1, 364));
  for (const date of missed) {
    const review = reviewMineDay({
      mineId: m.mineId,
      date,
      approvedCapacityTonnesPerYear: m.capacity,
      statusTimeline: [{ status: m.status, from: addDays(asOf, -400) }],
      equipment: EQUIPMENT.map((e) => ({ ratedKw: e.kw, circuit: e.circuit, mustRunWhenStopped: e.mustRun })),
      readings: [],
      revisionsAfterReview: [],
      policy: { ...DEFAULT_POWER_POLICY, version: 0 },
    });
    const stored: StoredReview = {
      ...review,
      mineName: who.mineName,
      jurisdiction: m.jurisdiction,
      policy: { definedAt: null, version: 0 },
      computedAt: morning(addDays(date, 1)),
    };
    items.push({
      PK: pk.mine(m.mineId),
      SK: sk.review(date),
      entity: 'review',
      GSI1PK: gsi1.reviewsOfProvince(m.jurisdiction, date),
      GSI1SK: gsi1.reviewInJurisdiction(m.jurisdiction, m.mineId),
      ...(stored.verdict === 'no_data' ? creditIndex(m.mineId, date, 'REVIEW', date) : {}),
      ...stored,
    });
  }

  // ---- the year's safety commitment (as commitments.put stores it: the year, as the record id, is a string) ----
  if (commitment) {
    const year = Number(asOf.slice(0, 4));
    const jan1 = `${year}-01-01`;
    const filedOn =
      rnd() < 0.15
        ? addDays(jan1, -int(1, 25))
        : addDays(jan1, int(0, Math.min(80, Math.max(0, daysBetween(jan1, asOf)))));
    items.push({
      PK: pk.mine(m.mineId),
      SK: sk.commitment(year),
      entity: 'safetyCommitment',
      ...creditIndex(m.mineId, filedOn, 'COMMITMENT', String(year)),
      filedOn,
      signedBy: '矿长',
      content: `${year} 年度安全生产承诺书`,
      year: String(year),
      mineId: m.mineId,
      version: 1,
      createdAt: morning(filedOn),
      updatedAt: morning(filedOn),
    });
  }

  // ---- the last inspection done (most mines), as the inspection flow stores it ----
  if (rnd() < 0.8) {
    const last: LastInspection = {
      mineId: m.mineId,
      jurisdiction: m.jurisdiction,
      lastInspectionOn: dayBack(0, 200),
      inspectionId: id('ins'),
      updatedAt: morning(asOf),
    };
    items.push({ ...lastInspectionKey(m.mineId), entity: 'lastInspection', ...last });
  }
  return items;
}

/** What the model must find for a mine, from its items alone: the credit-index items from the window start on. */
export function expectedCredit(
  items: readonly Item[],
  grade: string,
  asOf: string,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
): CreditResult {
  const from = creditWindowStart(asOf, policy);
  const records = items
    .filter((i) => typeof i.GSI3PK === 'string' && (i.GSI3SK as string) >= from)
    .map((i) => fromStoredItem(i))
    .filter((r): r is CreditRecord => r !== undefined);
  return classify({ asOf, records, standardisationGrade: grade, policy });
}

export interface Planted {
  items: number;
  /** Items on the credit index. */
  records: number;
  readonly byEntity: Record<string, number>;
  readonly risk: Record<string, number>;
  readonly triggers: Record<string, number>;
  /** The tier each mine must get, per classified day (index = mine index). */
  readonly expected: Record<string, string[]>;
}

/**
 * Every item of the data set (jurisdictions, then mine by mine: profile, records), generated as consumed; `planted`
 * fills in as it goes with counts and the tier the pure model gives each mine on each of `days`.
 */
export function* allCreditItems(options: {
  mines: number;
  jurisdictions: number;
  asOf: string;
  at: string;
  days: readonly string[];
  planted: Planted;
}): Generator<Item> {
  const { planted } = options;
  const count = (rec: Record<string, number>, key: string): void => {
    rec[key] = (rec[key] ?? 0) + 1;
  };
  for (const item of jurisdictionItems(options.jurisdictions)) {
    planted.items += 1;
    yield item;
  }
  for (const day of options.days) planted.expected[day] ??= [];
  for (let i = 0; i < options.mines; i++) {
    const m = creditMine(i, options.jurisdictions);
    const items = [profileItem(m, options.asOf, options.at), ...creditRecordItems(m, options.asOf)];
    count(planted.risk, m.risk);
    if (m.trigger) count(planted.triggers, m.trigger);
    for (const item of items) {
      count(planted.byEntity, String(item.entity));
      if (item.GSI3PK) planted.records += 1;
    }
    for (const day of options.days) planted.expected[day]![i] = expectedCredit(items, m.grade, day).tier;
    planted.items += items.length;
    yield* items;
  }
}

export const emptyPlanted = (): Planted => ({
  items: 0,
  records: 0,
  byEntity: {},
  risk: {},
  triggers: {},
  expected: {},
});
