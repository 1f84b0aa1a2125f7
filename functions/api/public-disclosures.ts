import { getPublicDisclosure, listPublicDisclosures, listPublicStatistics } from '#lib/disclosure/disclosures.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { publicDisclosureRoutes } from './public-disclosures.routes.ts';

/** 执法公示 and 执法统计: the published projections only. */
export const handler = apiHandler(publicDisclosureRoutes, {
  listPublicDisclosures: async ({ db, query }) => ({ body: await listPublicDisclosures(db, query) }),
  getPublicDisclosure: async ({ db, params }) => ({ body: await getPublicDisclosure(db, params.disclosureId) }),
  listPublicStatistics: async ({ db, query }) => ({ body: await listPublicStatistics(db, query) }),
});
