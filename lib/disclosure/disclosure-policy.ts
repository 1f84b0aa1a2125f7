import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { PENALTY_KINDS, type PenaltyKind } from '#lib/penalties/vocabulary.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { businessDateSchema } from '#lib/schemas/primitives.ts';
import { isWeekend, type WorkCalendar, workCalendar } from './working-days.ts';

/**
 * The disclosure policy (`GET/PUT /v1/policies/disclosure`): how soon a decision is published and how long it stays.
 * 国办发〔2018〕118号: an administrative penalty within 7 working days of the decision, another enforcement decision
 * within 20. Every penalty kind is an administrative penalty (责令停产整顿 included: it is decided and numbered as
 * one); the retired 约谈 records stored as penalties are not, and take the 20 days. How long each kind stays
 * published follows the credit-repair practice (a warning 3 months, a fine or a suspension a year, a licence
 * revoked or suspended 3 years): the bureau sets its own.
 *
 * Working days skip the public holidays and count the weekend days worked instead (调休), as the bureau enters them
 * for each year from the State Council's notice: the product ships no dates (a wrong date would move every deadline
 * of the year), so until the bureau enters them only weekends are skipped.
 */
export interface DisclosureTerms {
  /** Working days from the day a decision takes effect to the last day it may be published, per kind. */
  readonly workingDays: Record<PenaltyKind, number>;
  /** Months a publication stays on the public pages before it is withdrawn, per kind. */
  readonly publishedMonths: Record<PenaltyKind, number>;
  /** The holiday calendar: days off and 调休 working weekend days, each list sorted, for the years entered. */
  readonly calendar: {
    readonly holidays: readonly string[];
    readonly workingWeekends: readonly string[];
  };
}

export const DEFAULT_DISCLOSURE_TERMS: DisclosureTerms = {
  workingDays: { warning: 7, fine: 7, ordered_suspension: 7, licence_action: 7, interview: 20 },
  publishedMonths: { warning: 3, fine: 12, ordered_suspension: 12, licence_action: 36, interview: 3 },
  calendar: { holidays: [], workingWeekends: [] },
};

/** Enough for the holidays of a few years (about 30 days off a year, 5 or 6 weekend days worked). */
export const MAX_HOLIDAYS = 120;
export const MAX_WORKING_WEEKENDS = 30;

const ascending = (dates: readonly string[]) => dates.every((d, i) => i === 0 || dates[i - 1]! < d);

const calendarSchema = z
  .strictObject({
    holidays: z.array(businessDateSchema).check(z.maxLength(MAX_HOLIDAYS, `最多 ${MAX_HOLIDAYS} 个节假日`)),
    workingWeekends: z
      .array(businessDateSchema)
      .check(z.maxLength(MAX_WORKING_WEEKENDS, `最多 ${MAX_WORKING_WEEKENDS} 个调休上班日`)),
  })
  .check(
    z.refine((c) => ascending(c.holidays), { message: '节假日须按日期先后排列，不得重复', path: ['holidays'] }),
    z.refine((c) => ascending(c.workingWeekends), {
      message: '调休上班日须按日期先后排列，不得重复',
      path: ['workingWeekends'],
    }),
    z.refine((c) => c.workingWeekends.every(isWeekend), {
      message: '调休上班日须为星期六或星期日',
      path: ['workingWeekends'],
    }),
    z.refine((c) => !c.workingWeekends.some((d) => c.holidays.includes(d)), {
      message: '同一天不能既是节假日又是调休上班日',
      path: ['workingWeekends'],
    }),
  );

/** The working-day calendar of the terms in force. */
export const calendarOf = (terms: DisclosureTerms): WorkCalendar => workCalendar(terms.calendar);

const perKind = (min: number, max: number) =>
  z.strictObject(
    Object.fromEntries(
      PENALTY_KINDS.map((k) => [k, z.number().check(z.int(), z.minimum(min), z.maximum(max))]),
    ) as Record<PenaltyKind, z.ZodMiniNumber<number>>,
  );

export const disclosurePolicy = definePolicy({
  name: 'disclosure',
  label: '执法公示策略',
  field: 'terms',
  defaults: DEFAULT_DISCLOSURE_TERMS,
  schema: z.strictObject({
    workingDays: perKind(1, 20),
    publishedMonths: perKind(1, 60),
    calendar: calendarSchema,
  }),
});
