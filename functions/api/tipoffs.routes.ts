import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';
import {
  approveRewardBody,
  assignBody,
  concludeBody,
  contactSchema,
  linkBody,
  listTipoffsQuery,
  payRewardBody,
  proposeRewardBody,
  tipoffDetailSchema,
  tipoffFileLinkSchema,
  tipoffFileParams,
  tipoffIdParams,
  tipoffSchema,
  triageBody,
} from '#lib/tipoffs/schemas.ts';
import { tipoffPolicy } from '#lib/tipoffs/tipoff-policy.ts';

const tag = 'tipoffs';
/** Who triages a report. */
const TRIAGERS: readonly Role[] = ['bureau_admin', 'inspector'];
/** Who may work on a report: the lib admits its assigned handlers (any bureau role) and the admin only. */
const HANDLERS: readonly Role[] = ANY_BUREAU;

/** 举报处理: the bureau's side. No route answers the reporter's contact but `contact`, to an assigned handler. */
export const tipoffRoutes = [
  defineRoute({
    operationId: 'listTipoffs',
    method: 'GET',
    path: '/v1/tipoffs',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区举报 (newest first; filter status; never the reporter’s contact)',
    query: listTipoffsQuery,
    response: pageOf(tipoffSchema),
  }),
  defineRoute({
    operationId: 'getTipoff',
    method: 'GET',
    path: '/v1/tipoffs/{tipoffId}',
    roles: ANY_BUREAU,
    tag,
    summary: '一件举报 (with its history; never the reporter’s contact)',
    params: tipoffIdParams,
    response: tipoffDetailSchema,
  }),
  defineRoute({
    operationId: 'triageTipoff',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/triage',
    roles: TRIAGERS,
    tag,
    summary: '受理审查 (accept / not_in_scope / duplicate of another; may set the mine)',
    params: tipoffIdParams,
    body: triageBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'assignTipoff',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/assign',
    roles: ADMIN_ONLY,
    tag,
    summary: '指派承办人 (bureau users of the jurisdiction)',
    params: tipoffIdParams,
    body: assignBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'linkTipoffRecord',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/links',
    roles: HANDLERS,
    tag,
    summary: '关联核查记录 (an inspection, case, violation or penalty of the reported mine)',
    params: tipoffIdParams,
    body: linkBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'concludeTipoff',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/conclude',
    roles: HANDLERS,
    tag,
    summary: '办结 (属实 / 部分属实 / 不属实, with the answer the reporter reads)',
    params: tipoffIdParams,
    body: concludeBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'proposeTipoffReward',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/reward',
    roles: HANDLERS,
    tag,
    summary: '提出奖励 (by the scale: a share of the fine, or per concealed death)',
    description:
      'A founded or partly founded report only; none for a reporter who declared being supervision staff or a relative (422).',
    params: tipoffIdParams,
    body: proposeRewardBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'approveTipoffReward',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/reward/approve',
    roles: ['legal_reviewer'],
    tag,
    summary: '审核奖励 (a legal reviewer who did not propose it; the proposer → 403)',
    params: tipoffIdParams,
    body: approveRewardBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'payTipoffReward',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/reward/paid',
    roles: ADMIN_ONLY,
    tag,
    summary: '登记奖励发放 (date, amount)',
    params: tipoffIdParams,
    body: payRewardBody,
    response: tipoffSchema,
  }),
  defineRoute({
    operationId: 'revealTipoffContact',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/contact',
    roles: ANY_BUREAU,
    tag,
    summary: '查看举报人联系方式 (assigned handlers only; each reading audited)',
    params: tipoffIdParams,
    response: contactSchema,
  }),
  defineRoute({
    operationId: 'downloadTipoffFile',
    method: 'POST',
    path: '/v1/tipoffs/{tipoffId}/files/{index}/download',
    roles: ANY_BUREAU,
    tag,
    summary: '下载举报附件 (assigned handlers and the admin; a 5-minute link to the checked version; audited)',
    description: 'Another bureau user of the jurisdiction → 403; a file never confirmed by the reporter → 422.',
    params: tipoffFileParams,
    response: tipoffFileLinkSchema,
  }),
  ...policyRoutes(tipoffPolicy, {
    id: 'Tipoff',
    tag: 'policies',
    summary: '举报办理期限、防刷与奖励标准 (in force for your jurisdiction)',
    putSummary: '设定举报办理期限、防刷与奖励标准 (a new version for your jurisdiction)',
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const tipoffsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
