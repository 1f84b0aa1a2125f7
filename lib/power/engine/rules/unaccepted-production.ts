/**
 * 未经验收擅自生产 (the plan's item (15)): a suspended, rectifying or constructing mine returns to producing only
 * through an approved 复工复产验收, which changes its status; until then a day that draws what production draws is
 * this finding. The production level is the policy's productionLevelShare (30 % by default) of the day's
 * production ceiling at the approved capacity, and the day must be over the maintenance bar too (a mine whose must-run equipment alone draws that much
 * is not producing for it). Above both is critical: it is not a suspicion of hidden work (明停暗开, the
 * maintenance rule) but production at scale. Strict comparisons: exactly at the level is no finding.
 */
import { unacceptedProductionMessage } from '../messages.ts';
import { isHeldToMaintenance } from '../status-on.ts';
import { makeFinding, type Rule } from './context.ts';

export const unacceptedProduction: Rule = ({ status, total, baselines, policy }) => {
  if (!isHeldToMaintenance(status)) return null;
  const ceiling = baselines.productionCeilingKwh;
  const share = policy.productionLevelShare;
  const productionLevel = ceiling.value * share;
  const maintenanceBar = baselines.maintenanceKwh.value * policy.maintenanceMultiplier;
  if (!(total > productionLevel && total > maintenanceBar)) return null;
  return makeFinding({
    rule: 'UNACCEPTED_PRODUCTION',
    severity: 'critical',
    unit: 'kWh',
    measured: total,
    threshold: productionLevel,
    baseline: { name: 'productionCeilingKwh', ...ceiling },
    message: unacceptedProductionMessage({ status, total, productionLevel, share }),
  });
};
