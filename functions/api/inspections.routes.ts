import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import {
  createInspectionBody,
  inspectionActionBody,
  inspectionIdParams,
  inspectionSchema,
  listInspectionsQuery,
  listMineInspectionsQuery,
} from '#lib/inspections/schemas.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'inspections';
/** Who plans, records and completes inspections. Mine users only read their own. */
const INSPECTORS: readonly Role[] = ['bureau_admin', 'inspector'];

export const inspectionRoutes = [
  defineRoute({
    operationId: 'createInspection',
    method: 'POST',
    path: '/v1/mines/{mineId}/inspections',
    roles: INSPECTORS,
    tag,
    summary: '计划、登记或开始执法检查 (kind planned; done with its findings; started on site)',
    description:
      'A done inspection moves the mine’s last inspection date forward. Findings: violations must be this mine’s (400 naming each one); hazard ids are stored as given. started: in_progress with its team, leader and topics; hazards (inspectionId) and violations (source inspection) recorded on it join its findings in their own transaction.',
    params: mineIdParams,
    body: createInspectionBody,
    status: 201,
    response: inspectionSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineInspections',
    method: 'GET',
    path: '/v1/mines/{mineId}/inspections',
    roles: MINE_READERS,
    tag,
    summary: '本矿执法检查 (newest first; filters from, to, status)',
    params: mineIdParams,
    query: listMineInspectionsQuery,
    response: pageOf(inspectionSchema),
  }),
  defineRoute({
    operationId: 'listInspections',
    method: 'GET',
    path: '/v1/inspections',
    roles: MINE_READERS,
    tag,
    summary: '辖区执法检查 (your jurisdiction’s; a mine user gets its own; filters from, to, status, mineId)',
    query: listInspectionsQuery,
    response: pageOf(inspectionSchema),
  }),
  defineRoute({
    operationId: 'getInspection',
    method: 'GET',
    path: '/v1/inspections/{inspectionId}',
    roles: MINE_READERS,
    tag,
    summary: '一次执法检查 (one inspection)',
    params: inspectionIdParams,
    response: inspectionSchema,
  }),
  defineRoute({
    operationId: 'actOnInspection',
    method: 'POST',
    path: '/v1/inspections/{inspectionId}/actions',
    roles: INSPECTORS,
    tag,
    summary: '完成、取消、开始、结束检查或作出现场处理决定 (complete | cancel | start | close | issue_decision)',
    description:
      'complete, cancel, start: from planned. close: from in_progress, numbers its 现场检查记录 (recordNo). issue_decision: from in_progress or done, numbers a 现场处理决定书 (decisions[].documentNo); its items may refer only to the inspection’s findings (422). Numbers are per issuing bureau, year and kind, without gaps. Wrong state → 422; stale version → 409.',
    params: inspectionIdParams,
    body: inspectionActionBody,
    response: inspectionSchema,
    idempotent: true,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const inspectionsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
