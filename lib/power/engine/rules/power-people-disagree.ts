/**
 * 电量与人员数据不符: the electricity and the personnel feed tell different stories of the same day, either way.
 *
 * - The electricity says stopped, the people say working: a day the mine may not produce whose electricity stays
 *   within its bar (the maintenance bar of SUSPENDED_OVER_MAINTENANCE; a closed mine's floor) while a shift has more
 *   people underground than the duty crew allows. The electricity rules are silent; the people are the witness.
 * - The electricity says producing, the people say nobody: a day drawing production-level electricity (the
 *   policy's productionLevelShare of the production ceiling, as UNACCEPTED_PRODUCTION draws it) while the day's
 *   peak underground is below the policy's minimum producing crew: the personnel feed hides the crew. A closed
 *   mine's electricity is CLOSED_CONSUMPTION's.
 *
 * High. Runs only on a day with both a reading and the personnel feed. Strict comparisons on the people (exactly the
 * duty crew, exactly the minimum crew, is no finding) and on the production level (exactly at it is not production).
 */
import { producingPowerNoPeopleMessage, stoppedPowerWorkingPeopleMessage } from '../messages.ts';
import { isHeldToMaintenance, isStopped } from '../status-on.ts';
import { makeFinding, type ReviewContext, type Rule } from './context.ts';
import { dutyCrewOf, shiftsOver, worstShift } from './crew.ts';

const stoppedButWorking = ({ input, policy, status, total, baselines }: ReviewContext) => {
  const personnel = input.monitoring!.personnel!;
  if (!isStopped(status)) return null;
  const maintenance = baselines.maintenanceKwh;
  const bar = status === 'closed' ? policy.closedFloorKwh : maintenance.value * policy.maintenanceMultiplier;
  if (total > bar) return null;
  const over = shiftsOver(personnel, (shift) => dutyCrewOf(input, policy, shift).allowed);
  if (over.length === 0) return null;
  const worst = worstShift(over);
  const registered = input.headcount !== undefined;
  return makeFinding({
    rule: 'POWER_PEOPLE_DISAGREE',
    severity: 'high',
    unit: 'people',
    measured: worst.count,
    threshold: worst.allowed,
    baseline:
      status === 'closed'
        ? { name: 'closedFloorKwh', value: bar, source: 'default', unit: 'kWh' }
        : { name: 'maintenanceKwh', ...maintenance, unit: 'kWh' },
    message: stoppedPowerWorkingPeopleMessage({ status, total, bar, shifts: over, registered }),
  });
};

const producingButNobody = ({ input, policy, status, total, baselines }: ReviewContext) => {
  const personnel = input.monitoring!.personnel!;
  if (status === 'closed') return null;
  const ceiling = baselines.productionCeilingKwh;
  const share = policy.productionLevelShare;
  const productionLevel = ceiling.value * share;
  if (!(total > productionLevel)) return null;
  // A stopped mine whose must-run load alone reaches the production level is not producing for it.
  if (isHeldToMaintenance(status) && !(total > baselines.maintenanceKwh.value * policy.maintenanceMultiplier)) {
    return null;
  }
  const minimumCrew = policy.minimumProducingCrew;
  if (!(personnel.peak < minimumCrew)) return null;
  return makeFinding({
    rule: 'POWER_PEOPLE_DISAGREE',
    severity: 'high',
    unit: 'people',
    measured: personnel.peak,
    threshold: minimumCrew,
    baseline: { name: 'productionCeilingKwh', ...ceiling, unit: 'kWh' },
    message: producingPowerNoPeopleMessage({
      status,
      total,
      productionLevel,
      share,
      peak: personnel.peak,
      minimumCrew,
    }),
  });
};

export const powerPeopleDisagree: Rule = (ctx) => {
  if (ctx.input.monitoring?.personnel === undefined || Number.isNaN(ctx.total)) return null;
  return stoppedButWorking(ctx) ?? producingButNobody(ctx);
};
