/**
 * What the personnel feed's shifts are held against: on a day the mine may not produce, the duty crew (值班人员) the
 * register's approved headcount allows per shift, or the policy's default when none is recorded; on a producing day,
 * the approved headcount per shift. Counts compare strictly: exactly the allowed number is no finding.
 */
import type { PersonnelDay } from '#lib/monitoring/vocabulary.ts';
import { SHIFTS, type Shift } from '#lib/registry/vocabulary.ts';
import type { MineReviewInput, PowerReviewPolicy } from '../../types.ts';
import type { ShiftCount } from '../messages.ts';

/** The duty crew allowed on `shift`, and whether the register (not the policy's default) says so. */
export const dutyCrewOf = (
  input: MineReviewInput,
  policy: PowerReviewPolicy,
  shift: Shift,
): { allowed: number; registered: boolean } =>
  input.headcount
    ? { allowed: input.headcount.dutyCrew[shift], registered: true }
    : { allowed: policy.defaultDutyCrew, registered: false };

/** The shifts whose count is above `allowedOn(shift)`, in shift order. */
export const shiftsOver = (personnel: PersonnelDay, allowedOn: (shift: Shift) => number): ShiftCount[] =>
  SHIFTS.map((shift) => ({ shift, count: personnel.shifts[shift], allowed: allowedOn(shift) })).filter(
    (s) => s.count > s.allowed,
  );

/** The shift furthest over its allowance (the first of equals): the finding's measured value and threshold. */
export const worstShift = (over: readonly ShiftCount[]): ShiftCount =>
  over.reduce((worst, s) => (s.count - s.allowed > worst.count - worst.allowed ? s : worst));
