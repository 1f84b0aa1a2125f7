import { getPublicEntry, listPublicEntries } from '#lib/blacklist/public-list.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { publicBlacklistRoutes } from './public-blacklist.routes.ts';

/** The public list: published entries only, in their published form. */
export const handler = apiHandler(publicBlacklistRoutes, {
  listPublicBlacklist: async ({ db, query }) => ({ body: await listPublicEntries(db, query) }),
  getPublicBlacklistEntry: async ({ db, params }) => ({ body: await getPublicEntry(db, params.entryId) }),
});
