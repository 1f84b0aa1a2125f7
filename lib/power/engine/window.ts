/**
 * Which days of readings a review needs. The store loads exactly this range, so the engine and the loader must agree:
 * the policy's history window, the reviewed month so far (month-to-date capacity), and enough days back to tell a
 * run of missing or identical readings even when a bureau sets those runs longer than its window.
 */
import { addDays } from '#lib/validators/business-date.ts';
import type { PowerReviewPolicy } from '../types.ts';

type WindowPolicy = Pick<PowerReviewPolicy, 'windowDays' | 'flatlineDays' | 'missingHighDays'>;

/** The first business date whose readings `reviewMineDay` needs for `date` (YYYY-MM-DD). */
export const readingsWindowStart = (date: string, policy: WindowPolicy): string => {
  const lookback = Math.max(policy.windowDays, policy.flatlineDays - 1, policy.missingHighDays - 1, 0);
  const historyStart = addDays(date, -lookback);
  const monthStart = `${date.slice(0, 8)}01`;
  return monthStart < historyStart ? monthStart : historyStart;
};
