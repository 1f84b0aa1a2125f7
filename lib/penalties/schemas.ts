import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { namedPersonSchema, responsiblePersonsField } from '#lib/registry/schemas.ts';
import { LICENCE_STATES, LICENCE_TYPES } from '#lib/registry/vocabulary.ts';
import { businessDateSchema, describe, idSchema, pageQuery, text, versionSchema } from '#lib/schemas/primitives.ts';
import { actorSchema, stepSchema } from '#lib/schemas/records.ts';
import { LICENCE_ACTIONS, PENALTY_KINDS, PENALTY_VIEW_STATUSES } from './penalty-item.ts';
import { PENALTY_ACTIONS } from './penalty-rules.ts';
import { INTERVIEW_NOT_A_PENALTY, NEW_PENALTY_KINDS } from './vocabulary.ts';

/** Request and response shapes of penalties (行政处罚); the OpenAPI document is generated from these. */
export const penaltyIdParams = z.object({ penaltyId: idSchema });

/** 元, positive, at most two decimals (分). */
const yuan = describe(
  z.number().check(
    z.positive(),
    z.maximum(100_000_000),
    z.refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: '金额最多保留两位小数（元）' }),
  ),
  { description: 'Amount in 元 (CNY), greater than 0.' },
);

const common = {
  decisionNo: describe(z.optional(text(100)), {
    description:
      '决定书文号; required for a general penalty (in force at once), may wait until the review for a major one.',
  }),
  basis: describe(text(1000), { description: '法律依据: the provisions the penalty rests on.' }),
  violationIds: describe(z._default(z.array(idSchema).check(z.maxLength(50)), []), {
    description: 'Violations of this mine the penalty is for.',
  }),
  description: text(2000),
  responsiblePersons: responsiblePersonsField,
};

export const createPenaltyBody = describe(
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('warning'), ...common }),
      z.strictObject({ kind: z.literal('fine'), amountYuan: yuan, ...common }),
      z
        .strictObject({
          kind: z.literal('ordered_suspension'),
          scope: describe(text(500), { description: '停产整顿范围: the whole mine, a working face, …' }),
          from: describe(businessDateSchema, {
            description: 'First day of the suspension; the mine is rectifying from this day.',
          }),
          to: describe(z.optional(businessDateSchema), { description: 'Last day, when the decision fixes one.' }),
          ...common,
        })
        .check(z.refine((b) => !b.to || b.to >= b.from, { message: '停产整顿截止日期不能早于起始日期', path: ['to'] })),
      z.strictObject({
        kind: z.literal('licence_action'),
        licenceType: z.enum(LICENCE_TYPES),
        licenceAction: z.enum(LICENCE_ACTIONS),
        ...common,
      }),
    ],
    {
      // 约谈 is a record of its own now: point there rather than list the kinds.
      error: (issue) =>
        (issue.input as { kind?: unknown } | undefined)?.kind === 'interview'
          ? INTERVIEW_NOT_A_PENALTY
          : `处罚种类须为 ${NEW_PENALTY_KINDS.join(' | ')} 之一`,
    },
  ),
  {
    description:
      'A penalty of one kind; a major one (suspension, licence action, fine above the policy amount) starts as proposed. kind interview is refused (400 naming body.kind): an interview (约谈) is recorded with POST /v1/mines/{mineId}/interviews.',
  },
);
export type CreatePenaltyBody = z.infer<typeof createPenaltyBody>;

const filters = {
  status: z.optional(z.enum(PENALTY_VIEW_STATUSES)),
  kind: z.optional(z.enum(PENALTY_KINDS)),
  major: z.optional(z.enum(['true', 'false'])),
};
export const listMinePenaltiesQuery = z.extend(pageQuery, filters);
export const listPenaltiesQuery = z.extend(pageQuery, { ...filters, mineId: z.optional(idSchema) });
export type PenaltyFilters = z.infer<typeof listPenaltiesQuery>;

/** Who answers for a penalty, corrected: the whole list (empty names nobody), with the reason. */
export const penaltyPersonsBody = z.strictObject({
  version: versionSchema,
  reason: text(500),
  responsiblePersons: z.array(idSchema).check(z.maxLength(10)),
});

export const penaltyActionBody = z.strictObject({
  action: z.enum(PENALTY_ACTIONS),
  version: versionSchema,
  note: describe(z.optional(text(2000)), { description: 'Review opinion; the reason, required to reject or cancel.' }),
  decisionNo: describe(z.optional(text(100)), { description: '决定书文号, on submit_for_review or approve.' }),
  executedOn: describe(z.optional(businessDateSchema), {
    description: 'execute: the day it was carried out; not in the future.',
  }),
  evidence: describe(z.optional(z.array(text(500)).check(z.minLength(1), z.maxLength(20))), {
    description: 'execute: the proof it was carried out.',
  }),
});
export type PenaltyActionBody = z.infer<typeof penaltyActionBody>;

/* Responses */
export const penaltySchema = z.object({
  penaltyId: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  kind: z.enum(PENALTY_KINDS),
  kindLabel: z.string(),
  amountYuan: z.optional(z.number()),
  scope: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  interviewee: describe(z.optional(z.string()), { description: 'Only on a penalty of the retired kind interview.' }),
  interviewDate: describe(z.optional(z.string()), { description: 'Only on a penalty of the retired kind interview.' }),
  licenceType: z.optional(z.enum(LICENCE_TYPES)),
  licenceAction: z.optional(z.enum(LICENCE_ACTIONS)),
  decisionNo: z.optional(z.string()),
  documentNo: describe(z.optional(z.string()), {
    description: '行政处罚决定书的编号 (e.g. 东山煤安罚〔2026〕1号), allocated when the penalty is decided.',
  }),
  basis: z.string(),
  description: z.string(),
  violationIds: z.array(z.string()),
  responsiblePersons: z.optional(z.array(namedPersonSchema)),
  major: z.boolean(),
  majorReason: z.string(),
  policy: z.object({ definedAt: z.nullable(z.string()), version: z.number() }),
  status: z.enum(PENALTY_VIEW_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  proposedBy: actorSchema,
  proposedAt: z.string(),
  submittedBy: z.optional(actorSchema),
  reviewedBy: z.optional(actorSchema),
  effectiveOn: z.optional(z.string()),
  executionDue: z.optional(z.string()),
  executedOn: z.optional(z.string()),
  executionEvidence: z.optional(z.array(z.string())),
  statusChange: z.optional(
    z.object({
      effectiveDate: z.string(),
      applied: z.boolean(),
      recordedAt: z.optional(z.string()),
      skipped: z.optional(z.string()),
    }),
  ),
  licenceChange: describe(
    z.optional(
      z.object({
        state: z.enum(LICENCE_STATES),
        from: z.string(),
        number: z.string(),
        penaltyId: z.string(),
        decisionNo: z.optional(z.string()),
      }),
    ),
    {
      description: "licence_action in force: the entry it put on the licence's state history, from its effective day.",
    },
  ),
  steps: z.array(stepSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const penaltyDetailSchema = z.extend(penaltySchema, {
  violations: z.array(
    z.object({
      violationId: z.string(),
      category: z.string(),
      categoryName: z.string(),
      date: z.string(),
      description: z.string(),
    }),
  ),
});
