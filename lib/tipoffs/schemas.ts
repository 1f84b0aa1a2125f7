import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  auditEventSchema,
  businessDateSchema,
  describe,
  idSchema,
  jurisdictionSchema,
  mobileSchema,
  pageQuery,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { userIdSchema } from '#lib/users/schemas.ts';
import {
  CONCEALED_ACCIDENT_LEVELS,
  REWARD_STATUSES,
  TIPOFF_FILE_TYPES,
  TIPOFF_FINDINGS,
  TIPOFF_LIMITS,
  TIPOFF_STATUSES,
  TIPOFF_SUBJECTS,
  type TipoffFileType,
} from './vocabulary.ts';

/** Request and response shapes of tip-offs (举报): the visitor's and the bureau's. */
const L = TIPOFF_LIMITS;
const FILE_TYPES = Object.keys(TIPOFF_FILE_TYPES) as [TipoffFileType, ...TipoffFileType[]];

export const trackingCodeSchema = describe(
  z.string().check(z.regex(/^[2-9A-HJKMNP-Z]{24}$/, '查询码为 24 位字母数字')),
  {
    description: 'The tracking code the report was answered with (24 characters).',
  },
);
export const tipoffIdParams = z.object({ tipoffId: idSchema });
export const codeParams = z.object({ code: trackingCodeSchema });

export const challengeQuery = z.strictObject({ jurisdiction: jurisdictionSchema });
export const challengeSchema = z.object({
  challenge: z.string(),
  difficulty: describe(z.number(), { description: 'Leading zero bits SHA-256(challenge ‖ nonce) must have.' }),
  expiresAt: z.string(),
});

export const publicMinesQuery = z.strictObject({ jurisdiction: jurisdictionSchema });
export const publicMineSchema = z.object({ mineId: z.string(), name: z.string() });

const fileSchema = z.strictObject({
  fileName: text(L.fileName),
  contentType: z.enum(FILE_TYPES),
  size: z
    .number()
    .check(z.int(), z.minimum(1), z.maximum(L.maxFileBytes, `文件不能超过 ${L.maxFileBytes / 1024 / 1024} MB`)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'SHA-256 为 64 位十六进制')),
});

export const fileTipoffBody = z.strictObject({
  jurisdiction: jurisdictionSchema,
  mineId: z.optional(idSchema),
  mineName: z.optional(text(L.mineName)),
  subject: z.enum(TIPOFF_SUBJECTS),
  what: text(L.what),
  when: text(L.when),
  where: text(L.where),
  files: z._default(z.array(fileSchema).check(z.maxLength(L.maxFiles, `最多 ${L.maxFiles} 个文件`)), []),
  contact: z.optional(z.strictObject({ name: z.optional(text(L.contactName)), mobile: mobileSchema })),
  staffOrRelative: describe(z.boolean(), {
    description: 'The reporter is supervision staff or a close relative of one (no reward then).',
  }),
  proof: z.strictObject({
    challenge: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
    nonce: z.string().check(z.maxLength(32)),
  }),
});

export const filedSchema = z.object({
  code: trackingCodeSchema,
  uploads: z.array(z.object({ index: z.number(), url: z.string(), fields: z.record(z.string(), z.string()) })),
  uploadToken: describe(z.optional(z.string()), {
    description:
      'With files: confirms each upload (POST /v1/public/tipoffs/uploads/confirm); valid as long as the forms.',
  }),
});

export const uploadTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, '上传凭证格式不正确'));
/** The code, the file and the upload token in the body: none of them in a URL that access logs keep. */
export const confirmFileBody = z.strictObject({
  code: trackingCodeSchema,
  index: z.number().check(z.int(), z.minimum(0), z.maximum(L.maxFiles - 1)),
  uploadToken: uploadTokenSchema,
});
export const publicFileSchema = z.object({ index: z.number(), fileName: z.string(), received: z.boolean() });

export const publicDistrictsQuery = z.strictObject({
  under: z.optional(
    describe(jurisdictionSchema, {
      description: 'The level whose jurisdictions are listed (a province, a city); the top level without it.',
    }),
  ),
});
export const publicDistrictSchema = z.object({
  jurisdiction: z.string(),
  name: describe(z.string(), { description: 'Its own name (东山区); its path until it is named.' }),
  fullName: describe(z.string(), {
    description: 'Its name with the levels above it (黑龙江省鹤岗市东山区); its own name until they are all named.',
  }),
  takesReports: describe(z.boolean(), { description: 'It has mines of its own: a report may be filed to it.' }),
  more: describe(z.boolean(), { description: 'Jurisdictions with mines lie below it: list them with `under`.' }),
});

