import type { BaselineSource, Finding, Verdict, Witness } from '#lib/findings/vocabulary.ts';
import type { FeedRevision } from '#lib/monitoring/feed-precedence.ts';
import type { GasDay, PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import type {
  Circuit,
  HeadcountLimits,
  LicenceType,
  LicenceValidity,
  MineStatus,
  StatusSpan,
} from '#lib/registry/vocabulary.ts';

/**
 * The vocabulary of the daily electricity review (煤矿用电量审查): what goes into the review engine and what comes
 * out. The engine itself is pure (lib/power/engine/), so these are plain data.
 */

/** One meter's consumption on one business day. */
export interface DailyReading {
  readonly meterId: string;
  /** Business date, Asia/Shanghai, YYYY-MM-DD. */
  readonly date: string;
  /** Total kWh of the day (after the meter's multiplier). */
  readonly kwh: number;
  /** 96 quarter-hour kWh values, 00:00–00:15 first, when the meter reports them. */
  readonly quarterHours?: readonly number[];
  /** kWh per circuit, when the mine or grid reports the split. */
  readonly circuits?: Readonly<Partial<Record<Circuit, number>>>;
}

export interface EquipmentLoad {
  readonly ratedKw: number;
  readonly circuit: Circuit;
  readonly mustRunWhenStopped: boolean;
}

/** A reading revised after its day had been reviewed (itself a finding). */
export interface RevisionAfterReview {
  readonly meterId: string;
  readonly date: string;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly previousKwh: number;
  readonly kwh: number;
  /**
   * The mine changed its declaration (its own value kept beside a grid or bureau reading in force), not the reading
   * in force: the day's total did not move.
   */
  readonly declaration?: true;
}

/** Where a reading in force above the mine's own came from: the grid company's file, or the bureau on site. */
export type AuthoritativeSource = 'grid' | 'bureau';

/**
 * What a mine declared for a meter and day whose reading in force came from a higher source (the grid company or
 * the bureau): its latest declaration, beside the value in force. The review compares the two.
 */
export interface Declaration {
  readonly meterId: string;
  readonly date: string;
  /** kWh the mine declared. */
  readonly declaredKwh: number;
  readonly declaredAt: string;
  /** Who declared it, as a person reads it. */
  readonly declaredBy: string;
  /** kWh of the reading in force, and where it came from. */
  readonly inForceKwh: number;
  readonly inForceSource: AuthoritativeSource;
}

export interface BaselineValue {
  readonly value: number;
  readonly source: BaselineSource;
}

export interface Baselines {
  /** kWh a stopped mine needs per day (ventilation, drainage, monitoring). */
  readonly maintenanceKwh: BaselineValue;
  /** The most a producing mine may use per day at its approved capacity. */
  readonly productionCeilingKwh: BaselineValue;
  /** Rolling median and MAD of daily totals in the window, for days in the same status as the reviewed day. */
  readonly medianKwh: number | null;
  readonly madKwh: number | null;
  readonly historyDays: number;
  /** Share of a stopped day's consumption between 22:00 and 06:00. */
  readonly nightShare: BaselineValue;
  /** Share of the hoist circuit on stopped days, where circuit data exists. */
  readonly hoistShare: BaselineValue | null;
  /** Days of the history window no baseline learned from (`MineReviewInput.excludedDays`); absent when none. */
  readonly excludedDays?: readonly string[];
}

export interface MineReview {
  readonly mineId: string;
  readonly date: string;
  readonly status: MineStatus;
  readonly verdict: Verdict;
  /** Sum over meters; null when no reading arrived. */
  readonly totalKwh: number | null;
  readonly findings: readonly Finding[];
  /**
   * What each witness said of the day: the electricity, the people underground, the gas monitoring (no_data: it did
   * not report). `verdict` is the day's: an anomaly if any witness found one, else no_data without a reading.
   * Absent on reviews stored before the monitoring feeds.
   */
  readonly witnesses?: Readonly<Record<Witness, Verdict>>;
  readonly baselines: Baselines;
  readonly policyVersion: number;
}

export interface MineReviewInput {
  readonly mineId: string;
  /** The business day under review. */
  readonly date: string;
  readonly approvedCapacityTonnesPerYear: number;
  /** Learned kWh per tonne for this mine, when known; else the policy default. */
  readonly kwhPerTonne?: number;
  readonly statusTimeline: readonly StatusSpan[];
  readonly equipment: readonly EquipmentLoad[];
  /** Every reading of the mine from `readingsWindowStart(date, policy)` up to and including `date`. */
  readonly readings: readonly DailyReading[];
  readonly revisionsAfterReview: readonly RevisionAfterReview[];
  /** The mine's declarations beside grid or bureau readings (absent: none); only the reviewed day's count. */
  readonly declarations?: readonly Declaration[];
  readonly policy: PowerReviewPolicy;
  /**
   * The mine's licences as its profile copies them (absent: none recorded); the review holds a producing day
   * against the 安全生产许可证 and 采矿许可证 (LICENCE_INVALID).
   */
  readonly licences?: Readonly<Partial<Record<LicenceType, LicenceValidity>>>;
  /**
   * Days that must not feed any learned baseline: days whose review had a high or critical finding and days of an
   * investigation case pending on the reviewed day (lib/power/engine/exclusions.ts). Only days before the reviewed
   * one count, so the reviewed day's own finding never excuses it.
   */
  readonly excludedDays?: readonly string[];
  /**
   * What the mine's monitoring systems reported for the reviewed day (absent: no feed arrived): people underground
   * per shift, and the safety monitoring system's gas alarms and sensor outages. Each rule on them runs only when
   * its feed is there.
   */
  readonly monitoring?: MonitoringInput;
  /**
   * The approved headcount in force on the reviewed day (absent: none recorded; OVER_HEADCOUNT does not run, and a
   * stopped mine is held to the policy's default duty crew).
   */
  readonly headcount?: HeadcountLimits;
}

/**
 * The reviewed day's monitoring feeds as the review reads them: the values in force, and the changes made to a feed
 * after the day had been reviewed (the feed's history entries marked afterReview), which are findings themselves.
 */
export interface MonitoringInput {
  readonly personnel?: PersonnelDay;
  readonly gas?: GasDay;
  readonly personnelRevisions?: readonly FeedRevision<PersonnelDay>[];
  readonly gasRevisions?: readonly FeedRevision<GasDay>[];
}

/** The bureau's thresholds, versioned per jurisdiction; every review records the version it used. */
export interface PowerReviewPolicy {
  readonly version: number;
  /** Share of the must-run equipment's rated power actually drawn, for the equipment-based maintenance load. */
  readonly maintenanceLoadFactor: number;
  /** SUSPENDED_OVER_MAINTENANCE when kWh > maintenance load × this. */
  readonly maintenanceMultiplier: number;
  readonly productionDaysPerYear: number;
  /** Production ceiling = capacity / productionDaysPerYear × this × kWh per tonne. */
  readonly productionMargin: number;
  readonly defaultKwhPerTonne: number;
  /** OVER_CAPACITY month-to-date when the month's kWh so far > this × the pro-rata monthly share. */
  readonly monthToDateMargin: number;
  /** CLOSED_CONSUMPTION when a closed mine uses more than this per day. */
  readonly closedFloorKwh: number;
  /** NIGHT_PRODUCTION when the night share > the maintenance profile's night share × this. */
  readonly nightShareFactor: number;
  /** HOIST_SHARE when the hoist share > its stopped-day share × this and rises by at least hoistShareMinIncrease. */
  readonly hoistShareFactor: number;
  readonly hoistShareMinIncrease: number;
  /** SPIKE when the robust z-score against the window exceeds this. */
  readonly spikeZ: number;
  /** FLATLINE_OR_DROP: a producing day below this share of the production ceiling is "near zero". */
  readonly nearZeroFraction: number;
  /** FLATLINE_OR_DROP: identical totals on this many days in a row. */
  readonly flatlineDays: number;
  /** MISSING becomes high after this many days in a row without a reading. */
  readonly missingHighDays: number;
  /** Fewest same-status days in the window before history-learned baselines are trusted. */
  readonly minHistoryDays: number;
  readonly windowDays: number;
  /** An investigation case is overdue this many days after it opened. */
  readonly caseDeadlineDays: number;
  /**
   * DECLARATION_MISMATCH when a mine's declaration differs from the grid or bureau reading in force by more than
   * this share of the reading in force (0.1: declared below 90 % or above 110 % of it).
   */
  readonly declarationTolerance: number;
  /**
   * UNACCEPTED_PRODUCTION when a stopped mine's day is above this share of its production ceiling (and above its
   * maintenance bar): the level at which its electricity is production, not upkeep.
   */
  readonly productionLevelShare: number;
  /** GAS_NO_POWER_CUT: a methane alarm peaking at or above this concentration (% CH4) must have cut power. */
  readonly gasLimitPercent: number;
  /** SENSOR_OFFLINE when a sensor was offline longer than this many hours in the day (high above twice it). */
  readonly sensorOfflineMaxHours: number;
  /**
   * People a stopped, closed or not-yet-accepted mine may keep underground per shift when the register records no
   * approved headcount (PEOPLE_WHEN_STOPPED, POWER_PEOPLE_DISAGREE).
   */
  readonly defaultDutyCrew: number;
  /**
   * POWER_PEOPLE_DISAGREE: a day of production-level electricity with fewer people than this underground all day
   * (the day's peak) says the personnel feed hides the crew.
   */
  readonly minimumProducingCrew: number;
}
