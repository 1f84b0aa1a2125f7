import { apiHandler } from '#lib/http/api-handler.ts';
import { createUser, getUser, listUsers, updateUser } from '#lib/users/manage-users.ts';
import { userRoutes } from './users.routes.ts';

/** The user directory: who signs in, with which role, for which jurisdiction or mine; created and deactivated here. */
export const handler = apiHandler(userRoutes, {
  listUsers: async ({ store, query }) => ({ body: await listUsers(store, query) }),
  getUser: async ({ store, params }) => ({ body: await getUser(store, params.userId) }),
  createUser: async ({ store, body }) => {
    const user = await createUser(store, body);
    return { status: 201, body: user, headers: { location: `/v1/users/${user.userId}` } };
  },
  patchUser: async ({ store, params, body }) => ({ body: await updateUser(store, params.userId, body) }),
});
