/**
 * 未按时报送: no reading at all for the reviewed day. One missing day is low; a run of missingHighDays days in a row
 * (counted back through the readings window) is high, since a mine that stops reporting may be hiding production.
 */
import { missingMessage } from '../messages.ts';
import { makeFinding, type ReviewContext, type Rule } from './context.ts';

/** Days in a row without any reading, ending with the reviewed day (0 when the day has one). */
export const missingRun = ({ agg, cal }: Pick<ReviewContext, 'agg' | 'cal'>): number => {
  let days = 0;
  for (let i = cal.day; i >= 0; i--) {
    const t = agg.total[i]!;
    if (!Number.isNaN(t)) break;
    days++;
  }
  return days;
};

export const missing: Rule = (ctx) => {
  const days = missingRun(ctx);
  if (days === 0) return null;
  const highDays = ctx.policy.missingHighDays;
  return makeFinding({
    rule: 'MISSING',
    severity: days >= highDays ? 'high' : 'low',
    unit: 'days',
    measured: days,
    threshold: highDays,
    baseline: { name: 'missingHighDays', value: highDays, source: 'default' },
    message: missingMessage({ date: ctx.input.date, days, highDays }),
  });
};
