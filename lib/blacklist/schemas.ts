import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  businessDateSchema,
  creditCodeSchema,
  describe,
  idSchema,
  jurisdictionSchema,
  pageQuery,
  residentIdSchema,
  text,
} from '#lib/schemas/primitives.ts';
import { actorSchema, dateWindow, fromNotAfterTo, stepSchema } from '#lib/schemas/records.ts';
import { GROUND_CODES } from './grounds.ts';
import { BLACKLIST_STATUSES, SCOPES, SUBJECT_TYPES } from './vocabulary.ts';

/** Request and response shapes of the blacklist; the OpenAPI document is generated from these. */
const scopes = z.array(z.enum(SCOPES)).check(z.minLength(1), z.maxLength(SCOPES.length));
const evidence = z.array(text(300)).check(z.maxLength(20));
const version = describe(z.number().check(z.int(), z.minimum(1)), {
  description: 'The version you read; a stale one gets 409.',
});

export const proposeEntryBody = z.strictObject({
  subjectType: z.enum(SUBJECT_TYPES),
  mineId: idSchema,
  personId: describe(z.optional(idSchema), {
    description: 'A key person registered with the mine (关键少数); for a person only.',
  }),
  grounds: z.array(z.enum(GROUND_CODES)).check(z.minLength(1), z.maxLength(GROUND_CODES.length)),
  scopes: describe(z.optional(scopes), { description: 'What the listing restricts; all four when omitted.' }),
  note: text(1000),
});

export const entryActionBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('serve_notice'),
    version,
    servedOn: businessDateSchema,
    noticeNo: z.optional(text(100)),
  }),
  z.strictObject({
    action: z.literal('record_objection'),
    version,
    receivedOn: businessDateSchema,
    content: text(2000),
  }),
  z.strictObject({
    action: z.literal('answer_objection'),
    version,
    objectionId: text(100),
    answer: text(2000),
    upheld: z.boolean(),
  }),
  z.strictObject({ action: z.literal('submit_review'), version }),
  z.strictObject({
    action: z.literal('approve'),
    version,
    decisionNo: describe(text(100), { description: '决定书文号' }),
    listedOn: describe(z.optional(businessDateSchema), {
      description: 'First day listed; today when omitted; after the objection window.',
    }),
    scopes: z.optional(scopes),
  }),
  z.strictObject({ action: z.literal('reject'), version, reason: text(1000) }),
  z.strictObject({ action: z.literal('withdraw'), version, reason: text(1000) }),
  z.strictObject({ action: z.literal('request_removal'), version, reason: text(1000), evidence }),
  z.strictObject({ action: z.literal('approve_removal'), version, note: z.optional(text(1000)) }),
  z.strictObject({ action: z.literal('reject_removal'), version, reason: text(1000) }),
  z.strictObject({ action: z.literal('revoke_removal'), version, reason: text(1000), evidence }),
  z.strictObject({ action: z.literal('approve_revocation'), version, note: z.optional(text(1000)) }),
  z.strictObject({ action: z.literal('reject_revocation'), version, reason: text(1000) }),
]);

export const listEntriesQuery = z.extend(pageQuery, {
  status: z.optional(z.enum(BLACKLIST_STATUSES)),
  subjectType: z.optional(z.enum(SUBJECT_TYPES)),
  jurisdiction: z.optional(jurisdictionSchema),
  mineId: z.optional(idSchema),
});

export const entryIdParams = z.object({
  entryId: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, '名单记录编号格式不正确')),
});

/**
 * A name has no digits: refusing them keeps an ID typed into the wrong field out of the check's record (the name asked
 * about is kept there as given).
 */
const personName = text(50).check(z.refine((v) => !/\p{Nd}/u.test(v), '姓名不能包含数字'));

export const checkQuery = z
  .strictObject({
    subjectType: z.enum(SUBJECT_TYPES),
    creditCode: z.optional(creditCodeSchema),
    residentId: describe(z.optional(residentIdSchema), { description: 'For a person; never stored or returned.' }),
    name: describe(z.optional(personName), {
      description:
        'For a person: the name as on the ID card. Restricted only when name and ID both match a listed person.',
    }),
    scope: z.enum(SCOPES),
  })
  .check(
    z.refine((q) => q.subjectType !== 'enterprise' || (q.creditCode !== undefined && q.residentId === undefined), {
      message: '查询企业须提供 creditCode（且不带 residentId）',
      path: ['creditCode'],
    }),
    z.refine((q) => q.subjectType !== 'enterprise' || q.name === undefined, {
      message: '查询企业以统一社会信用代码为准，不带 name',
      path: ['name'],
    }),
    z.refine((q) => q.subjectType !== 'person' || (q.residentId !== undefined && q.creditCode === undefined), {
      message: '查询个人须提供 residentId（且不带 creditCode）',
      path: ['residentId'],
    }),
    z.refine((q) => q.subjectType !== 'person' || q.name !== undefined, {
      message: '查询个人须同时提供姓名 name',
      path: ['name'],
    }),
  );

export const checkLogQuery = z
  .extend(pageQuery, {
    ...dateWindow,
    caller: describe(z.optional(text(128)), { description: 'The `sub` of one caller.' }),
    jurisdiction: z.optional(jurisdictionSchema),
  })
  .check(fromNotAfterTo);

