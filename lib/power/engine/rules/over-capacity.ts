/**
 * 超能力: a producing mine using more than its approved capacity allows, on the day (the production ceiling) or over
 * the month so far (month-to-date kWh against the year's capacity pro-rata to the day of the month). One finding;
 * the daily breach leads when both hold, and the sentence names both.
 */
import { kwhPerTonneOf } from '../baselines.ts';
import { type MonthToDate, overCapacityMessage } from '../messages.ts';
import { makeFinding, type ReviewContext, type Rule } from './context.ts';

const MONTHS_PER_YEAR = 12;

/** The month's kWh allowance up to and including `dayOfMonth`: capacity × kWh/t / 12, pro-rata to the day. */
export const monthlyShareKwh = (
  capacityTonnesPerYear: number,
  kwhPerTonne: number,
  dayOfMonth: number,
  daysInMonth: number,
): number => ((capacityTonnesPerYear * kwhPerTonne) / MONTHS_PER_YEAR) * (dayOfMonth / daysInMonth);

/** kWh from the 1st of the reviewed month up to and including the reviewed day, over days with readings. */
export const monthToDateKwh = ({ cal, agg }: Pick<ReviewContext, 'cal' | 'agg'>): number => {
  let sum = 0;
  for (let i = cal.monthStart; i <= cal.day; i++) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t)) sum += t;
  }
  return sum;
};

export const overCapacity: Rule = (ctx) => {
  const { status, total, baselines, policy, cal, input } = ctx;
  if (status !== 'producing') return null;
  const ceiling = baselines.productionCeilingKwh;
  const dailyOver = total > ceiling.value;

  const share = monthlyShareKwh(
    input.approvedCapacityTonnesPerYear,
    kwhPerTonneOf(input),
    cal.dayOfMonth,
    cal.daysInMonth,
  );
  const mtdThreshold = policy.monthToDateMargin * share;
  const mtd = monthToDateKwh(ctx);
  const mtdOver = mtd > mtdThreshold;
  if (!dailyOver && !mtdOver) return null;

  const monthToDate: MonthToDate | null = mtdOver
    ? {
        month: Number(input.date.slice(5, 7)),
        dayOfMonth: cal.dayOfMonth,
        kwh: mtd,
        share,
        margin: policy.monthToDateMargin,
        threshold: mtdThreshold,
      }
    : null;
  const message = overCapacityMessage({ daily: dailyOver ? { total, ceiling: ceiling.value } : null, monthToDate });
  return dailyOver
    ? makeFinding({
        rule: 'OVER_CAPACITY',
        severity: 'high',
        unit: 'kWh',
        measured: total,
        threshold: ceiling.value,
        baseline: { name: 'productionCeilingKwh', ...ceiling },
        message,
      })
    : makeFinding({
        rule: 'OVER_CAPACITY',
        severity: 'high',
        unit: 'kWh',
        measured: mtd,
        threshold: mtdThreshold,
        baseline: { name: 'monthlyShareKwh', value: share, source: 'capacity' },
        message,
      });
};
