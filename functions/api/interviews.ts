import { apiHandler } from '#lib/http/api-handler.ts';
import { getInterview, listInterviews, recordInterview } from '#lib/interviews/interviews.ts';
import { interviewRoutes } from './interviews.routes.ts';

/** Interviews (约谈): the bureau summons a mine's people; recorded, listed and read, never changed. */
export const handler = apiHandler(interviewRoutes, {
  recordInterview: async ({ store, params, body }) => ({
    status: 201,
    body: await recordInterview(store, params.mineId, body),
  }),
  listMineInterviews: async ({ store, params, query }) => ({
    body: await listInterviews(store, params.mineId, query),
  }),
  getInterview: async ({ store, params }) => ({
    body: await getInterview(store, params.mineId, params.interviewId),
  }),
});
