import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { findingSchema } from '#lib/findings/schemas.ts';
import { RULE_IDS, SEVERITIES } from '#lib/findings/vocabulary.ts';
import { MINE_STATUSES } from '#lib/registry/vocabulary.ts';
import { describe, idSchema, pageQuery, text, versionSchema } from '#lib/schemas/primitives.ts';
import { stepSchema } from '#lib/schemas/records.ts';
import { VIOLATION_CODES } from '#lib/violations/categories.ts';
import { CASE_ACTIONS, CASE_STATUSES } from './vocabulary.ts';

/** Request and response shapes of investigation cases. */
export const caseIdParams = z.object({ caseId: idSchema });
export const listCasesQuery = z.extend(pageQuery, {
  status: z.optional(z.enum(CASE_STATUSES)),
  mineId: z.optional(idSchema),
  overdue: z.optional(z.enum(['true', 'false'])),
});
export const caseActionBody = z.strictObject({
  action: z.enum(CASE_ACTIONS),
  version: versionSchema,
  note: z.optional(text(2000)),
  evidence: z.optional(z.array(text(500)).check(z.maxLength(20))),
  assignee: z.optional(z.strictObject({ userId: text(100), name: text(50) })),
});

export const caseSchema = z.object({
  caseId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  rule: z.enum(RULE_IDS),
  ruleLabel: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  openedOn: z.string(),
  openedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  firstFinding: findingSchema,
  assignee: z.optional(z.object({ userId: z.string(), name: z.string() })),
  steps: z.array(stepSchema),
  violationId: z.optional(z.string()),
  outcome: describe(
    z.optional(
      z.object({
        statusOnDay: z.enum(MINE_STATUSES),
        category: z.nullable(z.enum(VIOLATION_CODES)),
        majorHazard: describe(z.optional(z.string()), {
          description:
            'The major-hazard category (重大事故隐患, code of GET /v1/hazard-standards) the act also is: OVER_CAPACITY for people above the approved headcount, GAS_OVERLIMIT for a methane alarm without power cut-off. Credit counts the act once.',
        }),
        label: z.string(),
      }),
    ),
    {
      description:
        'What the confirmed case came to: the violation category it recorded (by its rule and the mine status on the finding day), or null for a meter or reporting fault, which records no violation and costs no points of its own.',
    },
  ),
  version: z.number(),
  updatedAt: z.string(),
});
export const caseDetailSchema = z.extend(caseSchema, {
  evidence: z.array(z.object({ date: z.string(), finding: findingSchema })),
});
