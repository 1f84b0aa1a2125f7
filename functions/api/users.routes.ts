import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { ratePolicy } from '#lib/policies/rate-policy.ts';
import { pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';
import { createUserBody, listUsersQuery, patchUserBody, userIdParams, userSchema } from '#lib/users/schemas.ts';

const tag = 'users';

export const userRoutes = [
  ...policyRoutes(ratePolicy, {
    id: 'RateLimit',
    tag: 'policies',
    summary:
      '访问频率限制 (each caller’s and the jurisdiction’s request rate and burst in force for your jurisdiction)',
    putSummary: '设定访问频率限制 (a new version; in force on every instance within a minute)',
    putDescription:
      'perSecond is the sustained rate, counted over 10-second windows (perSecond × 10 per window); burst is the most requests in any one second (perSecond ≤ burst ≤ perSecond × 10).',
  }),
  defineRoute({
    operationId: 'listUsers',
    method: 'GET',
    path: '/v1/users',
    roles: ANY_BUREAU,
    tag,
    summary: '用户目录 (the users at or below your jurisdiction and of its mines; filter by role, active)',
    query: listUsersQuery,
    response: pageOf(userSchema),
  }),
  defineRoute({
    operationId: 'getUser',
    method: 'GET',
    path: '/v1/users/{userId}',
    roles: ANY_BUREAU,
    tag,
    summary: '用户 (one user of your jurisdiction)',
    params: userIdParams,
    response: userSchema,
  }),
  defineRoute({
    operationId: 'createUser',
    method: 'POST',
    path: '/v1/users',
    roles: ADMIN_ONLY,
    tag,
    summary:
      '新建用户 (a bureau user at or below your jurisdiction, a user of one of its mines, or a partner department)',
    description:
      'Creates the sign-in too: in AWS a Cognito user with the role, jurisdiction or mine as claims, and a temporary password mailed to the address.',
    body: createUserBody,
    status: 201,
    response: userSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'patchUser',
    method: 'PATCH',
    path: '/v1/users/{userId}',
    roles: ADMIN_ONLY,
    tag,
    summary: '修改用户 (name; active: false deactivates and disables the sign-in; with version)',
    params: userIdParams,
    body: patchUserBody,
    response: userSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const usersNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
