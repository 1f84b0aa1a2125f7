import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';

/**
 * The reporting policy (`GET/PUT /v1/policies/reporting`), set by the city for its districts: a district's monthly
 * report is due by day `dueDay` of the next month (5 unless the city sets another; 1–28, so every month has it).
 */
export interface ReportingTerms {
  readonly dueDay: number;
}

export const DEFAULT_REPORTING_TERMS: ReportingTerms = { dueDay: 5 };

export const reportingPolicy = definePolicy({
  name: 'reporting',
  label: '月报报送期限',
  field: 'terms',
  defaults: DEFAULT_REPORTING_TERMS,
  schema: z.strictObject({
    dueDay: z.number().check(z.int(), z.minimum(1, '最早为次月 1 日'), z.maximum(28, '最晚为次月 28 日')),
  }),
});
