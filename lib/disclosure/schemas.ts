import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import { businessDateSchema, describe, idSchema, text, versionSchema } from '#lib/schemas/primitives.ts';
import { DISCLOSURE_STATES } from './disclosure-states.ts';

/** The answers and requests of 执法公示: the public projection, the statistics, the bureau's view of each decision. */
const kind = z.enum(PENALTY_KINDS);

export const publicDisclosureSchema = z.object({
  disclosureId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  kind,
  kindLabel: z.string(),
  facts: z.string(),
  basis: z.string(),
  decision: z.string(),
  decisionNo: z.string(),
  decidedOn: z.string(),
  year: z.string(),
  bureau: z.string(),
  publishedOn: z.string(),
});

export const disclosureIdParams = z.object({ disclosureId: idSchema });
export const penaltyIdParams = z.object({ penaltyId: idSchema });

const yearSchema = describe(z.string().check(z.regex(/^\d{4}$/)), { description: 'A year, e.g. 2026.' });

export const publicDisclosureQuery = z.strictObject({
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  q: describe(z.optional(z.string().check(z.trim(), z.maxLength(100))), {
    description: 'Part of the enterprise’s name, its credit code or the decision number.',
  }),
  year: z.optional(yearSchema),
  kind: z.optional(kind),
});

export const statisticsSchema = z.object({
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  year: z.string(),
  inspections: z.number(),
  hazardsFound: z.number(),
  majorHazardsFound: z.number(),
  hazardsClosed: z.number(),
  penalties: z.number(),
  penaltiesByKind: z.array(z.object({ kind, label: z.string(), count: z.number() })),
  finesYuan: z.number(),
  asOf: businessDateSchema,
});
export const statisticsQuery = z.strictObject({ year: z.optional(yearSchema) });

export const disclosureStateSchema = z.object({
  penaltyId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  kind,
  kindLabel: z.string(),
  decisionNo: z.optional(z.string()),
  effectiveOn: z.string(),
  dueBy: z.string(),
  state: z.enum(DISCLOSURE_STATES),
  stateLabel: z.string(),
  publishedOn: z.optional(z.string()),
  withdrawOn: z.optional(z.string()),
  withdrawnOn: z.optional(z.string()),
  withdrawnReason: z.optional(z.string()),
  version: z.number(),
});
export const listDisclosuresQuery = z.strictObject({ state: z.optional(z.enum(DISCLOSURE_STATES)) });

export const withdrawDisclosureBody = z.strictObject({
  version: versionSchema,
  reason: describe(text(500), {
    description: 'Why it leaves the public pages before its time (a decision revoked, …).',
  }),
});
