import { MINE_READERS } from '#lib/auth/role-groups.ts';
import {
  attachmentListSchema,
  attachmentParams,
  attachmentSchema,
  downloadLinkSchema,
  evidenceRecordParams,
  requestUploadBody,
  uploadParams,
  uploadTicketSchema,
} from '#lib/evidence/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'evidence';
const RECORD = '/v1/mines/{mineId}/evidence/{recordKind}/{recordId}';

/**
 * Evidence files of a record. Anyone who may read the record reads its files; who may add a file depends on the
 * record and its step (the inspector's findings, the mine's rectification, …), checked before the upload form is
 * given and again when the upload is completed.
 */
export const evidenceRoutes = [
  defineRoute({
    operationId: 'requestEvidenceUpload',
    method: 'POST',
    path: `${RECORD}/uploads`,
    roles: MINE_READERS,
    tag,
    summary: '申请上传证据文件 (a presigned POST form for one file)',
    description:
      'The form’s policy fixes the key (under the mine’s prefix), the type and the exact size; it works for 15 minutes. POST the fields, then the file, to `url`; then complete the upload. A step the caller may not add files to → 403.',
    params: evidenceRecordParams,
    body: requestUploadBody,
    status: 201,
    response: uploadTicketSchema,
  }),
  defineRoute({
    operationId: 'completeEvidenceUpload',
    method: 'POST',
    path: `${RECORD}/uploads/{uploadId}/complete`,
    roles: MINE_READERS,
    tag,
    summary: '登记已上传的证据文件 (check the stored file and record it)',
    description:
      'The API reads the stored file back: its size, type and SHA-256 must be what was declared (422 naming each that is not). Recorded once, with its audit event; the upload is then used up (completing it again → 404).',
    params: uploadParams,
    status: 201,
    response: attachmentSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listEvidence',
    method: 'GET',
    path: RECORD,
    roles: MINE_READERS,
    tag,
    summary: '记录的证据材料 (the files of a record, in the order they were added)',
    params: evidenceRecordParams,
    response: attachmentListSchema,
  }),
  defineRoute({
    operationId: 'downloadEvidence',
    method: 'GET',
    path: `${RECORD}/files/{attachmentId}`,
    roles: MINE_READERS,
    tag,
    summary: '下载证据文件 (a link valid for 5 minutes to the very version that was checked)',
    params: attachmentParams,
    response: downloadLinkSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const evidenceNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  sendsTo: [notificationsQueue.name],
};
