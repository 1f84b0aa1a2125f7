/**
 * The approved headcount's request and response shapes (`GET/PUT /v1/mines/{mineId}/headcount-limits`): counts per
 * shift are whole numbers 0–5,000; the duty crew never above the shift's approved headcount (checked in
 * headcount.ts, where the field is named).
 */
import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { businessDateSchema, describe, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';

export const HEADCOUNT_MAX = 5000;

const count = z.number().check(z.int(), z.minimum(0), z.maximum(HEADCOUNT_MAX));
const perShift = z.strictObject({ night: count, morning: count, afternoon: count });
const perShiftView = z.object({ night: z.number(), morning: z.number(), afternoon: z.number() });

export const headcountAsOfQuery = z.strictObject({
  asOf: describe(z.optional(businessDateSchema), {
    description: 'The day whose limits are `inForce` (default today).',
  }),
});

export const headcountBody = z.strictObject({
  version: describe(z.optional(versionSchema), {
    description: 'The version you read; absent only when the mine has no approved headcount yet.',
  }),
  from: describe(businessDateSchema, {
    description: 'First day in force; not before the latest version’s (versions only append).',
  }),
  shifts: describe(perShift, { description: '核定下井人数: the most allowed underground per shift when producing.' }),
  dutyCrew: describe(perShift, {
    description: '值班人员: the most a stopped, closed or not-yet-accepted mine may keep underground per shift.',
  }),
  reason: text(500),
});

export const headcountVersionSchema = z.object({
  from: z.string(),
  shifts: perShiftView,
  dutyCrew: perShiftView,
  reason: z.string(),
  recordedBy: actorSchema,
  recordedAt: z.string(),
});

export const headcountLimitsSchema = z.object({
  mineId: z.string(),
  asOf: z.string(),
  inForce: describe(z.nullable(z.object({ from: z.string(), shifts: perShiftView, dutyCrew: perShiftView })), {
    description: 'The limits in force on `asOf`: the latest version from on or before it; null before the first.',
  }),
  versions: describe(z.array(headcountVersionSchema), { description: 'Every version, oldest first.' }),
  version: describe(z.number(), { description: 'The item’s version, 0 when none was ever set.' }),
});
