import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { businessDateSchema, describe, idSchema, pageQuery, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo, mineIdFilter } from '#lib/schemas/records.ts';
import { DIRECTIVE_KINDS, DIRECTIVE_STATUSES, ITEM_STATES, REVIEW_OUTCOMES } from './vocabulary.ts';

/** Request and response shapes of 督办函 and 监管监察意见书. */
export const directiveParams = z.object({ mineId: idSchema, directiveId: idSchema });
export const directiveItemParams = z.object({
  mineId: idSchema,
  directiveId: idSchema,
  itemNo: describe(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), {
    description: 'The item’s number in the document (1, 2, …).',
  }),
});

export const issueDirectiveBody = z.strictObject({
  kind: describe(z.enum(DIRECTIVE_KINDS), {
    description: 'supervision_letter (督办函) or supervision_opinion (监管监察意见书).',
  }),
  subject: describe(text(500), { description: '事由: what the document is about.' }),
  items: describe(z.array(text(1000)).check(z.minLength(1), z.maxLength(50)), {
    description: 'The items the mine must answer, one line each, numbered 1, 2, … in this order.',
  }),
  deadline: describe(businessDateSchema, { description: '办理期限: not before today.' }),
});

export const replyBody = z.strictObject({
  text: describe(text(4000), { description: '答复: what the mine did about the item.' }),
  attachmentIds: describe(z.optional(z.array(idSchema).check(z.maxLength(20))), {
    description:
      'Evidence files for this item: attachments already added to the document’s `reply` step (POST /v1/mines/{mineId}/evidence/directive/{directiveId}/uploads). An id that is not one → 422.',
  }),
  version: versionSchema,
});

export const reviewBody = z.strictObject({
  outcome: describe(z.enum(REVIEW_OUTCOMES), { description: 'accept (采纳) or return (退回, with a reason).' }),
  reason: describe(z.optional(text(500)), { description: 'Required when returning: what the mine must do again.' }),
  version: versionSchema,
});

export const listMineDirectivesQuery = z.extend(pageQuery, { ...dateWindow }).check(fromNotAfterTo);
export const listDirectivesQuery = z
  .extend(pageQuery, {
    ...dateWindow,
    mineId: mineIdFilter,
    status: describe(z.optional(z.enum(DIRECTIVE_STATUSES)), { description: 'open (办理中) or closed (已办结).' }),
  })
  .check(fromNotAfterTo);

const reviewSchema = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  reason: z.optional(z.string()),
  by: actorSchema,
  at: z.string(),
});
const replySchema = z.object({
  text: z.string(),
  files: z.array(z.object({ attachmentId: z.string(), fileName: z.string() })),
  by: actorSchema,
  at: z.string(),
  late: z.boolean(),
  review: z.optional(reviewSchema),
});

export const directiveSchema = z.object({
  directiveId: z.string(),
  mineId: z.string(),
  mineName: z.optional(z.string()),
  jurisdiction: z.string(),
  kind: z.enum(DIRECTIVE_KINDS),
  documentNo: z.string(),
  date: z.string(),
  subject: z.string(),
  deadline: z.string(),
  items: z.array(
    z.object({ no: z.number(), text: z.string(), state: z.enum(ITEM_STATES), replies: z.array(replySchema) }),
  ),
  issuer: z.object({ jurisdiction: z.string(), name: z.string() }),
  issuedBy: actorSchema,
  issuedAt: z.string(),
  status: z.enum(DIRECTIVE_STATUSES),
  closedAt: z.optional(z.string()),
  daysLeft: describe(z.optional(z.number()), {
    description: 'While open: days to the deadline, negative when overdue.',
  }),
  overdue: z.optional(z.boolean()),
  version: z.number(),
  updatedAt: z.string(),
});
