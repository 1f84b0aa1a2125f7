import * as z from 'zod/mini';
import './zod.ts';
import { businessDateSchema, describe, idSchema, text } from './primitives.ts';

/** Request and response pieces the enforcement records (violations, inspections, accidents, penalties, hazards, cases) share. */

/** `from`/`to` business dates, both inclusive, `from` not after `to` (else 400 naming `query.to`). */
export const dateWindow = {
  from: describe(z.optional(businessDateSchema), { description: 'Earliest business date, inclusive.' }),
  to: describe(z.optional(businessDateSchema), { description: 'Latest business date, inclusive.' }),
};
export const fromNotAfterTo = z.refine<{ from?: string | undefined; to?: string | undefined }>(
  (q) => !q.from || !q.to || q.from <= q.to,
  {
    message: '结束日期不能早于开始日期',
    path: ['to'],
  },
);

/** Only this mine, on the jurisdiction-wide lists. */
export const mineIdFilter = describe(z.optional(idSchema), {
  description: 'Only this mine (404 outside your jurisdiction).',
});

export const reasonSchema = describe(text(500), {
  description: 'Why the record is corrected (kept in the audit trail).',
});
export const descriptionSchema = text(2000);
export const evidenceSchema = describe(z.array(text(500)).check(z.maxLength(50)), {
  description: 'References to evidence: photo ids, document numbers, notes.',
});

export const actorSchema = z.object({ sub: z.string(), role: z.string(), name: z.optional(z.string()) });
/** One step of a record's history (全过程记录): what was done, when and by whom, with the note and evidence given. */
export const stepSchema = z.object({
  action: z.string(),
  at: z.string(),
  by: actorSchema,
  note: z.optional(z.string()),
  evidence: z.optional(z.array(z.string())),
});
