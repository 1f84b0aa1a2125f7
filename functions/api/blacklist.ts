import { blacklistPolicy } from '#lib/blacklist/blacklist-policy.ts';
import { actOnEntry, getEntry } from '#lib/blacklist/blacklist-service.ts';
import { checkRestriction } from '#lib/blacklist/check.ts';
import { listChecks } from '#lib/blacklist/check-log.ts';
import { listEntries } from '#lib/blacklist/entry-queries.ts';
import { BLACKLIST_GROUNDS, SCOPE_LABELS, SCOPES } from '#lib/blacklist/grounds.ts';
import { listMineNotices, objectToNotice } from '#lib/blacklist/mine-notices.ts';
import { proposeEntry } from '#lib/blacklist/proposals.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { blacklistRoutes } from './blacklist.routes.ts';

/**
 * The blacklist (严重失信主体名单): proposals through publication and removal, the bureau's views, the partner check
 * and its record.
 */
export const handler = apiHandler(blacklistRoutes, {
  listBlacklistGrounds: async () => ({
    body: {
      items: BLACKLIST_GROUNDS.map((g) => ({ ...g })),
      scopes: SCOPES.map((code) => ({ code, label: SCOPE_LABELS[code] })),
    },
  }),
  proposeBlacklistEntry: async ({ store, body }) => ({ status: 201, body: await proposeEntry(store, body) }),
  listBlacklistEntries: async ({ store, query }) => ({ body: await listEntries(store, query) }),
  checkBlacklist: async ({ store, query }) => ({ body: await checkRestriction(store, query) }),
  listBlacklistChecks: async ({ store, query }) => ({ body: await listChecks(store, query) }),
  getBlacklistEntry: async ({ store, params }) => ({ body: await getEntry(store, params.entryId) }),
  actOnBlacklistEntry: async ({ store, params, body }) => ({
    body: await actOnEntry(store, params.entryId, body, creditOnListing),
  }),
  listMineBlacklistNotices: async ({ store, params }) => ({ body: await listMineNotices(store, params.mineId) }),
  objectToBlacklistNotice: async ({ store, params, body }) => ({
    status: 201,
    body: await objectToNotice(store, params.mineId, params.entryId, body, creditOnListing),
  }),
  ...policyOperations(blacklistPolicy, 'Blacklist'),
});
