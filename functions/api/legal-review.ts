import { apiHandler } from '#lib/http/api-handler.ts';
import { legalReviewQueue } from '#lib/legal-review/queue.ts';
import { legalReviewRoutes } from './legal-review.routes.ts';

/** 法制审核待办: what of the jurisdiction waits for a legal reviewer, in one read. */
export const handler = apiHandler(legalReviewRoutes, {
  getLegalReviewQueue: async ({ store }) => ({ body: await legalReviewQueue(store) }),
});
