import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { describe, idSchema, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { PLAN_ITEM_STATES, PLAN_STATUSES, PLAN_TIERS } from './vocabulary.ts';

/** Request and response shapes of the enforcement plan (执法计划). */
const year = z.number().check(z.int(), z.minimum(2000), z.maximum(2100));
export const planParams = z.object({ planId: idSchema });
export const planYearQuery = z.strictObject({
  year: describe(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)), {
    description: 'The plan year, e.g. 2026.',
  }),
});
export const createPlanBody = z.strictObject({
  year: describe(year, { description: 'This year or next: the plan is drafted from the mines’ credit tiers now.' }),
});

const userId = text(100);
export const planItemChange = z.strictObject({
  itemId: idSchema,
  month: describe(z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(12))), { description: '1–12.' }),
  leaderUserId: describe(z.optional(userId), {
    description: '带队负责人: an active bureau_admin or inspector whose jurisdiction covers the mine.',
  }),
  memberUserIds: describe(
    z.optional(
      z.array(userId).check(
        z.maxLength(10),
        z.refine((ids) => new Set(ids).size === ids.length, { message: '检查组成员不能重复' }),
      ),
    ),
    { description: '检查组成员 besides the leader, each like the leader.' },
  ),
});
export const editPlanBody = z.strictObject({
  version: versionSchema,
  changes: describe(z.array(planItemChange).check(z.minLength(1), z.maxLength(400)), {
    description:
      'Changes of planned inspections (month, team). On an approved plan they make a revision that a bureau admin who did not edit it approves; the items in force stay until then.',
  }),
  reason: describe(z.optional(text(500)), { description: 'Why: required for a revision of an approved plan.' }),
});
export const approvePlanBody = z.strictObject({ version: versionSchema });
export const discardRevisionBody = z.strictObject({
  version: versionSchema,
  reason: describe(z.optional(text(500)), {
    description: 'Why the pending revision is dropped (kept in its history).',
  }),
});

const member = z.object({ userId: z.string(), name: z.string() });
const planItem = z.object({
  itemId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  tier: z.enum(PLAN_TIERS),
  month: z.number(),
  leader: member,
  members: z.array(member),
});
const tally = { total: z.number(), done: z.number(), due: z.number(), overdue: z.number() };
export const planSchema = z.object({
  planId: z.string(),
  jurisdiction: z.string(),
  year: z.number(),
  status: z.enum(PLAN_STATUSES),
  statusLabel: z.string(),
  revision: describe(z.number(), { description: 'Approvals so far: 0 while the first draft waits.' }),
  items: describe(
    z.array(
      z.extend(planItem, {
        state: z.enum(PLAN_ITEM_STATES),
        stateLabel: z.string(),
        inspectionId: z.optional(z.string()),
        doneOn: z.optional(z.string()),
      }),
    ),
    { description: 'The planned inspections in force, each with its state today.' },
  ),
  draft: describe(
    z.optional(z.object({ items: z.array(planItem), editors: z.array(actorSchema), reason: z.optional(z.string()) })),
    { description: 'The draft awaiting approval (the first plan, or a revision), with who edited it.' },
  ),
  progress: z.object({
    ...tally,
    byMonth: z.array(z.object({ month: z.number(), ...tally })),
    byTeam: z.array(z.object({ leader: member, ...tally })),
  }),
  approvedBy: z.optional(actorSchema),
  approvedAt: z.optional(z.string()),
  steps: z.array(
    z.object({
      action: z.string(),
      at: z.string(),
      by: actorSchema,
      revision: z.optional(z.number()),
      note: z.optional(z.string()),
    }),
  ),
  createdBy: actorSchema,
  createdAt: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
export const planListSchema = z.object({ items: z.array(planSchema) });

/** An inspection recorded against a planned inspection of an approved plan. */
export const planLinkSchema = describe(z.strictObject({ planId: idSchema, itemId: idSchema }), {
  description:
    'The planned inspection (执法计划) this inspection carries out: of an approved plan, of this mine, not yet done. Done once the inspection is done.',
});
