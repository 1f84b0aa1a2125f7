import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { PowerReviewPolicy } from './types.ts';

/**
 * The default review policy (DOMAIN.md's table) and its schema. A bureau may tune every threshold; each change is
 * a new version, and each review records the version it used, so a past decision can be explained and reproduced.
 */
export const DEFAULT_POWER_POLICY: PowerReviewPolicy = {
  version: 1,
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
};

const ratio = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));
const whole = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** The thresholds a bureau_admin may set (the version is assigned by the store). */
export const powerPolicyThresholds = z.strictObject({
  maintenanceLoadFactor: ratio(0.05, 1),
  maintenanceMultiplier: ratio(1, 5),
  productionDaysPerYear: whole(200, 366),
  productionMargin: ratio(1, 3),
  defaultKwhPerTonne: ratio(1, 200),
  monthToDateMargin: ratio(1, 3),
  closedFloorKwh: ratio(0, 100_000),
  nightShareFactor: ratio(1, 5),
  hoistShareFactor: ratio(1, 5),
  hoistShareMinIncrease: ratio(0, 1),
  spikeZ: ratio(2, 20),
  nearZeroFraction: ratio(0, 0.5),
  flatlineDays: whole(2, 14),
  missingHighDays: whole(2, 14),
  minHistoryDays: whole(3, 28),
  windowDays: whole(7, 56),
  caseDeadlineDays: whole(1, 30),
});
