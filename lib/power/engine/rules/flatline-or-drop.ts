/**
 * 电表故障或篡改: a producing mine whose consumption collapses to near zero, or a meter reporting exactly the same
 * non-zero kWh day after day (a real meter never repeats itself to the last decimal). One finding; near zero leads
 * when both hold.
 */
import type { DailyReading } from '../../types.ts';
import { type Flatline, flatlineOrDropMessage } from '../messages.ts';
import { makeFinding, type ReviewContext, type Rule } from './context.ts';

/** The meter with the longest run of identical non-zero readings ending on the reviewed day (ties: lowest id). */
export const longestFlatline = ({ agg, cal, input }: Pick<ReviewContext, 'agg' | 'cal' | 'input'>): Flatline | null => {
  const readings: readonly DailyReading[] = input.readings;
  let best: Flatline | null = null;
  for (const [meterId, slots] of agg.meterDays) {
    const last = slots[cal.day]!;
    if (last === 0) continue;
    const kwh = readings[last - 1]!.kwh;
    if (!(kwh > 0)) continue;
    let days = 1;
    for (let i = cal.day - 1; i >= 0; i--) {
      const slot = slots[i]!;
      if (slot === 0 || readings[slot - 1]!.kwh !== kwh) break;
      days++;
    }
    if (best === null || days > best.days || (days === best.days && meterId < best.meterId)) {
      best = { meterId, days, kwh, flatlineDays: input.policy.flatlineDays };
    }
  }
  return best;
};

export const flatlineOrDrop: Rule = (ctx) => {
  const { status, total, baselines, policy } = ctx;
  if (status !== 'producing') return null;
  const ceiling = baselines.productionCeilingKwh;
  const nearZeroThreshold = policy.nearZeroFraction * ceiling.value;
  const nearZero = total < nearZeroThreshold;
  const run = longestFlatline(ctx);
  const flatline = run !== null && run.days >= policy.flatlineDays ? run : null;
  if (!nearZero && flatline === null) return null;

  const message = flatlineOrDropMessage({
    nearZero: nearZero
      ? { total, ceiling: ceiling.value, fraction: policy.nearZeroFraction, threshold: nearZeroThreshold }
      : null,
    flatline,
  });
  if (nearZero) {
    return makeFinding({
      rule: 'FLATLINE_OR_DROP',
      severity: 'medium',
      unit: 'kWh',
      measured: total,
      threshold: nearZeroThreshold,
      baseline: { name: 'productionCeilingKwh', ...ceiling },
      message,
    });
  }
  if (flatline === null) return null;
  return makeFinding({
    rule: 'FLATLINE_OR_DROP',
    severity: 'medium',
    unit: 'days',
    measured: flatline.days,
    threshold: policy.flatlineDays,
    baseline: { name: 'flatlineKwh', value: flatline.kwh, source: 'history', unit: 'kWh' },
    message,
  });
};
