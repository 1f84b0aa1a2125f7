/**
 * 夜间生产: a stopped mine, or one under construction, whose night (22:00–06:00) share of the day is far above its
 * maintenance profile. A closed mine is held to the closed floor instead.
 */
import { nightProductionMessage } from '../messages.ts';
import { isHeldToMaintenance } from '../status-on.ts';
import { makeFinding, type Rule } from './context.ts';

export const nightProduction: Rule = ({ status, agg, cal, baselines, policy }) => {
  if (!isHeldToMaintenance(status)) return null;
  const share = agg.nightShare[cal.day]!;
  if (Number.isNaN(share)) return null; // no complete quarter-hour data
  const base = baselines.nightShare;
  const threshold = base.value * policy.nightShareFactor;
  if (!(share > threshold)) return null;
  return makeFinding({
    rule: 'NIGHT_PRODUCTION',
    severity: 'high',
    unit: 'share',
    measured: share,
    threshold,
    baseline: { name: 'nightShare', ...base },
    message: nightProductionMessage({
      status,
      share,
      baseline: base.value,
      source: base.source,
      factor: policy.nightShareFactor,
      threshold,
    }),
  });
};