/* Responses (for the OpenAPI document) */
const groundSchema = z.object({ code: z.string(), name: z.string(), basis: z.string() });
const objectionSchema = z.object({
  objectionId: z.string(),
  receivedOn: z.string(),
  content: z.string(),
  recordedBy: actorSchema,
  recordedAt: z.string(),
  answer: z.optional(z.object({ text: z.string(), upheld: z.boolean(), by: actorSchema, at: z.string() })),
});
const sourceSchema = describe(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('credit'), date: z.string(), tier: z.string(), reasons: z.array(z.string()) }),
    z.object({ kind: z.literal('manual'), note: z.optional(z.string()) }),
  ]),
  { description: 'What put the subject up: the credit classification (a D tier), or a person’s proposal.' },
);
export const entrySchema = z.object({
  entryId: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectName: z.string(),
  creditCode: z.string(),
  enterpriseName: z.string(),
  person: z.optional(
    z.object({ personId: z.string(), role: z.string(), roleLabel: z.string(), residentIdMasked: z.string() }),
  ),
  mineId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  grounds: z.array(groundSchema),
  scopes: z.array(z.enum(SCOPES)),
  status: z.enum(BLACKLIST_STATUSES),
  statusLabel: z.string(),
  source: sourceSchema,
  proposedBy: actorSchema,
  proposedAt: z.string(),
  notice: z.optional(
    z.object({
      servedOn: z.string(),
      noticeNo: z.optional(z.string()),
      objectionDeadline: z.string(),
      servedBy: actorSchema,
    }),
  ),
  objections: z.array(objectionSchema),
  reviewSubmittedBy: z.optional(actorSchema),
  decisionNo: z.optional(z.string()),
  listedOn: z.optional(z.string()),
  endsOn: z.optional(z.string()),
  removalRequest: z.optional(
    z.object({ reason: z.string(), evidence: z.array(z.string()), requestedBy: actorSchema, requestedAt: z.string() }),
  ),
  removedOn: z.optional(z.string()),
  revocationRequest: z.optional(
    z.object({ reason: z.string(), evidence: z.array(z.string()), requestedBy: actorSchema, requestedAt: z.string() }),
  ),
  expiredOn: z.optional(z.string()),
  steps: z.array(stepSchema),
  version: z.number(),
  updatedAt: z.string(),
});
export const publicEntrySchema = z.object({
  entryId: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  name: z.string(),
  creditCode: z.optional(z.string()),
  residentIdMasked: z.optional(z.string()),
  grounds: z.array(groundSchema),
  decisionNo: z.string(),
  listedOn: z.string(),
  endsOn: z.string(),
  restrictions: z.array(z.string()),
});
export const checkSchema = z.object({
  checkId: describe(z.string(), { description: 'The record of this check, which the bureau keeps.' }),
  restricted: z.boolean(),
  subjectType: z.enum(SUBJECT_TYPES),
  scope: z.enum(SCOPES),
  checkedOn: z.string(),
  entries: z.array(publicEntrySchema),
});
export const checkRecordSchema = z.object({
  checkId: z.string(),
  at: z.string(),
  checkedOn: z.string(),
  caller: describe(
    z.object({
      sub: z.string(),
      role: z.string(),
      name: describe(z.optional(z.string()), { description: 'As the token names it: a partner’s department.' }),
      jurisdiction: describe(z.optional(z.string()), { description: 'A bureau caller’s.' }),
    }),
    { description: 'Who asked.' },
  ),
  subjectType: z.enum(SUBJECT_TYPES),
  scope: z.enum(SCOPES),
  subjectName: describe(z.optional(z.string()), { description: 'A person check: the name asked about.' }),
  residentIdMasked: describe(z.optional(z.string()), {
    description: 'A person check: the ID asked about, digits 7–14 hidden.',
  }),
  creditCode: describe(z.optional(z.string()), { description: 'An enterprise check.' }),
  restricted: describe(z.boolean(), { description: 'The answer given.' }),
  entryIds: describe(z.array(z.string()), {
    description: 'This jurisdiction’s entries that made the answer "restricted".',
  }),
  jurisdiction: describe(z.string(), { description: 'The jurisdiction whose listed subject the check was about.' }),
});
export const groundsSchema = z.object({
  items: z.array(groundSchema),
  scopes: z.array(z.object({ code: z.string(), label: z.string() })),
});

/* The mine's side of a notice (事先告知) */
export const mineNoticeParams = z.object({ mineId: idSchema, entryId: idSchema });
export const mineObjectionBody = z.strictObject({
  content: describe(text(4000), { description: 'The mine’s statement and defence (陈述申辩), in its own words.' }),
  version: describe(z.number().check(z.int(), z.minimum(1)), { description: 'The notice’s version as read.' }),
});
export const mineNoticeSchema = z.object({
  entryId: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectName: z.string(),
  personRole: z.optional(z.string()),
  residentIdMasked: z.optional(z.string()),
  grounds: z.array(groundSchema),
  noticeNo: z.optional(z.string()),
  servedOn: z.string(),
  objectionDeadline: z.string(),
  daysLeft: describe(z.number(), { description: 'Days left to object, today included; 0 or less once closed.' }),
  objections: z.array(objectionSchema),
  version: z.number(),
});
export const mineNoticeListSchema = z.object({ items: z.array(mineNoticeSchema) });
