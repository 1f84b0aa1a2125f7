import { MINE_READERS } from '#lib/auth/role-groups.ts';
import { caseActionBody, caseDetailSchema, caseIdParams, caseSchema, listCasesQuery } from '#lib/cases/schemas.ts';
import { CASE_HANDLERS } from '#lib/cases/vocabulary.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'cases';

export const caseRoutes = [
  defineRoute({
    operationId: 'listCases',
    method: 'GET',
    path: '/v1/cases',
    roles: MINE_READERS,
    tag,
    summary: '调查核实案件列表 (cases; filters status, mineId, overdue)',
    query: listCasesQuery,
    response: pageOf(caseSchema),
  }),
  defineRoute({
    operationId: 'getCase',
    method: 'GET',
    path: '/v1/cases/{caseId}',
    roles: MINE_READERS,
    tag,
    summary: '案件详情与证据 (a case with its evidence)',
    params: caseIdParams,
    response: caseDetailSchema,
  }),
  defineRoute({
    operationId: 'actOnCase',
    method: 'POST',
    path: '/v1/cases/{caseId}/actions',
    roles: CASE_HANDLERS,
    tag,
    summary: '办理案件 (assign | start | confirm | dismiss | close)',
    description:
      'confirm records a violation against the mine; dismiss needs a reason in note. Wrong state → 422, stale version → 409.',
    params: caseIdParams,
    body: caseActionBody,
    response: caseSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const casesNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
