import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  businessDateSchema,
  describe,
  idSchema,
  residentIdSchema,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { ofMine, stamp } from './schemas.ts';
import { CERTIFICATE_KINDS, CERTIFICATE_STATES, REGISTER_REQUEST_STATUSES, SPECIAL_OPERATIONS } from './vocabulary.ts';

/* Certificates of safety managers and special-operations workers (持证上岗). */
export const certificateBody = z
  .strictObject({
    kind: describe(z.enum(CERTIFICATE_KINDS), {
      description: 'safety_manager 安全生产管理人员 / special_operation 特种作业人员',
    }),
    operation: describe(z.optional(z.enum(SPECIAL_OPERATIONS)), {
      description: 'The operation category (特种作业类别); required for special_operation, refused for safety_manager.',
    }),
    holderName: text(50),
    residentId: residentIdSchema,
    certificateNo: text(50),
    issuedOn: businessDateSchema,
    expiresOn: businessDateSchema,
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.kind === 'special_operation' && !b.operation)
        ctx.issues.push({ code: 'custom', message: '特种作业证书须填写作业类别', path: ['operation'], input: b });
      if (b.kind === 'safety_manager' && b.operation)
        ctx.issues.push({ code: 'custom', message: '安全生产管理人员证书没有作业类别', path: ['operation'], input: b });
      if (b.expiresOn <= b.issuedOn)
        ctx.issues.push({ code: 'custom', message: '有效期至须晚于发证日期', path: ['expiresOn'], input: b });
    }),
  );
export const certificateParams = z.object({ mineId: idSchema, certificateId: idSchema });
export const approveCertificateBody = z.strictObject({ version: versionSchema, note: z.optional(text(500)) });
export const rejectCertificateBody = z.strictObject({ version: versionSchema, reason: text(500) });
export const certificateSchema = z.object({
  ...ofMine,
  mineName: z.string(),
  jurisdiction: z.string(),
  certificateId: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  kindLabel: z.string(),
  operation: z.optional(z.enum(SPECIAL_OPERATIONS)),
  operationLabel: z.optional(z.string()),
  holderName: z.string(),
  residentIdMasked: z.string(),
  certificateNo: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  status: z.enum(REGISTER_REQUEST_STATUSES),
  statusLabel: z.string(),
  state: describe(z.optional(z.enum(CERTIFICATE_STATES)), {
    description: 'For an approved certificate: valid, expiring (within the reminder window) or expired today.',
  }),
  stateLabel: z.optional(z.string()),
  daysToExpiry: z.number(),
  requestedBy: actorSchema,
  requestedAt: z.string(),
  decidedBy: z.optional(actorSchema),
  decidedAt: z.optional(z.string()),
  decisionNote: z.optional(z.string()),
  ...stamp,
});
