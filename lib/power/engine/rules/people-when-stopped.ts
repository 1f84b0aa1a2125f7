/**
 * 停产停建矿井有人员下井作业: on a day a mine may not produce (stopped, rectifying, under construction, or closed),
 * the personnel feed counts more people underground on a shift than the duty crew the register allows (or, with no
 * approved headcount recorded, the policy's default duty crew). High; critical on a closed mine (死灰复燃). The
 * electricity's findings of the same day are the same act (SAME_ACT): one case, each witness its evidence.
 */
import { peopleWhenStoppedMessage } from '../messages.ts';
import { isStopped } from '../status-on.ts';
import { makeFinding, type Rule } from './context.ts';
import { dutyCrewOf, shiftsOver, worstShift } from './crew.ts';

export const peopleWhenStopped: Rule = ({ input, policy, status }) => {
  const personnel = input.monitoring?.personnel;
  if (personnel === undefined || !isStopped(status)) return null;
  const over = shiftsOver(personnel, (shift) => dutyCrewOf(input, policy, shift).allowed);
  if (over.length === 0) return null;
  const worst = worstShift(over);
  const registered = input.headcount !== undefined;
  return makeFinding({
    rule: 'PEOPLE_WHEN_STOPPED',
    severity: status === 'closed' ? 'critical' : 'high',
    unit: 'people',
    measured: worst.count,
    threshold: worst.allowed,
    baseline: { name: 'dutyCrew', value: worst.allowed, source: registered ? 'headcount' : 'default' },
    message: peopleWhenStoppedMessage({ status, shifts: over, registered }),
  });
};
