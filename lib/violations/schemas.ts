import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { namedPersonSchema, responsiblePersonsField } from '#lib/registry/schemas.ts';
import { businessDateSchema, describe, idSchema, pageQuery, versionSchema } from '#lib/schemas/primitives.ts';
import {
  actorSchema,
  dateWindow,
  descriptionSchema,
  evidenceSchema,
  fromNotAfterTo,
  mineIdFilter,
  reasonSchema,
} from '#lib/schemas/records.ts';
import { VIOLATION_CODES } from './categories.ts';
import { VIOLATION_SOURCE_KINDS } from './violations.ts';

/** Request and response shapes of violation records (违法违规行为). */
export const violationCategorySchema = describe(z.enum(VIOLATION_CODES), {
  description: 'A code of GET /v1/violation-categories.',
});
export const violationIdParams = z.object({ violationId: idSchema });

const source = z.discriminatedUnion(
  'kind',
  [
    describe(z.strictObject({ kind: z.literal('inspection'), id: idSchema }), {
      description: 'Found on an inspection of the same mine (its inspectionId).',
    }),
    describe(z.strictObject({ kind: z.literal('manual') }), {
      description: 'Recorded on its own (a report, a complaint, an unannounced visit).',
    }),
  ],
  { error: 'kind 须为 inspection（附检查编号 id）或 manual' },
);

export const recordViolationBody = z.strictObject({
  category: violationCategorySchema,
  date: describe(businessDateSchema, { description: 'Business date of the act; not in the future.' }),
  description: descriptionSchema,
  evidence: z._default(evidenceSchema, []),
  source,
  responsiblePersons: responsiblePersonsField,
});

const correctable = {
  category: violationCategorySchema,
  date: businessDateSchema,
  description: descriptionSchema,
  evidence: evidenceSchema,
  responsiblePersons: z.array(idSchema).check(z.maxLength(10)),
};
export const correctViolationBody = z
  .strictObject({ version: versionSchema, reason: reasonSchema, ...z.partial(z.strictObject(correctable)).shape })
  .check(
    z.refine((b) => Object.keys(b).some((k) => k in correctable), {
      message: '至少要更正一个字段（category、date、description、evidence、responsiblePersons）',
    }),
  );

export const listMineViolationsQuery = z
  .extend(pageQuery, { ...dateWindow, category: z.optional(violationCategorySchema) })
  .check(fromNotAfterTo);
export const listViolationsQuery = z
  .extend(pageQuery, { ...dateWindow, category: z.optional(violationCategorySchema), mineId: mineIdFilter })
  .check(fromNotAfterTo);

export const violationCategoryItemSchema = z.object({
  code: z.enum(VIOLATION_CODES),
  no: z.number(),
  name: z.string(),
});

export const violationSchema = z.object({
  violationId: z.string(),
  mineId: z.string(),
  mineName: z.optional(z.string()),
  jurisdiction: z.string(),
  category: z.enum(VIOLATION_CODES),
  categoryNo: z.number(),
  categoryName: z.string(),
  date: z.string(),
  description: z.string(),
  evidence: z.array(z.string()),
  source: z.object({ kind: z.enum(VIOLATION_SOURCE_KINDS), id: z.optional(z.string()) }),
  responsiblePersons: z.optional(z.array(namedPersonSchema)),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  version: z.number(),
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(actorSchema),
});
