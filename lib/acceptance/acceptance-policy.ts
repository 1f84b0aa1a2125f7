import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';

/**
 * The 复工复产验收 terms (`GET/PUT /v1/policies/acceptance`): the days the bureau has for the on-site check after
 * the mine applied (10 by default), and for the approval after the check's conclusion (5 by default). The due day
 * each step gets is what the reminders (./dated-kinds.ts) count from; a change applies to the steps taken after it.
 */
export interface AcceptanceTerms {
  readonly checkDays: number;
  readonly approvalDays: number;
}

export const DEFAULT_ACCEPTANCE_TERMS: AcceptanceTerms = { checkDays: 10, approvalDays: 5 };

/** Bounds: a day at least (a step cannot be due the day it became due), two months at most. */
export const ACCEPTANCE_TERM_BOUNDS = {
  checkDays: { min: 1, max: 60 },
  approvalDays: { min: 1, max: 30 },
} as const;

const days = ({ min, max }: { min: number; max: number }) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

const acceptanceTermsSchema = z.strictObject({
  checkDays: days(ACCEPTANCE_TERM_BOUNDS.checkDays),
  approvalDays: days(ACCEPTANCE_TERM_BOUNDS.approvalDays),
});

export const acceptancePolicy = definePolicy({
  name: 'acceptance',
  label: '复工复产验收办理期限',
  field: 'terms',
  defaults: DEFAULT_ACCEPTANCE_TERMS,
  schema: acceptanceTermsSchema,
});
