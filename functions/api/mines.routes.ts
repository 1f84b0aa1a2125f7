import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ADMIN_ONLY, ADMIN_OR_OWN_MINE, MINE_READERS, REGISTER_DECIDERS } from '#lib/auth/role-groups.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { mineRecordSchema } from '#lib/mine-file/schemas.ts';
import { mineMoveQueue, notificationsQueue } from '#lib/queue/queues.ts';
import { headcountAsOfQuery, headcountBody, headcountLimitsSchema } from '#lib/registry/headcount-schemas.ts';
import {
  assignedOfficialBody,
  contactsBody,
  createMineBody,
  jurisdictionNameBody,
  jurisdictionViewSchema,
  listMinesQuery,
  mineSchema,
  patchMineBody,
  statusChangeBody,
  statusEntrySchema,
  statusHistoryEntrySchema,
} from '#lib/registry/schemas.ts';
import { auditEventSchema, mineIdParams, pageOf, pageQuery } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'mines';

export const mineRoutes = [
  defineRoute({
    operationId: 'getJurisdiction',
    method: 'GET',
    path: '/v1/jurisdiction',
    roles: MINE_READERS,
    tag: 'jurisdiction',
    summary: '本辖区名称 (your jurisdiction and its levels by name)',
    response: jurisdictionViewSchema,
  }),
  defineRoute({
    operationId: 'nameJurisdiction',
    method: 'PUT',
    path: '/v1/jurisdiction',
    roles: ADMIN_ONLY,
    tag: 'jurisdiction',
    summary: '设定本辖区名称 (name your own level and its bureau; with version)',
    body: jurisdictionNameBody,
    response: jurisdictionViewSchema,
  }),
  defineRoute({
    operationId: 'createMine',
    method: 'POST',
    path: '/v1/mines',
    roles: ADMIN_ONLY,
    tag,
    summary: '新建煤矿档案 (create a mine)',
    body: createMineBody,
    status: 201,
    response: mineSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMines',
    method: 'GET',
    path: '/v1/mines',
    roles: MINE_READERS,
    tag,
    summary: '辖区煤矿列表 (mines in your jurisdiction)',
    query: listMinesQuery,
    response: pageOf(mineSchema),
  }),
  defineRoute({
    operationId: 'getMine',
    method: 'GET',
    path: '/v1/mines/{mineId}',
    roles: MINE_READERS,
    tag,
    summary: '煤矿档案 (one mine)',
    params: mineIdParams,
    response: mineSchema,
  }),
  defineRoute({
    operationId: 'patchMine',
    method: 'PATCH',
    path: '/v1/mines/{mineId}',
    roles: ADMIN_ONLY,
    tag,
    summary: '修改煤矿档案 (edit with version)',
    params: mineIdParams,
    body: patchMineBody,
    response: mineSchema,
  }),
  defineRoute({
    operationId: 'changeMineStatus',
    method: 'POST',
    path: '/v1/mines/{mineId}/status',
    roles: ADMIN_ONLY,
    tag,
    summary: '变更煤矿状态 (status change with reason and effective date)',
    description:
      'An effective date in the future schedules the change; the nightly job mine-status-effective applies it.',
    params: mineIdParams,
    body: statusChangeBody,
    status: 201,
    response: z.object({ applied: z.boolean(), mine: mineSchema, entry: statusEntrySchema }),
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineStatusHistory',
    method: 'GET',
    path: '/v1/mines/{mineId}/status-history',
    roles: MINE_READERS,
    tag,
    summary: '状态变更历史 (newest first)',
    params: mineIdParams,
    query: pageQuery,
    response: pageOf(statusHistoryEntrySchema),
  }),
  defineRoute({
    operationId: 'assignOfficial',
    method: 'PUT',
    path: '/v1/mines/{mineId}/assigned-official',
    roles: ADMIN_ONLY,
    tag,
    summary: '指定包保责任人 (assign the bureau official)',
    params: mineIdParams,
    body: assignedOfficialBody,
    response: mineSchema,
  }),
  defineRoute({
    operationId: 'updateMineContacts',
    method: 'PUT',
    path: '/v1/mines/{mineId}/contacts',
    roles: ADMIN_OR_OWN_MINE,
    tag,
    summary: '煤矿联系人 (the mine’s contacts)',
    params: mineIdParams,
    body: contactsBody,
    response: mineSchema,
  }),
  defineRoute({
    operationId: 'getHeadcountLimits',
    method: 'GET',
    path: '/v1/mines/{mineId}/headcount-limits',
    roles: MINE_READERS,
    tag,
    summary: '核定下井人数 (approved headcount and duty crew per shift: in force on a day, and every version)',
    params: mineIdParams,
    query: headcountAsOfQuery,
    response: headcountLimitsSchema,
  }),
  defineRoute({
    operationId: 'setHeadcountLimits',
    method: 'PUT',
    path: '/v1/mines/{mineId}/headcount-limits',
    roles: REGISTER_DECIDERS,
    tag,
    summary: '设定核定下井人数 (a new dated version; bureau users only, never the mine; with version and reason)',
    description:
      'Versions only append: `from` may not be before the latest version’s. The duty crew may not exceed the ' +
      'shift’s approved headcount (400, naming the shift).',
    params: mineIdParams,
    body: headcountBody,
    response: headcountLimitsSchema,
  }),
  defineRoute({
    operationId: 'getMineRecord',
    method: 'GET',
    path: '/v1/mines/{mineId}/record',
    roles: MINE_READERS,
    tag,
    summary:
      '一矿一档 (the mine’s file on one page: open hazards, recent violations, penalties, inspections, accidents, open cases)',
    params: mineIdParams,
    response: mineRecordSchema,
  }),
  defineRoute({
    operationId: 'listMineAudit',
    method: 'GET',
    path: '/v1/mines/{mineId}/audit',
    roles: MINE_READERS,
    tag,
    summary: '操作记录 (audit events, newest first)',
    params: mineIdParams,
    query: pageQuery,
    response: pageOf(auditEventSchema),
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const minesNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1', 'GSI2', 'GSI3'] },
  sendsTo: [notificationsQueue.name, mineMoveQueue.name],
};
