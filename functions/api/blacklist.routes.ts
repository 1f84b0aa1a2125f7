import { ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { blacklistPolicy } from '#lib/blacklist/blacklist-policy.ts';
import {
  checkLogQuery,
  checkQuery,
  checkRecordSchema,
  checkSchema,
  entryActionBody,
  entryIdParams,
  entrySchema,
  groundsSchema,
  listEntriesQuery,
  mineNoticeListSchema,
  mineNoticeParams,
  mineNoticeSchema,
  mineObjectionBody,
  proposeEntryBody,
} from '#lib/blacklist/schemas.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { notificationsQueue } from '#lib/queue/queues.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

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
      'subjectType=enterprise&creditCode=…, or subjectType=person&name=…&residentId=…; and scope. A person is restricted only when name and ID both match a listed person; any mismatch answers as for a person not listed. The resident ID is neither stored nor returned. Every check is recorded (who, about whom with the ID masked, scope, answer, when) for the bureau whose listed subject it names. Person checks are limited per caller and hour (the blacklist policy’s personChecksPerHour, 60 by default): past it, 429 with Retry-After (seconds to the next hour).',
    query: checkQuery,
    response: checkSchema,
    quota: 'person checks per caller and hour (the blacklist policy’s personChecksPerHour, 60 by default)',
  }),
  defineRoute({
    operationId: 'listBlacklistChecks',
    method: 'GET',
    path: '/v1/blacklist-checks',
    roles: ANY_BUREAU,
    tag,
    summary: '联合惩戒查询记录：谁查询了本辖区名单主体 (the checks about subjects listed in your jurisdiction)',
    description:
      'Newest first within each jurisdiction; filter by day (from, to) and by caller (sub). A check is filed with the jurisdiction of every listed entry it named: the subject’s own, and, for a person, every listed person whose masked ID is the one asked about (so guesses at a listed person’s birth date show here). IDs masked.',
    query: checkLogQuery,
    response: pageOf(checkRecordSchema),
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
      '办理名单记录 (serve_notice, record_objection, answer_objection, submit_review, approve, reject, withdraw, request_removal, approve_removal, reject_removal, revoke_removal, approve_revocation, reject_revocation)',
    description:
      'Wrong state or wrong person → 422: approvals are a legal reviewer’s who is not the proposer (or the removal’s requester). Revoking an early removal takes two signatures: revoke_removal proposes it with the evidence of forgery and changes nothing yet; approve_revocation by a legal reviewer who did not propose it lists the entry again to its original end (reject_revocation, with a reason, leaves it removed).',
    params: entryIdParams,
    body: entryActionBody,
    response: entrySchema,
  }),
  defineRoute({
    operationId: 'listMineBlacklistNotices',
    method: 'GET',
    path: '/v1/mines/{mineId}/blacklist-notices',
    roles: MINE_READERS,
    tag,
    summary: '本矿收到的失信名单告知 (notices served on the mine or its key persons, still open to objection)',
    description:
      'Only entries whose notice (事先告知书) was served and that have not gone to legal review: the mine sees the grounds, the deadline to object and the objections so far; never an entry before its notice, nor a person’s ID beyond its masked form.',
    params: mineIdParams,
    response: mineNoticeListSchema,
  }),
  defineRoute({
    operationId: 'objectToBlacklistNotice',
    method: 'POST',
    path: '/v1/mines/{mineId}/blacklist-notices/{entryId}/objections',
    roles: ['mine_user'],
    tag,
    summary: '煤矿提出陈述申辩 (the mine’s own objection, dated today, within the window)',
    description:
      'Recorded as the mine user’s objection on the entry, beside those the bureau records; after the deadline → 422; a stale version → 409. Evidence goes on the entry’s `objection` step (/v1/mines/{mineId}/evidence/blacklist/{entryId}).',
    params: mineNoticeParams,
    body: mineObjectionBody,
    status: 201,
    response: mineNoticeSchema,
    idempotent: true,
  }),
  ...policyRoutes(blacklistPolicy, {
    id: 'Blacklist',
    tag: 'policies',
    summary: '名单管理期限、通报部门与查询限额 (listing terms in force for your jurisdiction)',
    putSummary: '设定名单管理期限、通报部门与查询限额 (a new version for your jurisdiction)',
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const blacklistNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  sendsTo: [notificationsQueue.name],
  secrets: ['pii-hash-key'],
};
