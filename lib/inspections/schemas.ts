import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { businessDateSchema, describe, idSchema, pageQuery, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo, mineIdFilter, reasonSchema } from '#lib/schemas/records.ts';
import { INSPECTION_STATUSES } from './inspection-item.ts';

/** Request and response shapes of enforcement inspections (执法检查). */
export const inspectionIdParams = z.object({ inspectionId: idSchema });

const inspector = z.strictObject({ userId: text(100), name: text(50) });
const inspectors = describe(z.array(inspector).check(z.minLength(1), z.maxLength(20)), {
  description: 'The officers on the inspection (at least one).',
});
const uniqueIds = (what: string) =>
  z.array(idSchema).check(
    z.maxLength(200),
    z.refine((ids) => new Set(ids).size === ids.length, { message: `${what}不能重复` }),
  );
export const findingsSchema = describe(
  z.strictObject({
    hazardIds: describe(z._default(uniqueIds('隐患编号'), []), {
      description: 'Hazards (隐患) found; recorded by the hazards module, stored as given.',
    }),
    violationIds: describe(z._default(uniqueIds('违法违规记录编号'), []), {
      description: 'Violations found; each must be a violation of this mine.',
    }),
  }),
  { description: 'What the inspection found.' },
);
const purpose = text(500);
const summary = text(4000);
const doneOnAfterPlanned = z.refine<{ plannedOn?: string | undefined; doneOn: string }>(
  (b) => !b.plannedOn || b.doneOn >= b.plannedOn,
  {
    message: '检查日期不能早于计划日期',
    path: ['doneOn'],
  },
);

export const createInspectionBody = z.discriminatedUnion(
  'kind',
  [
    describe(
      z.strictObject({
        kind: z.literal('planned'),
        plannedOn: describe(businessDateSchema, { description: 'The day it is planned for.' }),
        inspectors,
        purpose,
      }),
      {
        description:
          'A planned inspection; later completed or cancelled through /v1/inspections/{inspectionId}/actions.',
      },
    ),
    describe(
      z
        .strictObject({
          kind: z.literal('done'),
          plannedOn: z.optional(businessDateSchema),
          doneOn: describe(businessDateSchema, { description: 'The day it was done; not in the future.' }),
          inspectors,
          purpose: z.optional(purpose),
          summary,
          findings: z._default(findingsSchema, { hazardIds: [], violationIds: [] }),
        })
        .check(doneOnAfterPlanned),
      { description: 'An inspection already done, recorded directly.' },
    ),
  ],
  { error: 'kind 须为 planned 或 done' },
);

export const inspectionActionBody = z.discriminatedUnion(
  'action',
  [
    describe(
      z.strictObject({
        action: z.literal('complete'),
        version: versionSchema,
        doneOn: describe(businessDateSchema, {
          description: 'The day it was done: not before the planned day, not in the future.',
        }),
        inspectors,
        summary,
        findings: z._default(findingsSchema, { hazardIds: [], violationIds: [] }),
      }),
      { description: 'The planned inspection was done.' },
    ),
    describe(z.strictObject({ action: z.literal('cancel'), version: versionSchema, reason: reasonSchema }), {
      description: 'The planned inspection will not take place.',
    }),
  ],
  { error: 'action 须为 complete 或 cancel' },
);

const status = z.optional(z.enum(INSPECTION_STATUSES));
export const listMineInspectionsQuery = z.extend(pageQuery, { ...dateWindow, status }).check(fromNotAfterTo);
export const listInspectionsQuery = z
  .extend(pageQuery, { ...dateWindow, status, mineId: mineIdFilter })
  .check(fromNotAfterTo);

export const inspectionSchema = z.object({
  inspectionId: z.string(),
  mineId: z.string(),
  mineName: z.optional(z.string()),
  jurisdiction: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  statusLabel: z.string(),
  date: z.string(),
  plannedOn: z.optional(z.string()),
  doneOn: z.optional(z.string()),
  overdue: describe(z.boolean(), { description: 'Still planned after its planned day.' }),
  inspectors: z.array(z.object({ userId: z.string(), name: z.string() })),
  purpose: z.optional(z.string()),
  summary: z.optional(z.string()),
  findings: z.object({ hazardIds: z.array(z.string()), violationIds: z.array(z.string()) }),
  cancelReason: z.optional(z.string()),
  steps: z.array(z.object({ action: z.string(), at: z.string(), by: actorSchema, note: z.optional(z.string()) })),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
