import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { namedPersonSchema, responsiblePersonsField } from '#lib/registry/schemas.ts';
import { businessDateSchema, describe, idSchema, pageQuery, versionSchema } from '#lib/schemas/primitives.ts';
import {
  actorSchema,
  dateWindow,
  descriptionSchema,
  fromNotAfterTo,
  mineIdFilter,
  reasonSchema,
} from '#lib/schemas/records.ts';
import { ACCIDENT_LEVELS, type AccidentLevel, levelProblem } from './accident-item.ts';

/** Request and response shapes of accidents (生产安全事故). */
export const accidentIdParams = z.object({ accidentId: idSchema });
export const accidentLevelSchema = describe(z.enum(ACCIDENT_LEVELS), {
  description: 'general 一般 / larger 较大 / major 重大 / especially_major 特别重大',
});
const count = (description: string) =>
  describe(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), { description });

const fields = {
  date: describe(businessDateSchema, { description: 'Business date it happened; not in the future.' }),
  level: accidentLevelSchema,
  deaths: count('死亡人数'),
  injuries: count('重伤人数 (serious injuries)'),
  description: descriptionSchema,
  concealed: describe(z.boolean(), { description: '瞒报: the mine did not report it.' }),
  misreported: describe(z.boolean(), { description: '谎报: the mine reported it falsely.' }),
};

/** A level below what the deaths and injuries require is refused, naming `level`. */
const levelFitsCasualties = z.superRefine<{ level: AccidentLevel; deaths: number; injuries: number }>((b, ctx) => {
  const problem = levelProblem(b);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, path: ['level'], input: b.level });
});

export const recordAccidentBody = z
  .strictObject({
    ...fields,
    concealed: z._default(fields.concealed, false),
    misreported: z._default(fields.misreported, false),
    responsiblePersons: responsiblePersonsField,
  })
  .check(levelFitsCasualties);

export const correctAccidentBody = z
  .strictObject({
    version: versionSchema,
    reason: reasonSchema,
    ...z.partial(z.strictObject(fields)).shape,
    responsiblePersons: responsiblePersonsField,
  })
  .check(
    z.refine((b) => Object.keys(b).some((k) => k in fields || k === 'responsiblePersons'), {
      message: '至少要更正一个字段',
    }),
  );

const level = z.optional(accidentLevelSchema);
export const listMineAccidentsQuery = z.extend(pageQuery, { ...dateWindow, level }).check(fromNotAfterTo);
export const listAccidentsQuery = z
  .extend(pageQuery, { ...dateWindow, level, mineId: mineIdFilter })
  .check(fromNotAfterTo);

export const accidentSchema = z.object({
  accidentId: z.string(),
  mineId: z.string(),
  mineName: z.optional(z.string()),
  jurisdiction: z.string(),
  date: z.string(),
  level: z.enum(ACCIDENT_LEVELS),
  levelLabel: z.string(),
  deaths: z.number(),
  injuries: z.number(),
  description: z.string(),
  concealed: z.boolean(),
  misreported: z.boolean(),
  responsiblePersons: z.optional(z.array(namedPersonSchema)),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.optional(actorSchema),
});
