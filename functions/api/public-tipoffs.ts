import { objectStoreFromEnv } from '#lib/files/object-store.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { checkTipoff, fileTipoff, issueChallenge, publicMines, sourceOf } from '#lib/tipoffs/public.ts';
import { publicTipoffRoutes } from './public-tipoffs.routes.ts';

/** 我要举报 and 举报查询: a visitor's report and its tracking code. */
export const handler = apiHandler(publicTipoffRoutes, {
  getTipoffChallenge: async ({ db, query, event }) => ({
    body: await issueChallenge(db, await sourceOf(event.requestContext?.http?.sourceIp), query),
  }),
  listTipoffMines: async ({ db, query }) => ({ body: await publicMines(db, query.jurisdiction) }),
  fileTipoff: async ({ db, body, event }) => ({
    status: 201,
    body: await fileTipoff(db, objectStoreFromEnv, await sourceOf(event.requestContext?.http?.sourceIp), body),
  }),
  checkTipoff: async ({ db, params }) => ({ body: await checkTipoff(db, params.code) }),
});
