import type { AccidentLevel } from '#lib/accidents/vocabulary.ts';
import type { ViolationCategory } from '#lib/violations/categories.ts';
import type { Tier } from './tiers.ts';

/**
 * The bureau's credit model (安全信用分类监管), a versioned policy per jurisdiction like the review's thresholds.
 * No national coal-mine grading exists (DOMAIN.md §3); these are the product's defaults, which a bureau changes with
 * `PUT /v1/policies/credit`. Every classification names the version it used.
 */
export { TIER_LABELS, TIERS, type Tier, tierRank } from './tiers.ts';

export interface CreditThresholds {
  /** Score before deductions and bonuses. */
  readonly baseScore: number;
  /** Months an ordinary record counts (12) and a serious one (36). A record stops counting after: credit repair. */
  readonly windowMonths: number;
  readonly seriousWindowMonths: number;
  /** Points off per confirmed violation, by the plan's category; a confirmed electricity case counts as its category. */
  readonly violationPoints: Readonly<Record<ViolationCategory, number>>;
  /** Categories that count for the serious window. */
  readonly seriousViolationCategories: readonly ViolationCategory[];
  readonly hazardPoints: { readonly general: number; readonly major: number };
  /**
   * The share of `hazardPoints` a hazard the mine reported itself (自查自报) costs, 0–1: finding and reporting one's
   * own hazard is what the plan asks of a mine, so it costs less than one an inspector found. Overdue costs in full.
   */
  readonly selfReportedHazardFactor: number;
  /** A hazard still open after its deadline, or rectified late. */
  readonly overdueHazardPoints: { readonly general: number; readonly major: number };
  readonly accidentPoints: Readonly<Record<AccidentLevel, number>>;
  /** Accident levels that count for the serious window. */
  readonly seriousAccidentLevels: readonly AccidentLevel[];
  /** A penalty in force not executed by its due date. */
  readonly penaltyNotExecutedPoints: number;
  /**
   * Points off per 约谈 (interview) within the ordinary window. An interview summons a mine to account and decides
   * nothing, so the product default is 0 (it is shown on the mine's file, not in its score); a bureau that counts
   * being summoned as a mark of poor credit sets it here.
   */
  readonly interviewPoints: number;
  /** Per day without a reading, up to the cap within the window. */
  readonly missedReadingDayPoints: number;
  readonly missedReadingsCap: number;
  readonly bonuses: {
    readonly standardisationGrade1: number;
    readonly standardisationGrade2: number;
    /** A safety commitment (安全承诺) filed within the window. */
    readonly safetyCommitment: number;
    /** No deduction of any kind within the ordinary window. */
    readonly cleanYear: number;
  };
  readonly bonusCap: number;
  /** Lowest score of each tier; below C's is D. */
  readonly tierFloors: { readonly A: number; readonly B: number; readonly C: number };
  /** Serious-dishonesty triggers (严重失信情形): any one forces D whatever the score. */
  readonly forceD: {
    readonly violationCategories: readonly ViolationCategory[];
    /** An accident of these levels within the serious window. */
    readonly accidentLevels: readonly AccidentLevel[];
    /** This many 较大 (larger) accidents within the ordinary window; 0 switches the rule off. */
    readonly largerAccidentsInWindow: number;
    /** A concealed (瞒报) or misreported (谎报) accident within the serious window. */
    readonly concealedAccident: boolean;
  };
  readonly inspectionsPerYear: Readonly<Record<Tier, number>>;
}

export const DEFAULT_CREDIT_THRESHOLDS: CreditThresholds = {
  baseScore: 100,
  windowMonths: 12,
  seriousWindowMonths: 36,
  violationPoints: {
    outdated_capacity: 10,
    licences_incomplete: 10,
    responsibility_not_fulfilled: 5,
    over_capacity: 20,
    cross_boundary_or_forgery: 20,
    banned_mining_method: 20,
    monitoring_failure: 15,
    fire_goaf_sealing: 10,
    fire_water_measures: 10,
    three_violations_explosives: 5,
    regulations_mismatch: 3,
    fake_rectification: 15,
    illegal_contracting: 10,
    upgrade_violation: 10,
    stopped_mine_producing: 30,
    exit_plan_violation: 10,
    repair_out_of_scope: 10,
    closed_mine_revived: 40,
  },
  seriousViolationCategories: [
    'over_capacity',
    'cross_boundary_or_forgery',
    'banned_mining_method',
    'monitoring_failure',
    'fake_rectification',
    'stopped_mine_producing',
    'closed_mine_revived',
  ],
  hazardPoints: { general: 1, major: 10 },
  selfReportedHazardFactor: 0.5,
  overdueHazardPoints: { general: 3, major: 10 },
  accidentPoints: { general: 10, larger: 25, major: 40, especially_major: 40 },
  seriousAccidentLevels: ['larger', 'major', 'especially_major'],
  penaltyNotExecutedPoints: 10,
  interviewPoints: 0,
  missedReadingDayPoints: 1,
  missedReadingsCap: 15,
  bonuses: { standardisationGrade1: 5, standardisationGrade2: 3, safetyCommitment: 2, cleanYear: 3 },
  bonusCap: 8,
  tierFloors: { A: 90, B: 75, C: 60 },
  forceD: {
    violationCategories: ['closed_mine_revived', 'stopped_mine_producing'],
    accidentLevels: ['major', 'especially_major'],
    largerAccidentsInWindow: 2,
    concealedAccident: true,
  },
  inspectionsPerYear: { A: 4, B: 6, C: 12, D: 26 },
};

export interface CreditPolicy extends CreditThresholds {
  /** The version in force (0: the product default) and where it is defined. */
  readonly ref: { readonly definedAt: string | null; readonly version: number };
}

export const DEFAULT_CREDIT_POLICY: CreditPolicy = {
  ...DEFAULT_CREDIT_THRESHOLDS,
  ref: { definedAt: null, version: 0 },
};

/** The tier a score alone earns. */
export function tierOfScore(score: number, floors: CreditThresholds['tierFloors']): Tier {
  if (score >= floors.A) return 'A';
  if (score >= floors.B) return 'B';
  if (score >= floors.C) return 'C';
  return 'D';
}
