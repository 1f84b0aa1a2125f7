import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';

/**
 * The reporting policy (`GET/PUT /v1/policies/reporting`), set by the city for its districts: a district's monthly
 * report is due by day `dueDay` of the next month (5 unless the city sets another; 1–28, so every month has it).
 *
 * A district's report is due when the city it reports to says (the policy in force at the city, or the province's it
 * inherits), so a district's own setting would be read by nothing: it is refused (422) rather than stored. Were it
 * read, a district could move its own deadline and never be late to the city.
 */
export interface ReportingTerms {
  readonly dueDay: number;
}

export const DEFAULT_REPORTING_TERMS: ReportingTerms = { dueDay: 5 };

/** Province → city → district: a district (the third level and below) reports upward and sets no deadline. */
const isDistrict = (jurisdiction: string): boolean => jurisdiction.split('/').length >= 3;

export const DISTRICT_CANNOT_SET_REPORTING =
  '月报报送期限由市局规定：区县局月报的截止日按上级市局（或其继承的省局）的设置计算，区县局不能自行设置；如需调整，请联系市局';

export const reportingPolicy = definePolicy({
  name: 'reporting',
  label: '月报报送期限',
  field: 'terms',
  defaults: DEFAULT_REPORTING_TERMS,
  notSettableAt: (jurisdiction) => (isDistrict(jurisdiction) ? DISTRICT_CANNOT_SET_REPORTING : undefined),
  schema: z.strictObject({
    dueDay: z.number().check(z.int(), z.minimum(1, '最早为次月 1 日'), z.maximum(28, '最晚为次月 28 日')),
  }),
});
