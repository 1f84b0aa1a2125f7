import { completeUpload, downloadAttachment, listAttachments, requestUpload } from '#lib/evidence/evidence.ts';
import { objectStoreFromEnv } from '#lib/files/object-store.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { evidenceRoutes } from './evidence.routes.ts';

/** Evidence files (证据材料): upload forms, completing an upload, a record's files, download links. */
export const handler = apiHandler(evidenceRoutes, {
  requestEvidenceUpload: async ({ store, params, body }) => ({
    status: 201,
    body: await requestUpload(store, objectStoreFromEnv(), params, body),
  }),
  completeEvidenceUpload: async ({ store, params }) => ({
    status: 201,
    body: await completeUpload(store, objectStoreFromEnv(), params),
  }),
  listEvidence: async ({ store, params }) => ({ body: await listAttachments(store, params) }),
  downloadEvidence: async ({ store, params }) => ({
    body: await downloadAttachment(store, objectStoreFromEnv(), params),
  }),
});
