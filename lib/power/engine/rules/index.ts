/**
 * The rule set, in three groups: rules about the day's consumption run only when the day has a reading (with them the
 * one that holds the electricity against the personnel feed, which needs both); the rules about reporting itself
 * (missing, revised after review, a declaration off the grid's reading) and about producing without a valid licence
 * always run; the monitoring feeds' rules run whether or not the day has a reading, each only when its feed arrived.
 */
import { closedConsumption } from './closed-consumption.ts';
import type { Rule } from './context.ts';
import { declarationMismatch } from './declaration-mismatch.ts';
import { gasRevisedAfterReview, personnelRevisedAfterReview } from './feed-revised-after-review.ts';
import { flatlineOrDrop } from './flatline-or-drop.ts';
import { gasNoPowerCut } from './gas-no-power-cut.ts';
import { hoistShare } from './hoist-share.ts';
import { licenceInvalid } from './licence-invalid.ts';
import { missing } from './missing.ts';
import { nightProduction } from './night-production.ts';
import { overCapacity } from './over-capacity.ts';
import { overHeadcount } from './over-headcount.ts';
import { peopleWhenStopped } from './people-when-stopped.ts';
import { powerPeopleDisagree } from './power-people-disagree.ts';
import { revisedAfterReview } from './revised-after-review.ts';
import { sensorOffline } from './sensor-offline.ts';
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
  powerPeopleDisagree,
];

export const REPORTING_RULES: readonly Rule[] = [missing, revisedAfterReview, declarationMismatch, licenceInvalid];

export const MONITORING_RULES: readonly Rule[] = [
  peopleWhenStopped,
  overHeadcount,
  gasNoPowerCut,
  sensorOffline,
  personnelRevisedAfterReview,
  gasRevisedAfterReview,
];
