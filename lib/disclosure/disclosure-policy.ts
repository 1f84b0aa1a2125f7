import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { PENALTY_KINDS, type PenaltyKind } from '#lib/penalties/vocabulary.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';

/**
 * The disclosure policy (`GET/PUT /v1/policies/disclosure`): how soon a decision is published and how long it stays.
 * 国办发〔2018〕118号: an administrative penalty within 7 working days of the decision, another enforcement decision
 * within 20. Every penalty kind is an administrative penalty (责令停产整顿 included: it is decided and numbered as
 * one); the retired 约谈 records stored as penalties are not, and take the 20 days. How long each kind stays
 * published follows the credit-repair practice (a warning 3 months, a fine or a suspension a year, a licence
 * revoked or suspended 3 years): the bureau sets its own.
 */
export interface DisclosureTerms {
  /** Working days from the day a decision takes effect to the last day it may be published, per kind. */
  readonly workingDays: Record<PenaltyKind, number>;
  /** Months a publication stays on the public pages before it is withdrawn, per kind. */
  readonly publishedMonths: Record<PenaltyKind, number>;
}

export const DEFAULT_DISCLOSURE_TERMS: DisclosureTerms = {
  workingDays: { warning: 7, fine: 7, ordered_suspension: 7, licence_action: 7, interview: 20 },
  publishedMonths: { warning: 3, fine: 12, ordered_suspension: 12, licence_action: 36, interview: 3 },
};

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
  schema: z.strictObject({ workingDays: perKind(1, 20), publishedMonths: perKind(1, 60) }),
});
