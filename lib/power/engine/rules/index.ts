/**
 * The rule set, in two groups: rules about the day's consumption run only when the day has a reading; the rules
 * about reporting itself (missing, revised after review, a declaration off the grid's reading) and about producing
 * without a valid licence always run.
 */
import { closedConsumption } from './closed-consumption.ts';
import type { Rule } from './context.ts';
import { declarationMismatch } from './declaration-mismatch.ts';
import { flatlineOrDrop } from './flatline-or-drop.ts';
import { hoistShare } from './hoist-share.ts';
import { licenceInvalid } from './licence-invalid.ts';
import { missing } from './missing.ts';
import { nightProduction } from './night-production.ts';
import { overCapacity } from './over-capacity.ts';
import { revisedAfterReview } from './revised-after-review.ts';
import { spike } from './spike.ts';
import { suspendedOverMaintenance } from './suspended-over-maintenance.ts';
import { unacceptedProduction } from './unaccepted-production.ts';

export const CONSUMPTION_RULES: readonly Rule[] = [
  suspendedOverMaintenance,
  unacceptedProduction,
  closedConsumption,
  overCapacity,
  nightProduction,
  hoistShare,
  spike,
  flatlineOrDrop,
];

export const REPORTING_RULES: readonly Rule[] = [missing, revisedAfterReview, declarationMismatch, licenceInvalid];
