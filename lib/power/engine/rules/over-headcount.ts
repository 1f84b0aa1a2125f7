/**
 * 超定员组织生产 (a 重大事故隐患 under the 2020 standard 煤矿重大事故隐患判定标准, and the plan's item (4)): on a
 * producing day, a shift's count above the headcount the bureau approved for it. Critical. Runs only when the
 * register records an approved headcount in force that day and the personnel feed arrived.
 */
import { overHeadcountMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';
import { shiftsOver, worstShift } from './crew.ts';

export const overHeadcount: Rule = ({ input, status }) => {
  const personnel = input.monitoring?.personnel;
  const limits = input.headcount;
  if (personnel === undefined || limits === undefined || status !== 'producing') return null;
  const over = shiftsOver(personnel, (shift) => limits.shifts[shift]);
  if (over.length === 0) return null;
  const worst = worstShift(over);
  return makeFinding({
    rule: 'OVER_HEADCOUNT',
    severity: 'critical',
    unit: 'people',
    measured: worst.count,
    threshold: worst.allowed,
    baseline: { name: 'approvedHeadcount', value: worst.allowed, source: 'headcount' },
    message: overHeadcountMessage({ shifts: over }),
  });
};
