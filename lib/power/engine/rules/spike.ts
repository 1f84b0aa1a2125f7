/**
 * 突增: the day's total far above the mine's own recent days in the same status, by a robust z-score (median and
 * MAD, scaled by 1.4826 to match a standard deviation), so one odd day in the window does not move the bar.
 */
import { spikeMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

/** MAD × this estimates the standard deviation of normally distributed data. */
export const MAD_SCALE = 1.4826;

/** The total above which the day is a spike: median + spikeZ × 1.4826 × MAD. */
export const spikeThresholdKwh = (median: number, mad: number, spikeZ: number): number =>
  median + spikeZ * MAD_SCALE * mad;

export const spike: Rule = ({ status, total, baselines, policy }) => {
  const { medianKwh: median, madKwh: mad } = baselines;
  if (median === null || mad === null || !(mad > 0)) return null;
  const threshold = spikeThresholdKwh(median, mad, policy.spikeZ);
  if (!(total > threshold)) return null;
  const z = (total - median) / (MAD_SCALE * mad);
  return makeFinding({
    rule: 'SPIKE',
    severity: 'medium',
    unit: 'z',
    measured: z,
    threshold: policy.spikeZ,
    baseline: { name: 'medianKwh', value: median, source: 'history', unit: 'kWh' },
    message: spikeMessage({
      status,
      total,
      median,
      windowDays: policy.windowDays,
      z,
      spikeZ: policy.spikeZ,
      threshold,
    }),
  });
};
