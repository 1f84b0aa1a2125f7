import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy, type PolicyRef } from '#lib/policies/define-policy.ts';
import { DEFAULT_POWER_THRESHOLDS, type PowerThresholds } from './policy.ts';
import type { PowerReviewPolicy } from './types.ts';

const ratio = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));
const whole = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** The thresholds a bureau_admin may set, each within its bounds. */
const powerThresholdsSchema = z.strictObject({
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
  declarationTolerance: ratio(0.01, 0.5),
  productionLevelShare: ratio(0.1, 0.9),
  gasLimitPercent: ratio(0.5, 2),
  sensorOfflineMaxHours: ratio(0.5, 24),
  defaultDutyCrew: whole(0, 200),
  minimumProducingCrew: whole(1, 200),
});

/** The electricity review's thresholds (`GET/PUT /v1/policies/power-review`). */
export const powerPolicy = definePolicy({
  name: 'power-review',
  label: '用电审查阈值',
  field: 'thresholds',
  defaults: DEFAULT_POWER_THRESHOLDS,
  schema: powerThresholdsSchema,
});

/** The thresholds as the engine takes them: with the version they are, which each review records. */
export const reviewPolicy = (thresholds: PowerThresholds, ref: PolicyRef): PowerReviewPolicy => ({
  ...thresholds,
  version: ref.version,
});
