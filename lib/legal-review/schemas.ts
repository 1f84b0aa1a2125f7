import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { entrySchema } from '#lib/blacklist/schemas.ts';
import { creditPolicy } from '#lib/credit/credit-policy.ts';
import { overrideSchema } from '#lib/credit/schemas.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { penaltySchema } from '#lib/penalties/schemas.ts';
import { describe } from '#lib/schemas/primitives.ts';

/** The answer of GET /v1/legal-review/queue: what of the caller's jurisdiction waits for a legal reviewer, by kind. */
export const legalQueueSchema = z.object({
  penalties: describe(z.array(penaltySchema), { description: 'Major penalties under legal review (under_review).' }),
  blacklist: describe(z.array(entrySchema), {
    description:
      'Entries at a step for the legal reviewer: under_review (the listing), published with a removal request, removed with a request to revoke the removal.',
  }),
  overrides: describe(z.array(overrideSchema), { description: 'Credit tier overrides proposed and not yet decided.' }),
  policyChanges: describe(
    z.array(
      z.object({
        policy: z.string(),
        label: z.string(),
        changes: z.array(z.union([penaltyPolicy.changeViewSchema, creditPolicy.changeViewSchema])),
      }),
    ),
    { description: 'Each policy with guarded settings, and its changes waiting for a decision, oldest first.' },
  ),
});
export type LegalQueue = z.infer<typeof legalQueueSchema>;
