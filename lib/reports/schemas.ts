import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import { businessDateSchema, describe, jurisdictionSchema } from '#lib/schemas/primitives.ts';
import { VIOLATION_CODES } from '#lib/violations/categories.ts';
import { REPORT_STATES } from './vocabulary.ts';

/** The answers and requests of the reports upward: the statistics table and the district's monthly report. */
const count = z.number().check(z.int(), z.minimum(0));

export const figuresShape = {
  inspections: count,
  hazardsFound: count,
  majorHazardsFound: count,
  hazardsClosed: count,
  majorHazardsSupervised: count,
  violations: count,
  violationsByCategory: z.record(z.enum(VIOLATION_CODES), count),
  penalties: count,
  penaltiesByKind: z.record(z.enum(PENALTY_KINDS), count),
  finesYuan: z.number().check(z.minimum(0)),
  suspensions: count,
  blacklistEntries: count,
  reviewAnomalies: count,
  casesOpened: count,
};
export const figuresSchema = z.object(figuresShape);

export const statisticsTableSchema = z.object({
  jurisdiction: z.string(),
  name: z.string(),
  period: z.string(),
  kind: z.enum(['month', 'year']),
  from: businessDateSchema,
  to: businessDateSchema,
  rows: z.array(z.object({ jurisdiction: z.string(), name: z.string(), ...figuresShape })),
  totals: figuresSchema,
  asOf: businessDateSchema,
});

const periodText = describe(z.string().check(z.maxLength(20)), {
  description: 'A month (2026-11) or a year (2026), China time; this month by default.',
  examples: ['2026-11', '2026'],
});
const monthText = describe(z.string().check(z.maxLength(20)), {
  description: 'A month, e.g. 2026-11; last month by default.',
  examples: ['2026-11'],
});

export const statisticsQuery = z.strictObject({
  jurisdiction: z.optional(jurisdictionSchema),
  period: z.optional(periodText),
});

export const monthlyQuery = z.strictObject({
  jurisdiction: z.optional(jurisdictionSchema),
  month: z.optional(monthText),
});

export const monthParams = z.object({ month: monthText });

const reportVersion = describe(z.number().check(z.int(), z.minimum(0)), {
  description: 'The version you read (0 for a report never opened); a stale one gets 409.',
});

export const submitReportBody = z.strictObject({
  jurisdiction: z.optional(jurisdictionSchema),
  version: reportVersion,
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

export const returnReportBody = z.strictObject({
  jurisdiction: jurisdictionSchema,
  version: reportVersion,
  comments: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

export const acceptReportBody = z.strictObject({
  jurisdiction: jurisdictionSchema,
  version: reportVersion,
});

const actor = z.object({ sub: z.string(), role: z.string(), name: z.optional(z.string()) });

export const monthlyReportSchema = z.object({
  jurisdiction: z.string(),
  name: z.string(),
  month: z.string(),
  state: z.enum([...REPORT_STATES, 'not_submitted']),
  stateLabel: z.string(),
  dueOn: businessDateSchema,
  submissions: z.array(
    z.object({
      no: z.number(),
      figures: figuresSchema,
      note: z.optional(z.string()),
      submittedBy: actor,
      submittedAt: z.string(),
      returned: z.optional(z.object({ by: actor, at: z.string(), comments: z.string() })),
      accepted: z.optional(z.object({ by: actor, at: z.string() })),
    }),
  ),
  version: z.number(),
  updatedAt: z.string(),
});

export const monthlyReportsSchema = z.object({
  jurisdiction: z.string(),
  month: z.string(),
  items: z.array(monthlyReportSchema),
});