export const tipoffFileParams = z.object({
  tipoffId: idSchema,
  index: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(L.maxFiles - 1)),
});
export const tipoffFileLinkSchema = z.object({
  url: describe(z.string(), { description: 'A link to the checked version of the file; valid for 5 minutes.' }),
  expiresAt: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** What the reporter reads with the code: the state and the bureau's public answer, nothing else. */
export const publicTipoffSchema = z.object({
  status: z.enum(TIPOFF_STATUSES),
  statusLabel: z.string(),
  receivedAt: z.string(),
  publicAnswer: z.optional(z.string()),
  findingLabel: z.optional(z.string()),
  files: z.optional(z.array(publicFileSchema)),
});

const rewardSchema = z.object({
  status: z.enum(REWARD_STATUSES),
  statusLabel: z.string(),
  subject: z.enum(TIPOFF_SUBJECTS),
  penaltyId: z.optional(z.string()),
  fineYuan: z.optional(z.number()),
  level: z.optional(z.enum(CONCEALED_ACCIDENT_LEVELS)),
  deaths: z.optional(z.number()),
  amountYuan: z.number(),
  proposedBy: actorSchema,
  proposedAt: z.string(),
  approvedBy: z.optional(actorSchema),
  approvedAt: z.optional(z.string()),
  paidOn: z.optional(z.string()),
  paidAmountYuan: z.optional(z.number()),
  paidBy: z.optional(actorSchema),
});

export const tipoffSchema = z.object({
  tipoffId: z.string(),
  jurisdiction: z.string(),
  mineId: z.optional(z.string()),
  mineName: z.string(),
  subject: z.enum(TIPOFF_SUBJECTS),
  subjectLabel: z.string(),
  what: z.string(),
  when: z.string(),
  where: z.string(),
  files: z.array(
    z.object({
      index: z.number(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      received: describe(z.boolean(), { description: 'Uploaded and confirmed, its bytes checked; else not received.' }),
      receivedAt: z.optional(z.string()),
    }),
  ),
  hasContact: z.boolean(),
  staffOrRelative: z.boolean(),
  status: z.enum(TIPOFF_STATUSES),
  statusLabel: z.string(),
  receivedAt: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  duplicateOf: z.optional(z.string()),
  triageNote: z.optional(z.string()),
  handlers: z.array(z.object({ userId: z.string(), name: z.string() })),
  links: z.object({
    inspections: z.array(z.string()),
    cases: z.array(z.string()),
    violations: z.array(z.string()),
    penalties: z.array(z.string()),
  }),
  finding: z.optional(z.enum(TIPOFF_FINDINGS)),
  findingLabel: z.optional(z.string()),
  concludedAt: z.optional(z.string()),
  publicAnswer: z.optional(z.string()),
  reward: z.optional(rewardSchema),
  version: z.number(),
  updatedAt: z.string(),
});

export const tipoffDetailSchema = z.object({
  ...tipoffSchema.shape,
  history: z.array(auditEventSchema),
  mayRevealContact: z.boolean(),
});

export const listTipoffsQuery = z.extend(pageQuery, { status: z.optional(z.enum(TIPOFF_STATUSES)) });

const answer = describe(text(1000), { description: 'The answer the reporter reads with the code.' });

export const triageBody = z.strictObject({
  version: versionSchema,
  decision: z.enum(['accept', 'not_in_scope', 'duplicate']),
  duplicateOf: z.optional(idSchema),
  mineId: z.optional(idSchema),
  note: z.optional(text(500)),
  publicAnswer: z.optional(answer),
});

export const assignBody = z.strictObject({
  version: versionSchema,
  handlers: z.array(userIdSchema).check(z.minLength(1), z.maxLength(5)),
});

export const linkBody = z.strictObject({
  version: versionSchema,
  kind: z.enum(['inspections', 'cases', 'violations', 'penalties']),
  id: idSchema,
});

export const concludeBody = z.strictObject({
  version: versionSchema,
  finding: z.enum(TIPOFF_FINDINGS),
  publicAnswer: answer,
});

export const proposeRewardBody = z.union([
  z.strictObject({
    version: versionSchema,
    subject: z.enum(['major_hazard', 'illegal_production']),
    penaltyId: describe(idSchema, { description: 'The fine (罚款) the reward is a share of.' }),
  }),
  z.strictObject({
    version: versionSchema,
    subject: z.literal('accident_concealment'),
    level: z.enum(CONCEALED_ACCIDENT_LEVELS),
    deaths: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  }),
]);

export const approveRewardBody = z.strictObject({ version: versionSchema });
export const payRewardBody = z.strictObject({
  version: versionSchema,
  paidOn: businessDateSchema,
  amountYuan: z.number().check(z.int(), z.minimum(1), z.maximum(10_000_000)),
});

export const contactSchema = z.object({ name: z.optional(z.string()), mobile: z.string() });
