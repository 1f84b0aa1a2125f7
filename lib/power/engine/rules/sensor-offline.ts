/**
 * 监控传感器长时间断线: a safety monitoring sensor offline longer in the day than the policy allows (2 hours by
 * default; exactly at it is no finding). Medium; high when any sensor was offline more than twice the allowance.
 */
import { sensorOfflineMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

export const sensorOffline: Rule = ({ input, policy }) => {
  const gas = input.monitoring?.gas;
  if (gas === undefined) return null;
  const maxHours = policy.sensorOfflineMaxHours;
  const outages = gas.outages.filter((o) => o.hoursOffline > maxHours);
  if (outages.length === 0) return null;
  const longest = Math.max(...outages.map((o) => o.hoursOffline));
  return makeFinding({
    rule: 'SENSOR_OFFLINE',
    severity: longest > maxHours * 2 ? 'high' : 'medium',
    unit: 'hours',
    measured: longest,
    threshold: maxHours,
    baseline: { name: 'sensorOfflineMaxHours', value: maxHours, source: 'default' },
    message: sensorOfflineMessage({ outages, maxHours }),
  });
};
