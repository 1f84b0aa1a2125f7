import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { describe, idSchema, text } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { EVIDENCE_RECORD_KINDS, EVIDENCE_STEPS, EVIDENCE_TYPE_NAMES, MAX_EVIDENCE_BYTES } from './vocabulary.ts';

/** Request and response shapes of evidence files (证据材料). */
export const evidenceRecordParams = z.object({
  mineId: idSchema,
  recordKind: z.enum(EVIDENCE_RECORD_KINDS, { error: `recordKind 须为 ${EVIDENCE_RECORD_KINDS.join(', ')} 之一` }),
  recordId: describe(
    z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '只能包含小写字母、数字、下划线和连字符，2–64 个字符')),
    { description: 'The record’s id; for a periodic duty, its type (e.g. gas_grade_appraisal).' },
  ),
});
export const uploadParams = z.extend(evidenceRecordParams, { uploadId: idSchema });
export const attachmentParams = z.extend(evidenceRecordParams, { attachmentId: idSchema });

const sha256 = describe(
  z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[0-9a-f]{64}$/, 'SHA-256 须为 64 位十六进制数')),
  { description: 'SHA-256 of the file as the browser read it (hex); the API checks the stored file against it.' },
);

export const requestUploadBody = z.strictObject({
  step: describe(z.enum(EVIDENCE_STEPS, { error: `step 须为 ${EVIDENCE_STEPS.join(', ')} 之一` }), {
    description: 'The step of the record the file belongs to (hazard: found, rectified, verified; …).',
  }),
  fileName: describe(
    text(200).check(
      z.refine((n) => ![...n].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 32), {
        message: '文件名不能包含 / \\ 或控制字符',
      }),
    ),
    { description: 'The file’s own name, kept for the download.' },
  ),
  contentType: describe(
    z.enum(EVIDENCE_TYPE_NAMES, {
      error: '只接受照片（JPEG、PNG、HEIC）、PDF 和 Office 文件',
    }),
    { description: 'The file’s media type; the upload form only takes this type.' },
  ),
  size: describe(
    z
      .number()
      .check(
        z.int(),
        z.minimum(1, '文件不能为空'),
        z.maximum(MAX_EVIDENCE_BYTES, `文件不能超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`),
      ),
    { description: 'Bytes; the upload form only takes a file of exactly this size.' },
  ),
  sha256,
  caption: z.optional(text(200)),
});

export const uploadTicketSchema = z.object({
  uploadId: z.string(),
  key: describe(z.string(), { description: 'Where the file is stored: under the mine’s prefix.' }),
  url: describe(z.string(), { description: 'POST the form here (multipart/form-data): the fields, then `file`.' }),
  fields: z.record(z.string(), z.string()),
  expiresAt: describe(z.string(), { description: 'The form is refused after this time; ask for a new one.' }),
});

export const attachmentSchema = z.object({
  attachmentId: z.string(),
  mineId: z.string(),
  recordKind: z.enum(EVIDENCE_RECORD_KINDS),
  recordId: z.string(),
  step: z.string(),
  stepLabel: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: describe(z.string(), { description: 'SHA-256 of the stored file, read back by the API when it was added.' }),
  versionId: z.optional(z.string()),
  caption: z.optional(z.string()),
  source: describe(z.enum(['mine', 'bureau']), { description: 'Who supplied it: the mine itself or the bureau.' }),
  uploadedBy: actorSchema,
  uploadedAt: z.string(),
});

export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

export const downloadLinkSchema = z.object({
  url: describe(z.string(), { description: 'A link to this very version of the file; valid for a few minutes.' }),
  expiresAt: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});
