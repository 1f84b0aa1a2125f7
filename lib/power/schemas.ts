import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { findingSchema } from '#lib/findings/schemas.ts';
import { BASELINE_SOURCES, RULE_IDS, SEVERITIES } from '#lib/findings/vocabulary.ts';
import { mineStatusSchema } from '#lib/registry/schemas.ts';
import { CIRCUITS } from '#lib/registry/vocabulary.ts';
import { businessDateSchema, describe, idSchema, jurisdictionSchema, pageQuery } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';

/** Request and response shapes of readings and reviews; the OpenAPI document is generated from these. */
const kwh = z.number().check(z.minimum(0), z.maximum(10_000_000));
export const MAX_READINGS_PER_CALL = 500;

export const readingSchema = z
  .strictObject({
    meterId: idSchema,
    date: businessDateSchema,
    kwh,
    quarterHours: describe(z.optional(z.array(kwh).check(z.length(96, '须为 96 个刻度值（每 15 分钟一个）'))), {
      description: '96 quarter-hour kWh values, 00:00–00:15 first; their sum must be within 1 % of kwh.',
    }),
    circuits: z.optional(z.partialRecord(z.enum(CIRCUITS), kwh)),
    reason: describe(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))), {
      description:
        'Why a value already stored is being changed: required to revise your own reading or a mine’s declaration; ' +
        'not needed where the reading in force is from a higher source (a mine’s value is then its declaration).',
    }),
  })
  .check(
    z.refine((r) => !r.quarterHours || withinOnePercent(sum(r.quarterHours), r.kwh), {
      message: '刻度值之和与日电量相差超过 1%',
      path: ['quarterHours'],
    }),
    z.refine((r) => !r.circuits || sum(Object.values(r.circuits)) <= r.kwh * 1.01 + 0.01, {
      message: '分回路电量之和超过日电量',
      path: ['circuits'],
    }),
  );

export const readingsBody = z.strictObject({
  readings: z.array(readingSchema).check(z.minLength(1), z.maxLength(MAX_READINGS_PER_CALL)),
});

export const readingsRangeQuery = z.strictObject({
  from: z.optional(businessDateSchema),
  to: z.optional(businessDateSchema),
  quarterHours: describe(z.optional(z.enum(['true', 'false'])), {
    description: 'Include the 96 quarter-hour values (ranges of at most 7 days).',
  }),
});

export const reviewsRangeQuery = z.strictObject({
  from: z.optional(businessDateSchema),
  to: z.optional(businessDateSchema),
});

/** Every mine's review of a day, in the caller's jurisdiction (or one inside it), optionally of one verdict. */
export const dayReviewsQuery = z.extend(pageQuery, {
  jurisdiction: z.optional(jurisdictionSchema),
  verdict: z.optional(z.enum(['normal', 'anomaly', 'no_data'])),
});

const verdictSchema = z.enum(['normal', 'anomaly', 'no_data']);
const policyRefSchema = z.object({ definedAt: z.nullable(z.string()), version: z.number() });
const baselineValueSchema = z.object({
  value: z.number(),
  source: z.enum(BASELINE_SOURCES),
});

/** A mine's review of one day, as stored: in the mine's list of reviews and in the day's list of every mine. */
export const reviewSchema = z.object({
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  date: z.string(),
  status: mineStatusSchema,
  verdict: verdictSchema,
  totalKwh: z.nullable(z.number()),
  findings: z.array(findingSchema),
  witnesses: describe(
    z.optional(z.object({ electricity: verdictSchema, personnel: verdictSchema, gas: verdictSchema })),
    {
      description:
        'What each witness said of the day: the electricity, the personnel location system and the safety ' +
        'monitoring system (no_data: it did not report). Absent on reviews stored before the monitoring feeds.',
    },
  ),
  baselines: z.object({
    maintenanceKwh: baselineValueSchema,
    productionCeilingKwh: baselineValueSchema,
    medianKwh: z.nullable(z.number()),
    madKwh: z.nullable(z.number()),
    historyDays: z.number(),
    nightShare: baselineValueSchema,
    hoistShare: z.nullable(baselineValueSchema),
    excludedDays: describe(z.optional(z.array(z.string())), {
      description:
        'Days of the history window that no baseline learned from: days whose review had a high or critical ' +
        'finding, and days of an investigation case still pending on the reviewed day. Absent when none.',
    }),
  }),
  policyVersion: z.number(),
  policy: policyRefSchema,
  computedAt: z.string(),
});

const readingSourceSchema = describe(z.enum(['grid', 'bureau', 'mine']), {
  description:
    "Where the value in force came from: grid = the grid company's bulk file, bureau = taken by a bureau user " +
    '(an inspector) on site, mine = the mine’s own report. grid > bureau > mine: a lower source never replaces a ' +
    'higher one’s value.',
});

