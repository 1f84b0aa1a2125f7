import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  businessDateSchema,
  describe,
  idSchema,
  mobileSchema,
  pageQuery,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema, stepSchema } from '#lib/schemas/records.ts';
import { HAZARD_ACTIONS, HAZARD_LEVELS, HAZARD_SOURCES, HAZARD_STATUSES } from './vocabulary.ts';

/**
 * Request and response shapes of hazards. The shape is checked here; what depends on other fields or on the
 * standard (a major hazard's five items, its category in its standard version, deadline after the found date) is
 * checked by checkHazardInput, which names the same `body.*` fields.
 */
export const hazardIdParams = z.object({ hazardId: idSchema });

const booleanFlag = z.optional(z.enum(['true', 'false']));
export const listHazardsQuery = z.extend(pageQuery, {
  status: z.optional(z.enum(HAZARD_STATUSES)),
  overdue: describe(booleanFlag, {
    description: 'true: open and past the deadline (Asia/Shanghai); false: not overdue.',
  }),
  major: describe(booleanFlag, { description: 'true: major hazards only; false: general ones only.' }),
});

const supervisionBody = z.strictObject({
  responsiblePerson: z.optional(
    z.strictObject({ name: text(50), position: z.optional(text(50)), mobile: z.optional(mobileSchema) }),
  ),
  funds: describe(
    z.optional(
      z.strictObject({
        amount: z.number().check(z.positive(), z.maximum(10_000_000_000)),
        source: z.optional(text(200)),
      }),
    ),
    {
      description: '资金落实: amount in 元',
    },
  ),
  contingencyPlan: z.optional(text(2000)),
  official: describe(z.optional(z.strictObject({ userId: text(100), name: text(50) })), {
    description: '督办人: the supervising bureau official',
  }),
});

export const createHazardBody = z.strictObject({
  level: z.enum(HAZARD_LEVELS),
  description: text(2000),
  location: text(200),
  foundOn: describe(z.optional(businessDateSchema), {
    description: 'Business day found; today when omitted; not in the future.',
  }),
  deadline: describe(businessDateSchema, {
    description: '整改期限 (时限落实 for a major hazard); not before foundOn.',
  }),
  measures: describe(z.optional(text(2000)), { description: '整改措施; required for a major hazard.' }),
  standardVersion: describe(z.optional(text(32)), {
    description:
      'Major only: the standard version (GET /v1/hazard-standards); must be the one in force on foundOn (422 otherwise), which is the default when omitted.',
  }),
  category: describe(z.optional(text(64)), {
    description: 'Major only: a category code of that version, e.g. GAS_OVERLIMIT.',
  }),
  supervision: describe(z.optional(supervisionBody), {
    description:
      'Major only, all required: 挂牌督办 with 五落实 (with measures and deadline) and the supervising official.',
  }),
  source: describe(z.optional(z.enum(HAZARD_SOURCES)), {
    description: 'inspection (bureau default), self_report (the only one for mine users), case.',
  }),
  inspectionId: z.optional(idSchema),
  caseId: z.optional(idSchema),
});

export const hazardActionBody = z.strictObject({
  action: z.enum(HAZARD_ACTIONS),
  version: versionSchema,
  note: describe(z.optional(text(2000)), {
    description: 'submit: the rectification done (required); reject: the reason (required).',
  }),
  evidence: describe(z.optional(z.array(text(500)).check(z.maxLength(20))), {
    description: 'Attachment references (photos, documents) of the submission.',
  }),
});

/* Responses */
export const hazardSchema = z.object({
  hazardId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  level: z.enum(HAZARD_LEVELS),
  levelLabel: z.string(),
  standardVersion: z.optional(z.string()),
  category: z.optional(z.string()),
  categoryName: z.optional(z.string()),
  description: z.string(),
  location: z.string(),
  foundOn: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  measures: z.optional(z.string()),
  supervision: z.optional(
    z.object({
      responsiblePerson: z.object({
        name: z.string(),
        position: z.optional(z.string()),
        mobile: z.optional(z.string()),
      }),
      funds: z.object({ amount: z.number(), source: z.optional(z.string()) }),
      contingencyPlan: z.string(),
      official: z.object({ userId: z.string(), name: z.string() }),
    }),
  ),
  source: z.enum(HAZARD_SOURCES),
  inspectionId: z.optional(z.string()),
  caseId: z.optional(z.string()),
  status: z.enum(HAZARD_STATUSES),
  statusLabel: z.string(),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  rectification: z.optional(
    z.object({ note: z.string(), evidence: z.array(z.string()), submittedBy: actorSchema, submittedAt: z.string() }),
  ),
  verifiedBy: z.optional(actorSchema),
  verifiedAt: z.optional(z.string()),
  steps: z.array(stepSchema),
  version: z.number(),
  updatedAt: z.string(),
});

export const hazardStandardSchema = z.object({
  id: z.string(),
  name: z.string(),
  documentNo: z.string(),
  issuedOn: z.string(),
  effectiveFrom: z.string(),
  /** The last day it applies to, when a later version has taken over. */
  effectiveUntil: z.optional(z.string()),
  inForce: z.boolean(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), article: z.string() })),
});
