import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { planLinkSchema } from '#lib/enforcement-plan/schemas.ts';
import { businessDateSchema, describe, idSchema, pageQuery, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo, mineIdFilter, reasonSchema } from '#lib/schemas/records.ts';
import { INSPECTION_STATUSES, INSPECTION_TOPICS, ONSITE_MEASURES } from './vocabulary.ts';

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
const onsiteDecisionItem = describe(
  z.strictObject({
    measure: z.enum(ONSITE_MEASURES, { error: `处理措施须为：${ONSITE_MEASURES.join('、')}` }),
    deadline: describe(z.optional(businessDateSchema), {
      description: 'rectify_by_deadline: the day it must be done by (required, not before today).',
    }),
    description: describe(z.optional(text(1000)), { description: 'Details; required for other.' }),
    hazardIds: z._default(uniqueIds('隐患编号'), []),
    violationIds: z._default(uniqueIds('违法违规记录编号'), []),
  }),
  { description: 'One order; its hazards and violations must be among the inspection’s findings.' },
);
const summary = text(4000);
const doneOnAfterPlanned = z.refine<{ plannedOn?: string | undefined; doneOn: string }>(
  (b) => !b.plannedOn || b.doneOn >= b.plannedOn,
  {
    message: '检查日期不能早于计划日期',
    path: ['doneOn'],
  },
);

const topics = describe(
  z.array(z.enum(INSPECTION_TOPICS, { error: `检查专项须为：${INSPECTION_TOPICS.join('、')}` })).check(
    z.minLength(1, { error: '至少选择一项检查专项' }),
    z.refine((t) => new Set(t).size === t.length, { message: '检查专项不能重复' }),
  ),
  {
    description:
      'The campaign topics checked (one or more): ventilation_gas_dust 一通三防, water_control 防治水, roof 顶板, electromechanical_transport 机电运输, rock_burst 冲击地压, emergency 应急.',
  },
);
const leaderUserId = describe(text(100), { description: '带队负责人: the userId of one of the inspectors.' });
/** The leader is one of the team. */
const leaderInTeam = z.refine<{ inspectors: readonly { userId: string }[]; leaderUserId: string }>(
  (b) => b.inspectors.some((i) => i.userId === b.leaderUserId),
  { message: '带队负责人须为检查人员之一', path: ['leaderUserId'] },
);
const planItem = z.optional(planLinkSchema);
const startedOn = describe(businessDateSchema, { description: 'The day it started on site; not in the future.' });

export const createInspectionBody = z.discriminatedUnion(
  'kind',
  [
    describe(
      z.strictObject({
        kind: z.literal('planned'),
        plannedOn: describe(businessDateSchema, { description: 'The day it is planned for.' }),
        inspectors,
        purpose,
        planItem,
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
          planItem,
        })
        .check(doneOnAfterPlanned),
      { description: 'An inspection already done, recorded directly.' },
    ),
    describe(
      z
        .strictObject({
          kind: z.literal('started'),
          startedOn,
          inspectors,
          leaderUserId,
          purpose,
          topics,
          planItem,
        })
        .check(leaderInTeam),
      {
        description:
          'An inspection started on site (in_progress): hazards and violations recorded with its id join its findings; closed with close.',
      },
    ),
  ],
  { error: 'kind 须为 planned、done 或 started' },
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
        planItem,
      }),
      { description: 'The planned inspection was done.' },
    ),
    describe(z.strictObject({ action: z.literal('cancel'), version: versionSchema, reason: reasonSchema }), {
      description: 'The planned inspection will not take place.',
    }),
    describe(
      z
        .strictObject({
          action: z.literal('start'),
          version: versionSchema,
          startedOn,
          inspectors,
          leaderUserId,
          purpose: z.optional(purpose),
          topics,
          planItem,
        })
        .check(leaderInTeam),
      { description: 'The planned inspection starts on site (in_progress).' },
    ),
    describe(
      z.strictObject({
        action: z.literal('close'),
        version: versionSchema,
        doneOn: describe(z.optional(businessDateSchema), {
          description: 'The day it ended: not before startedOn, not in the future; today when left out.',
        }),
        summary,
        planItem,
      }),
      { description: 'The inspection in progress is done: its 现场检查记录 is numbered.' },
    ),
    describe(
      z.strictObject({
        action: z.literal('issue_decision'),
        version: versionSchema,
        items: describe(z.array(onsiteDecisionItem).check(z.minLength(1), z.maxLength(20)), {
          description: 'What the decision orders, each about findings of this inspection.',
        }),
      }),
      {
        description:
          'An on-site decision (现场处理决定书) on an inspection in progress or done, numbered by the bureau; several are allowed.',
      },
    ),
  ],
  { error: 'action 须为 complete、cancel、start、close 或 issue_decision' },
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
  startedOn: z.optional(z.string()),
  doneOn: z.optional(z.string()),
  overdue: describe(z.boolean(), { description: 'Still planned after its planned day.' }),
  inspectors: z.array(z.object({ userId: z.string(), name: z.string() })),
  leader: z.optional(z.object({ userId: z.string(), name: z.string() })),
  topics: z.optional(z.array(z.enum(INSPECTION_TOPICS))),
  topicLabels: z.array(z.string()),
  purpose: z.optional(z.string()),
  recordNo: describe(z.optional(z.string()), {
    description: '现场检查记录的文号, once closed after an on-site start.',
  }),
  decisions: describe(
    z.array(
      z.object({
        n: z.number(),
        documentNo: z.string(),
        issuedOn: z.string(),
        issuedBy: actorSchema,
        items: z.array(
          z.object({
            measure: z.enum(ONSITE_MEASURES),
            measureLabel: z.string(),
            deadline: z.optional(z.string()),
            description: z.optional(z.string()),
            hazardIds: z.array(z.string()),
            violationIds: z.array(z.string()),
          }),
        ),
      }),
    ),
    { description: 'On-site decisions (现场处理决定书) issued, in order.' },
  ),
  summary: z.optional(z.string()),
  findings: z.object({ hazardIds: z.array(z.string()), violationIds: z.array(z.string()) }),
  cancelReason: z.optional(z.string()),
  planItem: describe(z.optional(z.object({ planId: z.string(), itemId: z.string(), month: z.number() })), {
    description: 'The planned inspection of the year’s enforcement plan it carries out.',
  }),
  steps: z.array(z.object({ action: z.string(), at: z.string(), by: actorSchema, note: z.optional(z.string()) })),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
