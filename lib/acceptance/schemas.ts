import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  businessDateSchema,
  describe,
  idSchema,
  mineIdParams,
  pageQuery,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo, mineIdFilter } from '#lib/schemas/records.ts';
import { ACCEPTANCE_ACTIONS, ACCEPTANCE_STATUSES } from './vocabulary.ts';

/** Request and response shapes of 复工复产验收. */
export const acceptanceIdParams = z.object({ acceptanceId: idSchema });
export { mineIdParams };

const report = describe(text(4000), { description: '整改报告: what the mine rectified, item by item.' });
const evidence = describe(z.optional(z.array(text(500)).check(z.maxLength(50))), {
  description: 'References of the evidence (files attached to the acceptance, document numbers).',
});

export const applyAcceptanceBody = z.strictObject({ report, evidence });

export const acceptanceActionBody = z.strictObject({
  action: z.enum(ACCEPTANCE_ACTIONS),
  version: versionSchema,
  inspectionId: describe(z.optional(idSchema), {
    description: 'assign_check: the inspection record (of this mine, started on site or done) that makes the check.',
  }),
  findings: describe(z.optional(text(4000)), { description: 'record_check: 现场检查结论 (required).' }),
  checkedOn: describe(z.optional(businessDateSchema), {
    description: 'record_check: the day of the on-site check; not in the future (default today).',
  }),
  reason: describe(z.optional(text(1000)), { description: 'return: why it goes back to the mine (required).' }),
  report: describe(z.optional(text(4000)), { description: 'reapply: the revised rectification report (required).' }),
  evidence,
});

export const listAcceptancesQuery = z
  .extend(pageQuery, { ...dateWindow, status: z.optional(z.enum(ACCEPTANCE_STATUSES)), mineId: mineIdFilter })
  .check(fromNotAfterTo);
export const listMineAcceptancesQuery = z
  .extend(pageQuery, { ...dateWindow, status: z.optional(z.enum(ACCEPTANCE_STATUSES)) })
  .check(fromNotAfterTo);

const person = z.object({ userId: z.string(), name: z.string() });
export const acceptanceSchema = z.object({
  acceptanceId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  date: z.string(),
  fromStatus: z.string(),
  status: z.enum(ACCEPTANCE_STATUSES),
  statusLabel: z.string(),
  application: z.object({
    report: z.string(),
    evidence: z.array(z.string()),
    appliedBy: actorSchema,
    appliedAt: z.string(),
  }),
  check: z.optional(
    z.object({
      inspectionId: z.string(),
      leader: z.optional(person),
      assignedBy: actorSchema,
      assignedAt: z.string(),
      findings: z.optional(z.string()),
      checkedOn: z.optional(z.string()),
      recordedBy: z.optional(actorSchema),
      recordedAt: z.optional(z.string()),
    }),
  ),
  dueOn: z.optional(z.string()),
  approvedBy: z.optional(actorSchema),
  approvedAt: z.optional(z.string()),
  approvedOn: z.optional(z.string()),
  returnReason: z.optional(z.string()),
  steps: z.array(z.object({ action: z.string(), at: z.string(), by: actorSchema, note: z.optional(z.string()) })),
  version: z.number(),
  updatedAt: z.string(),
});
