import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { accidentSchema } from '#lib/accidents/schemas.ts';
import { caseSchema } from '#lib/cases/schemas.ts';
import { directiveSchema } from '#lib/directives/schemas.ts';
import { hazardSchema } from '#lib/hazards/schemas.ts';
import { inspectionSchema } from '#lib/inspections/schemas.ts';
import { interviewSchema } from '#lib/interviews/schemas.ts';
import { penaltySchema } from '#lib/penalties/schemas.ts';
import { mineSchema } from '#lib/registry/schemas.ts';
import { describe } from '#lib/schemas/primitives.ts';
import { violationSchema } from '#lib/violations/schemas.ts';
import { RECORD_LIMIT } from './mine-file.ts';

/** The mine's file (一矿一档) as the API answers it: each record as its own route shows it. */
const recent = <T extends z.ZodMiniType>(item: T) =>
  describe(z.array(item), { description: `The newest ${RECORD_LIMIT}, newest first.` });

export const mineRecordSchema = z.object({
  mine: mineSchema,
  openHazards: describe(z.array(hazardSchema), { description: 'Every hazard not yet verified, newest first.' }),
  violations: recent(violationSchema),
  penalties: recent(penaltySchema),
  inspections: recent(inspectionSchema),
  interviews: recent(interviewSchema),
  directives: describe(z.array(directiveSchema), {
    description: `督办函 and 监管监察意见书: the newest ${RECORD_LIMIT} by date of issue, newest first.`,
  }),
  accidents: recent(accidentSchema),
  openCases: describe(z.array(caseSchema), {
    description: 'Every case still open or under investigation, newest first.',
  }),
});
