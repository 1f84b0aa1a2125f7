/**
 * 提升机运行: on a stopped, closed or constructing mine the hoist barely runs, so a hoist share of the circuit split
 * well above its stopped-day level means coal is being raised. "Well above" is both relative (× hoistShareFactor) and absolute
 * (at least hoistShareMinIncrease more), so a tiny baseline does not fire on noise.
 */
import { hoistShareMessage } from '../messages.ts';
import { isStopped } from '../status-on.ts';
import { makeFinding, type Rule } from './context.ts';

export const hoistShare: Rule = ({ status, agg, cal, baselines, policy }) => {
  if (!isStopped(status)) return null;
  const base = baselines.hoistShare;
  if (base === null || agg.hasHoist[cal.day] !== 1) return null;
  const share = agg.hoistShare[cal.day]!;
  if (Number.isNaN(share)) return null;
  const relative = base.value * policy.hoistShareFactor;
  if (!(share > relative && share - base.value >= policy.hoistShareMinIncrease)) return null;
  const threshold = Math.max(relative, base.value + policy.hoistShareMinIncrease);
  return makeFinding({
    rule: 'HOIST_SHARE',
    severity: 'high',
    unit: 'share',
    measured: share,
    threshold,
    baseline: { name: 'hoistShare', ...base },
    message: hoistShareMessage({
      status,
      share,
      baseline: base.value,
      factor: policy.hoistShareFactor,
      minIncrease: policy.hoistShareMinIncrease,
      threshold,
    }),
  });
};
