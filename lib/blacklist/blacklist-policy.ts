import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { text } from '#lib/schemas/primitives.ts';

/**
 * The blacklist's terms (`GET/PUT /v1/policies/blacklist`): how long a listing lasts (3 years), the objection
 * window after the prior notice (7 days), how long before early removal may be asked (12 months), the partner
 * departments told when an entry is published, and how many person checks a caller may make an hour (60).
 */
export interface PartnerDepartment {
  /** Stable code, e.g. `natural-resources`. */
  readonly code: string;
  readonly name: string;
  readonly email?: string;
}

export interface BlacklistTerms {
  readonly listingYears: number;
  readonly objectionDays: number;
  readonly earlyRemovalMonths: number;
  readonly partnerDepartments: readonly PartnerDepartment[];
  /**
   * Person checks (by name and resident ID) one caller may make in an hour. The public list shows every digit of a
   * listed person's ID but the birth date, so the check must not answer fast enough to try the birth dates: at 60 an
   * hour the ~2,000 plausible ones take more than a day, in plain sight of the check record. At most 200 (still ten
   * hours); a partner department at a service counter asks far fewer.
   */
  readonly personChecksPerHour: number;
}

export const DEFAULT_BLACKLIST_TERMS: BlacklistTerms = {
  listingYears: 3,
  objectionDays: 7,
  earlyRemovalMonths: 12,
  partnerDepartments: [
    { code: 'natural-resources', name: '自然资源局' },
    { code: 'market-regulation', name: '市场监督管理局' },
    { code: 'development-reform', name: '发展和改革局' },
  ],
  personChecksPerHour: 60,
};

const blacklistTermsSchema = z.strictObject({
  listingYears: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
  objectionDays: z.number().check(z.int(), z.minimum(3), z.maximum(60)),
  earlyRemovalMonths: z.number().check(z.int(), z.minimum(6), z.maximum(60)),
  partnerDepartments: z
    .array(
      z.strictObject({
        code: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,40}$/, '部门代码为小写字母、数字和连字符')),
        name: text(50),
        email: z.optional(z.email()),
      }),
    )
    .check(z.maxLength(30)),
  personChecksPerHour: z.number().check(z.int(), z.minimum(5), z.maximum(200)),
});

export const blacklistPolicy = definePolicy({
  name: 'blacklist',
  label: '名单管理期限、通报部门与查询限额',
  field: 'terms',
  defaults: DEFAULT_BLACKLIST_TERMS,
  schema: blacklistTermsSchema,
});
