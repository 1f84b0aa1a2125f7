/**
 * A demo mine's licences and periodic duties (gas grade appraisal, drills) as of a given day, spread so that the
 * reminders have something to show: some expire or fall due soon, one licence has expired, one drill is overdue.
 */
import { dutyIntervalMonths } from '#lib/registry/periodic-duties.ts';
import type { LicenceType, PeriodicDuty } from '#lib/registry/vocabulary.ts';
import { addDays, addMonths } from '#lib/validators/business-date.ts';
import type { DemoMine } from './demo-mines.ts';

/** How many years each licence is issued for: 营业执照 for a long fixed term, the 救护协议 renewed yearly. */
export const DEMO_LICENCE_TERM_YEARS: Readonly<Record<LicenceType, number>> = {
  safety_production: 3,
  mining: 10,
  business: 20,
  principal_qualification: 3,
  rescue_agreement: 1,
};

export interface DemoLicence {
  readonly type: LicenceType;
  readonly number: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
}

/**
 * The i-th demo mine's licences as of `today`: each expires a set number of days away (some soon, one past, to show
 * the reminders) and was issued one term before it expires, so always in the past; its number carries the issue year.
 */
export function demoLicences(today: string, m: DemoMine, i: number): DemoLicence[] {
  const daysToExpiry: Record<LicenceType, number> = {
    safety_production: m.safetyLicenceDays,
    mining: 800 + i * 10,
    business: 3000,
    principal_qualification: 120 + i * 30,
    rescue_agreement: 30 + i * 20,
  };
  return (Object.entries(daysToExpiry) as [LicenceType, number][]).map(([type, days]) => {
    const expiresOn = addDays(today, days);
    const issuedOn = addMonths(expiresOn, -12 * DEMO_LICENCE_TERM_YEARS[type]);
    const number = `黑${type.slice(0, 2).toUpperCase()}-${issuedOn.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`;
    return { type, number, issuedOn, expiresOn };
  });
}

export interface DemoDuty {
  readonly duty: PeriodicDuty;
  readonly lastDoneOn: string;
  readonly resultGrade?: DemoMine['gas'];
}

/**
 * The i-th demo mine's appraisal and drills as of `today`, done so that their next due dates spread over the coming
 * months, with one drill overdue (m-demo04's on-site drill); each was done within its cycle, so never after today.
 */
export function demoDuties(today: string, m: DemoMine, i: number): DemoDuty[] {
  const dueInDays: [PeriodicDuty, number][] = [
    ['gas_grade_appraisal', 30 + i * 23],
    ['emergency_plan_drill', (20 + i * 25) % 330],
    ['onsite_response_drill', i === 3 ? -5 : (10 + i * 13) % 170],
  ];
  return dueInDays.map(([duty, dueIn]) => {
    const resultGrade = duty === 'gas_grade_appraisal' ? m.gas : undefined;
    const lastDoneOn = addDays(addMonths(today, -dutyIntervalMonths(duty, resultGrade)), dueIn);
    return { duty, lastDoneOn, ...(resultGrade ? { resultGrade } : {}) };
  });
}
