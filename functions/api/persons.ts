import { apiHandler } from '#lib/http/api-handler.ts';
import { personFile } from '#lib/persons/person-file.ts';
import {
  decideCertificate,
  getCertificate,
  listCertificates,
  registerCertificate,
} from '#lib/registry/certificates.ts';
import { personRoutes } from './persons.routes.ts';

/** A key person's file across mines, and the certificates of a mine's safety managers and special-operations workers. */
export const handler = apiHandler(personRoutes, {
  getPersonFile: async ({ store, params }) => ({ body: await personFile(store, params.mineId, params.personId) }),
  listCertificates: async ({ store, params }) => ({
    body: { items: await listCertificates(store, params.mineId) },
  }),
  registerCertificate: async ({ store, params, body }) => ({
    status: 201,
    body: await registerCertificate(store, params.mineId, body),
  }),
  getCertificate: async ({ store, params }) => ({
    body: await getCertificate(store, params.mineId, params.certificateId),
  }),
  approveCertificate: async ({ store, params, body }) => ({
    body: await decideCertificate(store, params.mineId, params.certificateId, 'approve', body),
  }),
  rejectCertificate: async ({ store, params, body }) => ({
    body: await decideCertificate(store, params.mineId, params.certificateId, 'reject', body),
  }),
});
