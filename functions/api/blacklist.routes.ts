import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { blacklistPolicy } from '#lib/blacklist/blacklist-policy.ts';
import {
  checkQuery,
  checkSchema,
  entryActionBody,
  entryIdParams,
  entrySchema,
  groundsSchema,
  listEntriesQuery,
  proposeEntryBody,
} from '#lib/blacklist/schemas.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { pageOf } from '#lib/schemas/primitives.ts';

const tag = 'blacklist';

export const blacklistRoutes = [
  defineRoute({
    operationId: 'listBlacklistGrounds',
    method: 'GET',
    path: '/v1/blacklist-grounds',
    roles: ANY_BUREAU,
    tag,
    summary: '列入事由及法律依据、限制范围 (grounds with their legal basis; scopes)',
    response: groundsSchema,
  }),
  defineRoute({
    operationId: 'proposeBlacklistEntry',
    method: 'POST',
    path: '/v1/blacklist',
    roles: ['bureau_admin', 'inspector'],
    tag,
    summary: '拟列入严重失信主体名单 (an enterprise, or a registered key person of a mine)',
    description: 'One open entry per subject: a second proposal while one is proposed or listed is a 409.',
    body: proposeEntryBody,
    status: 201,
    response: entrySchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listBlacklistEntries',
    method: 'GET',
    path: '/v1/blacklist',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区名单记录 (filter status, subjectType, mineId)',
    query: listEntriesQuery,
    response: pageOf(entrySchema),
  }),
  defineRoute({
    operationId: 'checkBlacklist',
    method: 'GET',
    path: '/v1/blacklist/check',
    roles: ['partner_dept', 'bureau_admin', 'inspector', 'legal_reviewer'],
    tag,
    summary: '联合惩戒查询：主体是否在限制范围内 (restricted yes/no, with the entries and their basis)',
    description:
      'subjectType=enterprise&creditCode=… or subjectType=person&residentId=…, and scope. The resident ID is neither stored nor returned.',
    query: checkQuery,
    response: checkSchema,
  }),
  defineRoute({
    operationId: 'getBlacklistEntry',
    method: 'GET',
    path: '/v1/blacklist/{entryId}',
    roles: ANY_BUREAU,
    tag,
    summary: '一条名单记录及其全过程 (one entry with its history)',
    params: entryIdParams,
    response: entrySchema,
  }),
  defineRoute({
    operationId: 'actOnBlacklistEntry',
    method: 'POST',
    path: '/v1/blacklist/{entryId}/actions',
    roles: ANY_BUREAU,
    tag,
    summary:
      '办理名单记录 (serve_notice, record_objection, answer_objection, submit_review, approve, reject, withdraw, request_removal, approve_removal, reject_removal, revoke_removal)',
    description:
      'Wrong state or wrong person → 422: approvals are a legal reviewer’s who is not the proposer (or the removal’s requester).',
    params: entryIdParams,
    body: entryActionBody,
    response: entrySchema,
  }),
  defineRoute({
    operationId: 'getBlacklistPolicy',
    method: 'GET',
    path: '/v1/policies/blacklist',
    roles: ANY_BUREAU,
    tag: 'policies',
    summary: '名单管理期限与通报部门 (listing terms in force for your jurisdiction)',
    response: blacklistPolicy.viewSchema,
  }),
  defineRoute({
    operationId: 'putBlacklistPolicy',
    method: 'PUT',
    path: '/v1/policies/blacklist',
    roles: ADMIN_ONLY,
    tag: 'policies',
    summary: '设定名单管理期限与通报部门 (a new version for your jurisdiction)',
    body: blacklistPolicy.changeSchema,
    response: blacklistPolicy.viewSchema,
  }),
] as const;
