/** 死灰复燃: a closed mine drawing more than a small floor (a closed mine should draw next to nothing). */
import { closedConsumptionMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

export const closedConsumption: Rule = ({ status, total, policy }) => {
  if (status !== 'closed') return null;
  const floor = policy.closedFloorKwh;
  if (!(total > floor)) return null;
  return makeFinding({
    rule: 'CLOSED_CONSUMPTION',
    severity: 'critical',
    unit: 'kWh',
    measured: total,
    threshold: floor,
    baseline: { name: 'closedFloorKwh', value: floor, source: 'default' },
    message: closedConsumptionMessage({ total, floor }),
  });
};
