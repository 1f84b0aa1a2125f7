import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { interviewParams, interviewSchema, listInterviewsQuery, recordInterviewBody } from '#lib/interviews/schemas.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'interviews';
/** Who records interviews. Mine users only read their own mine's. */
const RECORDERS: readonly Role[] = ['bureau_admin', 'inspector'];

export const interviewRoutes = [
  defineRoute({
    operationId: 'recordInterview',
    method: 'POST',
    path: '/v1/mines/{mineId}/interviews',
    roles: RECORDERS,
    tag,
    summary: '登记约谈 (date, the mine’s people summoned, the bureau users who held it, subject, follow-up)',
    description:
      'An interview (约谈) is a record of its own, not a penalty: it is never executed and does not move the mine’s credit. Each heldBy entry must be an active bureau_admin or inspector of the user directory whose jurisdiction covers the mine (422 naming the entry otherwise). A future date or a follow-up due before the interview → 400.',
    params: mineIdParams,
    body: recordInterviewBody,
    status: 201,
    response: interviewSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineInterviews',
    method: 'GET',
    path: '/v1/mines/{mineId}/interviews',
    roles: MINE_READERS,
    tag,
    summary: '本矿约谈记录 (newest first; filters from, to)',
    params: mineIdParams,
    query: listInterviewsQuery,
    response: pageOf(interviewSchema),
  }),
  defineRoute({
    operationId: 'getInterview',
    method: 'GET',
    path: '/v1/mines/{mineId}/interviews/{interviewId}',
    roles: MINE_READERS,
    tag,
    summary: '一次约谈 (one interview of the mine)',
    params: interviewParams,
    response: interviewSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const interviewsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
