import { apiHandler } from '../../lib/http/api-handler.ts';
import { getEntry, listEntries } from '../../lib/blacklist/entry-queries.ts';
import { blacklistRoutes } from './blacklist.routes.ts';

/** The blacklist (严重失信主体名单), as the bureau sees it. */
export const handler = apiHandler(blacklistRoutes, {
  listBlacklistEntries: async ({ store, query }) => ({ body: await listEntries(store, query) }),
  getBlacklistEntry: async ({ store, params }) => ({ body: await getEntry(store, params.entryId) }),
});
