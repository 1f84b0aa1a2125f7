import { defineRoute } from '#lib/http/route-spec.ts';
import { listOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';
import {
  challengeQuery,
  challengeSchema,
  codeParams,
  confirmFileBody,
  filedSchema,
  fileTipoffBody,
  publicDistrictSchema,
  publicDistrictsQuery,
  publicFileSchema,
  publicMineSchema,
  publicMinesQuery,
  publicTipoffSchema,
} from '#lib/tipoffs/schemas.ts';
import { PUBLIC_TIPOFF_WRITES } from '#lib/tipoffs/tipoff-item.ts';

const tag = 'public';

/**
 * 我要举报: anyone reports without an account. Each source (a keyed hash of its address) may file the policy's
 * number of reports an hour (429 with Retry-After past it), and every report carries a solved proof-of-work challenge
 * (single use, ten minutes).
 */
export const publicTipoffRoutes = [
  defineRoute({
    operationId: 'getTipoffChallenge',
    method: 'GET',
    path: '/v1/public/tipoffs/challenge',
    roles: 'public',
    tag,
    summary:
      '举报验证题 (a proof-of-work challenge: find a nonce so that SHA-256(challenge‖nonce) has `difficulty` leading zero bits)',
    query: challengeQuery,
    response: challengeSchema,
    publicWrites: PUBLIC_TIPOFF_WRITES,
    quota: 'the tip-off policy’s per-source rate × 5 per hour',
  }),
  defineRoute({
    operationId: 'listTipoffMines',
    method: 'GET',
    path: '/v1/public/tipoffs/mines',
    roles: 'public',
    tag,
    summary: '可举报的煤矿 (the jurisdiction’s mines: id and name only)',
    query: publicMinesQuery,
    response: listOf(publicMineSchema),
  }),
  defineRoute({
    operationId: 'fileTipoff',
    method: 'POST',
    path: '/v1/public/tipoffs',
    roles: 'public',
    tag,
    summary: '提交举报 (answers the tracking code, and an upload form per declared file)',
    description:
      'A wrong, expired or reused proof → 400; past the per-source rate → 429 with Retry-After; a field or file over its limit → 400.',
    body: fileTipoffBody,
    status: 201,
    response: filedSchema,
    publicWrites: PUBLIC_TIPOFF_WRITES,
    quota: 'the tip-off policy’s per-source rate per hour',
  }),
  defineRoute({
    operationId: 'listTipoffDistricts',
    method: 'GET',
    path: '/v1/public/tipoffs/districts',
    roles: 'public',
    tag,
    summary: '受理举报的辖区 (one level of the jurisdictions with mines: the top level, or those under `under`)',
    query: publicDistrictsQuery,
    response: listOf(publicDistrictSchema),
  }),
  defineRoute({
    operationId: 'confirmTipoffFile',
    method: 'POST',
    path: '/v1/public/tipoffs/uploads/confirm',
    roles: 'public',
    tag,
    summary: '确认附件已上传 (the stored file is read back: size, type, SHA-256; then recorded as received)',
    description:
      'Takes the tracking code, the file’s index and the upload token answered with the forms: a wrong or expired token, or another report’s → 404; a stored file that is not the declared one → 422.',
    body: confirmFileBody,
    response: publicFileSchema,
    publicWrites: PUBLIC_TIPOFF_WRITES,
    quota: 'the tip-off policy’s per-source rate × 10 per hour',
  }),
  defineRoute({
    operationId: 'checkTipoff',
    method: 'GET',
    path: '/v1/public/tipoffs/by-code/{code}',
    roles: 'public',
    tag,
    summary: '举报查询 (the state and the bureau’s public answer, by the tracking code)',
    params: codeParams,
    response: publicTipoffSchema,
  }),
] as const;

/**
 * What this module's function may do in AWS: write only its own partitions (the tip-off and its contact, the code
 * pointer, the challenges, the per-source counters) and read the policy (JUR#) and the jurisdiction's mine list.
 * The keyed hash of the source address needs the PII key.
 */
export const publicTipoffsNeeds: FunctionNeeds = {
  table: {
    access: 'read-write',
    indexes: ['GSI1'],
    leadingKeys: [...PUBLIC_TIPOFF_WRITES, 'JUR#', 'MINES#', 'JURISDICTIONS'],
  },
  secrets: ['pii-hash-key'],
};
