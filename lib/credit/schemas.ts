import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ACCIDENT_LEVELS } from '#lib/accidents/vocabulary.ts';
import { HAZARD_LEVELS } from '#lib/hazards/vocabulary.ts';
import { PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import { businessDateSchema, describe, jurisdictionSchema, pageQuery, text } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { VIOLATION_CODES } from '#lib/violations/categories.ts';
import { TIERS } from './tiers.ts';

/** Request and response shapes of the credit capability; the OpenAPI document is generated from these. */
const accidentLevel = z.enum(ACCIDENT_LEVELS);
const category = z.enum(VIOLATION_CODES);
export const tierSchema = z.enum(TIERS);

const creditItemSchema = z.object({
  recordKind: z.string(),
  recordId: z.nullable(z.string()),
  date: z.nullable(z.string()),
  rule: z.string(),
  label: z.string(),
  points: z.number(),
  stopsCountingOn: z.nullable(z.string()),
  serious: z.boolean(),
  factor: z.optional(z.number()),
});

export const creditSchema = z.object({
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  asOf: z.string(),
  score: z.number(),
  scoreTier: tierSchema,
  tier: tierSchema,
  tierLabel: z.string(),
  previousTier: z.nullable(tierSchema),
  tierSince: z.string(),
  forced: z.array(z.object({ rule: z.string(), label: z.string(), recordIds: z.array(z.string()) })),
  override: z.nullable(z.object({ overrideId: z.string(), tier: tierSchema, endsOn: z.string(), reason: z.string() })),
  items: z.array(creditItemSchema),
  deductions: z.number(),
  bonuses: z.number(),
  nextRepairOn: z.nullable(z.string()),
  inspectionsPerYear: z.number(),
  lastInspectionOn: z.nullable(z.string()),
  nextInspectionDue: z.string(),
  policy: z.object({ definedAt: z.nullable(z.string()), version: z.number() }),
  computedAt: z.string(),
  provisional: describe(z.optional(z.boolean()), {
    description: 'true: not yet classified by the nightly job; computed now and not stored.',
  }),
});

/**
 * A mine's line of the jurisdiction's list (GET /v1/credit): the classification without its items, the records
 * counted one by one, which the mine's own credit page shows. A list of 200 mines reads a fifth of the bytes.
 */
export const creditSummarySchema = z.omit(creditSchema, { items: true });

/** The attributes the list reads of each stored classification: exactly its summary's. */
export const CREDIT_SUMMARY_ATTRIBUTES: readonly string[] = Object.keys(creditSummarySchema.shape);

export const creditHistoryQuery = z.extend(pageQuery, {
  from: z.optional(businessDateSchema),
  to: z.optional(businessDateSchema),
  changesOnly: describe(z.optional(z.enum(['true', 'false'])), { description: 'Only the days the tier changed.' }),
});

export const listCreditQuery = z.extend(pageQuery, {
  tier: z.optional(tierSchema),
  jurisdiction: z.optional(jurisdictionSchema),
});

export const inspectionPlanQuery = z.strictObject({
  month: describe(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM')), {
    examples: ['2026-12'],
  }),
  jurisdiction: z.optional(jurisdictionSchema),
});

export const inspectionPlanSchema = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      mineId: z.string(),
      mineName: z.string(),
      jurisdiction: z.string(),
      tier: tierSchema,
      inspectionsPerYear: z.number(),
      lastInspectionOn: z.nullable(z.string()),
      dueOn: z.string(),
      overdue: z.boolean(),
    }),
  ),
});

/* Simulation: records a what-if adds, by kind. */
const simulatedRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('violation'), date: businessDateSchema, category }),
  z.strictObject({
    kind: z.literal('hazard'),
    date: businessDateSchema,
    level: z.enum(HAZARD_LEVELS),
    deadline: businessDateSchema,
    closedOn: z.optional(businessDateSchema),
    selfReported: describe(z.optional(z.boolean()), { description: 'Reported by the mine itself (自查自报).' }),
  }),
  z.strictObject({
    kind: z.literal('accident'),
    date: businessDateSchema,
    level: accidentLevel,
    concealed: z._default(z.boolean(), false),
    misreported: z._default(z.boolean(), false),
  }),
  z.strictObject({
    kind: z.literal('penalty'),
    date: describe(businessDateSchema, { description: 'Execution due date.' }),
    penaltyKind: z.enum(PENALTY_KINDS),
    executedOn: z.optional(businessDateSchema),
  }),
  z.strictObject({ kind: z.literal('missed_reading'), date: businessDateSchema }),
  z.strictObject({ kind: z.literal('interview'), date: businessDateSchema }),
]);

export const simulateBody = z.strictObject({
  asOf: describe(z.optional(businessDateSchema), { description: 'Classify as of this day; today when omitted.' }),
  add: z._default(z.array(simulatedRecord).check(z.maxLength(200)), []),
  remove: describe(
    z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(200)), []),
    { description: 'recordId values from the breakdown.' },
  ),
  standardisationGrade: z.optional(z.enum(['grade1', 'grade2', 'grade3', 'none'])),
});

export const simulateSchema = z.object({
  current: z.object({ score: z.number(), tier: tierSchema }),
  simulated: describe(
    z.pick(creditSchema, {
      asOf: true,
      score: true,
      scoreTier: true,
      tier: true,
      tierLabel: true,
      forced: true,
      override: true,
      items: true,
      deductions: true,
      bonuses: true,
      nextRepairOn: true,
      inspectionsPerYear: true,
      policy: true,
    }),
    { description: 'The classification with the records added and removed.' },
  ),
  unknownRecordIds: z.array(z.string()),
});

/* Overrides */
export const proposeOverrideBody = z.strictObject({
  tier: tierSchema,
  reason: text(500),
  endsOn: describe(businessDateSchema, { description: 'Last day the override holds; after today.' }),
});
export const overrideParams = z.object({ mineId: z.string(), overrideId: z.string() });
export const decideOverrideBody = z.strictObject({
  version: z.number().check(z.int(), z.minimum(1)),
  reason: z.optional(text(500)),
});
export const overrideSchema = z.object({
  overrideId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  tier: tierSchema,
  reason: z.string(),
  endsOn: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  proposedBy: actorSchema,
  proposedAt: z.string(),
  decidedBy: z.optional(actorSchema),
  decidedAt: z.optional(z.string()),
  decisionReason: z.optional(z.string()),
  approvedOn: z.optional(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});

/* Safety commitments (安全承诺) */
export const commitmentParams = z.object({
  mineId: z.string(),
  year: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
});
export const commitmentBody = z.strictObject({
  version: describe(z.optional(z.number().check(z.int(), z.minimum(1))), {
    description: 'Required when replacing the year’s commitment.',
  }),
  filedOn: describe(businessDateSchema, { description: 'Day it was filed with the bureau; not in the future.' }),
  signedBy: text(50),
  content: z.optional(text(2000)),
});
export const commitmentSchema = z.object({
  mineId: z.string(),
  year: z.string(),
  filedOn: z.string(),
  signedBy: z.string(),
  content: z.optional(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
