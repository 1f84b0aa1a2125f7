/**
 * 明停暗开: a suspended or rectifying mine using clearly more than its must-run equipment needs; likewise a mine under
 * construction (技改/建设), which may not produce either (边建设边生产).
 */
import { suspendedOverMaintenanceMessage } from '../messages.ts';
import { isHeldToMaintenance } from '../status-on.ts';
import { makeFinding, type Rule } from './context.ts';

export const suspendedOverMaintenance: Rule = ({ status, total, baselines, policy }) => {
  if (!isHeldToMaintenance(status)) return null;
  const maintenance = baselines.maintenanceKwh;
  const threshold = maintenance.value * policy.maintenanceMultiplier;
  if (!(total > threshold)) return null;
  return makeFinding({
    rule: 'SUSPENDED_OVER_MAINTENANCE',
    severity: 'high',
    unit: 'kWh',
    measured: total,
    threshold,
    baseline: { name: 'maintenanceKwh', ...maintenance },
    message: suspendedOverMaintenanceMessage({
      status,
      total,
      maintenance: maintenance.value,
      source: maintenance.source,
      multiplier: policy.maintenanceMultiplier,
      threshold,
    }),
  });
};
