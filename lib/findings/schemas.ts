import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { RULE_IDS, SEVERITIES } from './vocabulary.ts';

/** A finding as the API answers it: on a review, and as evidence on a case. */
export const findingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  measured: z.number(),
  threshold: z.number(),
  unit: z.string(),
  baseline: z.object({ name: z.string(), value: z.number(), source: z.string() }),
  message: z.string(),
});
