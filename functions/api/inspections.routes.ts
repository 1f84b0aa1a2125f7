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
    summary: '计划或登记执法检查 (kind planned, or done with its findings)',
    description:
      'A done inspection moves the mine’s last inspection date forward. Findings: violations must be this mine’s (400 naming each one); hazard ids are stored as given.',
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
    summary: '完成或取消计划检查 (complete | cancel)',
    description:
      'complete: doneOn not before plannedOn nor in the future. Not planned any more → 422; stale version → 409.',
    params: inspectionIdParams,
    body: inspectionActionBody,
    response: inspectionSchema,
  }),
] as const;
