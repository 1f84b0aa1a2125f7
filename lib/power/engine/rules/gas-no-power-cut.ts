/**
 * 瓦斯超限未断电 (瓦斯超限作业, a 重大事故隐患, the plan's item (7)): a methane alarm whose peak reached the policy's
 * cut-off concentration (1.0 % CH4 by default; at it counts) while the system did not cut power to the area. Critical,
 * whatever the mine's status: a stopped mine's monitoring must cut power too.
 */
import { gasNoPowerCutMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

export const gasNoPowerCut: Rule = ({ input, policy }) => {
  const gas = input.monitoring?.gas;
  if (gas === undefined) return null;
  const limit = policy.gasLimitPercent;
  const events = gas.events.filter((e) => e.peakPercent >= limit && !e.powerCut);
  if (events.length === 0) return null;
  const peak = Math.max(...events.map((e) => e.peakPercent));
  return makeFinding({
    rule: 'GAS_NO_POWER_CUT',
    severity: 'critical',
    unit: 'percent',
    measured: peak,
    threshold: limit,
    baseline: { name: 'gasLimitPercent', value: limit, source: 'default' },
    message: gasNoPowerCutMessage({ events, limit }),
  });
};
