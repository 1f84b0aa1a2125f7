import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { forgetRateLimits } from '#lib/http/rate-limit.ts';
import { ratePolicy } from '#lib/policies/rate-policy.ts';
import { createUser, getUser, listUsers, updateUser } from '#lib/users/manage-users.ts';
import { userRoutes } from './users.routes.ts';

const rateOperations = policyOperations(ratePolicy, 'RateLimit');

/**
 * The user directory: who signs in, with which role, for which jurisdiction or mine; created and deactivated here.
 * And the fair-use limits they are held to.
 */
export const handler = apiHandler(userRoutes, {
  getRateLimitPolicy: rateOperations.getRateLimitPolicy,
  putRateLimitPolicy: async (ctx) => {
    const result = await rateOperations.putRateLimitPolicy(ctx);
    // In force on this instance at once; the others read it again within a minute.
    forgetRateLimits();
    return result;
  },
  listUsers: async ({ store, query }) => ({ body: await listUsers(store, query) }),
  getUser: async ({ store, params }) => ({ body: await getUser(store, params.userId) }),
  createUser: async ({ store, body }) => {
    const user = await createUser(store, body);
    return { status: 201, body: user, headers: { location: `/v1/users/${user.userId}` } };
  },
  patchUser: async ({ store, params, body }) => ({ body: await updateUser(store, params.userId, body) }),
});
