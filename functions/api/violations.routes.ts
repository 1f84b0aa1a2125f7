import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { listOf, mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';
import {
  correctViolationBody,
  listMineViolationsQuery,
  listViolationsQuery,
  recordViolationBody,
  violationCategoryItemSchema,
  violationIdParams,
  violationSchema,
} from '#lib/violations/schemas.ts';

const tag = 'violations';
/** Who records and corrects violations: the supervision squad and the bureau's leaders. Mine users only read their own. */
const RECORDERS: readonly Role[] = ['bureau_admin', 'inspector'];

export const violationRoutes = [
  defineRoute({
    operationId: 'listViolationCategories',
    method: 'GET',
    path: '/v1/violation-categories',
    roles: MINE_READERS,
    tag,
    summary: '违法违规行为类别 (the plan’s list: code, number, Chinese name)',
    response: listOf(violationCategoryItemSchema),
  }),
  defineRoute({
    operationId: 'recordViolation',
    method: 'POST',
    path: '/v1/mines/{mineId}/violations',
    roles: RECORDERS,
    tag,
    summary: '记录违法违规行为 (record a violation; from an inspection of this mine, or manual)',
    description:
      'Unknown category or a future date → 400; an inspection that is not this mine’s → 400 naming body.source.id.',
    params: mineIdParams,
    body: recordViolationBody,
    status: 201,
    response: violationSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineViolations',
    method: 'GET',
    path: '/v1/mines/{mineId}/violations',
    roles: MINE_READERS,
    tag,
    summary: '本矿违法违规记录 (newest first; filters from, to, category)',
    params: mineIdParams,
    query: listMineViolationsQuery,
    response: pageOf(violationSchema),
  }),
  defineRoute({
    operationId: 'listViolations',
    method: 'GET',
    path: '/v1/violations',
    roles: MINE_READERS,
    tag,
    summary: '辖区违法违规记录 (your jurisdiction’s; a mine user gets its own; filters category, from, to, mineId)',
    query: listViolationsQuery,
    response: pageOf(violationSchema),
  }),
  defineRoute({
    operationId: 'getViolation',
    method: 'GET',
    path: '/v1/violations/{violationId}',
    roles: MINE_READERS,
    tag,
    summary: '一条违法违规记录 (one violation)',
    params: violationIdParams,
    response: violationSchema,
  }),
  defineRoute({
    operationId: 'correctViolation',
    method: 'PATCH',
    path: '/v1/violations/{violationId}',
    roles: RECORDERS,
    tag,
    summary: '更正违法违规记录 (correct with version and reason; never deleted)',
    description: 'Audited with the fields before and after and the reason. Stale version → 409.',
    params: violationIdParams,
    body: correctViolationBody,
    response: violationSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const violationsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
