import type { PowerReviewPolicy } from './types.ts';

/**
 * The default review policy (DOMAIN.md's table). A bureau may tune every threshold within the bounds of
 * `power-policy.ts`; each change is a new version, and each review records the version it used, so a past decision
 * can be explained and reproduced.
 */
export type PowerThresholds = Omit<PowerReviewPolicy, 'version'>;

export const DEFAULT_POWER_THRESHOLDS: PowerThresholds = {
  maintenanceLoadFactor: 0.6,
  maintenanceMultiplier: 1.3,
  productionDaysPerYear: 330,
  productionMargin: 1.1,
  defaultKwhPerTonne: 25,
  monthToDateMargin: 1.1,
  closedFloorKwh: 50,
  nightShareFactor: 1.5,
  hoistShareFactor: 1.25,
  hoistShareMinIncrease: 0.02,
  spikeZ: 4,
  nearZeroFraction: 0.05,
  flatlineDays: 3,
  missingHighDays: 3,
  minHistoryDays: 7,
  windowDays: 28,
  caseDeadlineDays: 3,
  declarationTolerance: 0.1,
  productionLevelShare: 0.3,
  gasLimitPercent: 1.0,
  sensorOfflineMaxHours: 2,
  defaultDutyCrew: 10,
  minimumProducingCrew: 5,
};

/** The defaults as the engine takes them, for tests, benches and the demo's planted readings. */
export const DEFAULT_POWER_POLICY: PowerReviewPolicy = { version: 1, ...DEFAULT_POWER_THRESHOLDS };