/** The answer to readings posted by a person: counts, and what became of each row. */
export const readingsPostedSchema = z.object({
  created: z.number(),
  revised: z.number(),
  unchanged: z.number(),
  declared: describe(z.number(), {
    description: 'Rows kept as the mine’s declaration beside a grid or bureau value, which stays in force.',
  }),
  superseded: describe(z.number(), { description: 'Rows whose value replaced a lower source’s.' }),
  rows: z.array(
    z.object({
      row: z.number(),
      kind: describe(z.enum(['created', 'revised', 'unchanged', 'declared', 'superseded']), {
        description:
          'declared: the meter and day already have a grid (or bureau) value, which stays in force; the value sent ' +
          'is recorded as the mine’s declaration beside it and the review compares the two. superseded: the value ' +
          'sent replaced a lower source’s, whose value is kept (a mine’s as its declaration).',
      }),
      meterId: z.string(),
      date: z.string(),
      inForce: z.object({ kwh: z.number(), source: readingSourceSchema }),
      message: describe(z.optional(z.string()), {
        description: 'Said when the value sent is not the one in force, or replaced another.',
      }),
    }),
  ),
  revisedReviewedDates: describe(z.array(z.string()), {
    description: 'Days already reviewed whose review ran again because of this call.',
  }),
});

const declaredSchema = describe(
  z.object({
    kwh: z.number(),
    declaredAt: z.string(),
    declaredBy: actorSchema,
    reason: z.optional(z.string()),
    quarterHours: z.optional(z.array(z.number())),
    circuits: z.optional(z.partialRecord(z.enum(CIRCUITS), z.number())),
  }),
  {
    description:
      'The mine’s latest declaration for a meter and day whose value in force is the grid’s or the bureau’s ' +
      '(earlier declarations are kept as revisions).',
  },
);

/** A mine's daily series for a chart: each day's total and meters, and where reviewed its verdict and band. */
export const readingSeriesSchema = z.object({
  mineId: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      kwh: z.nullable(z.number()),
      meters: z.array(
        z.object({
          meterId: z.string(),
          kwh: z.number(),
          revision: z.number(),
          source: readingSourceSchema,
          recordedAt: z.string(),
          recordedBy: actorSchema,
          quarterHours: z.optional(z.array(z.number())),
          circuits: z.optional(z.partialRecord(z.enum(CIRCUITS), z.number())),
          declared: z.optional(declaredSchema),
        }),
      ),
      status: z.optional(mineStatusSchema),
      verdict: z.optional(verdictSchema),
      rules: z.optional(z.array(z.enum(RULE_IDS))),
      band: describe(
        z.optional(
          z.object({
            maintenanceKwh: z.number(),
            productionCeilingKwh: z.number(),
            medianKwh: z.nullable(z.number()),
            madKwh: z.nullable(z.number()),
            lowKwh: z.optional(z.number()),
            highKwh: z.optional(z.number()),
          }),
        ),
        {
          description:
            'The baselines of the review; lowKwh–highKwh is the range of totals it accepts, where a rule bounds it.',
        },
      ),
    }),
  ),
});

const severitySchema = z.enum(SEVERITIES);
const mineRef = { mineId: z.string(), mineName: z.string(), status: mineStatusSchema };

/** The daily report of the caller's jurisdiction: the reports of the jurisdictions under it, merged. */
export const powerReportSchema = z.object({
  date: z.string(),
  jurisdiction: z.string(),
  jurisdictions: z.array(z.object({ jurisdiction: z.string(), mines: z.number(), generatedAt: z.string() })),
  mines: z.number(),
  verdicts: z.object({ normal: z.number(), anomaly: z.number(), no_data: z.number() }),
  bySeverity: z.object({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number() }),
  anomalies: z.array(
    z.object({
      ...mineRef,
      totalKwh: z.nullable(z.number()),
      severity: severitySchema,
      findings: z.array(
        z.object({
          rule: z.enum(RULE_IDS),
          severity: severitySchema,
          message: z.string(),
          caseId: z.optional(z.string()),
        }),
      ),
    }),
  ),
  noData: z.array(z.object(mineRef)),
  policies: z.array(policyRefSchema),
  pendingJurisdictions: describe(z.array(z.string()), {
    description: 'Jurisdictions with mines whose report of the day is not written yet.',
  }),
});

/** A run (or re-run) of a day's review, queued: the chunks of mines each jurisdiction was split into. */
export const plannedRunSchema = z.object({
  runId: z.string(),
  date: z.string(),
  jurisdictions: z.array(z.object({ path: z.string(), mines: z.number(), chunks: z.number() })),
});

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Meters round; a quarter-hour series within 1 % (or 0.05 kWh for tiny days) of the total is the same day. */
export const withinOnePercent = (a: number, b: number): boolean =>
  Math.abs(a - b) <= Math.max(0.01 * Math.max(a, b), 0.05);
