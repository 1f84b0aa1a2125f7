import { MINE_READERS, REGISTER_DECIDERS, REGISTER_WRITERS } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { personFileSchema } from '#lib/persons/schemas.ts';
import {
  approveCertificateBody,
  certificateBody,
  certificateParams,
  certificateSchema,
  rejectCertificateBody,
} from '#lib/registry/certificate-schemas.ts';
import { personParams } from '#lib/registry/schemas.ts';
import { listOf, mineIdParams } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

/** People are accountable: a key person's file across mines, and the certificates of the people a mine employs. */
export const personRoutes = [
  defineRoute({
    operationId: 'getPersonFile',
    method: 'GET',
    path: '/v1/mines/{mineId}/persons/{personId}/file',
    roles: MINE_READERS,
    tag: 'persons',
    summary:
      '个人档案 (what a key person was named in, across the mines you may see: records, posts, blacklist; ID masked)',
    description:
      'The person is found through this mine (its key person, or a person a record of this mine named). Items of ' +
      'mines outside your scope are left out; a mine outside it → 404.',
    params: personParams,
    response: personFileSchema,
  }),
  defineRoute({
    operationId: 'listCertificates',
    method: 'GET',
    path: '/v1/mines/{mineId}/certificates',
    roles: MINE_READERS,
    tag: 'certificates',
    summary: '人员证书 (safety managers’ and special-operations workers’ certificates; valid / expiring / expired)',
    params: mineIdParams,
    response: listOf(certificateSchema),
  }),
  defineRoute({
    operationId: 'registerCertificate',
    method: 'POST',
    path: '/v1/mines/{mineId}/certificates',
    roles: REGISTER_WRITERS,
    tag: 'certificates',
    summary: '登记人员证书 (a bureau user’s is on the file at once; a mine user’s waits for a bureau user’s approval)',
    description: 'special_operation needs an operation category; expiresOn after issuedOn; issuedOn not in the future.',
    params: mineIdParams,
    body: certificateBody,
    status: 201,
    response: certificateSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getCertificate',
    method: 'GET',
    path: '/v1/mines/{mineId}/certificates/{certificateId}',
    roles: MINE_READERS,
    tag: 'certificates',
    summary: '一份人员证书 (one certificate)',
    params: certificateParams,
    response: certificateSchema,
  }),
  defineRoute({
    operationId: 'approveCertificate',
    method: 'POST',
    path: '/v1/mines/{mineId}/certificates/{certificateId}/approve',
    roles: REGISTER_DECIDERS,
    tag: 'certificates',
    summary: '批准证书登记 (not by the one who asked; an expired certificate is refused)',
    params: certificateParams,
    body: approveCertificateBody,
    response: certificateSchema,
  }),
  defineRoute({
    operationId: 'rejectCertificate',
    method: 'POST',
    path: '/v1/mines/{mineId}/certificates/{certificateId}/reject',
    roles: REGISTER_DECIDERS,
    tag: 'certificates',
    summary: '驳回证书登记 (reason required)',
    params: certificateParams,
    body: rejectCertificateBody,
    response: certificateSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const personsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
