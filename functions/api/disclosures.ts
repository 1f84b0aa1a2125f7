import { disclosurePolicy } from '#lib/disclosure/disclosure-policy.ts';
import { getDisclosure, listDisclosures, withdrawEarly } from '#lib/disclosure/disclosures.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import { disclosureRoutes } from './disclosures.routes.ts';

/** 执法公示 for the bureau: where each decision stands, and the admin's early withdrawal. */
export const handler = apiHandler(disclosureRoutes, {
  listDisclosures: async ({ store, query }) => ({ body: await listDisclosures(store, query) }),
  getDisclosure: async ({ store, params }) => ({ body: await getDisclosure(store, params.penaltyId) }),
  withdrawDisclosure: async ({ store, params, body }) => ({
    body: await withdrawEarly(store, params.penaltyId, body),
  }),
  ...policyOperations(disclosurePolicy, 'Disclosure'),
});
