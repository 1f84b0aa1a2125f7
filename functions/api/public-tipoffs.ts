import { RuleError } from '#lib/errors.ts';
import { type ObjectStore, objectStoreFromEnv } from '#lib/files/object-store.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import {
  checkTipoff,
  confirmTipoffFile,
  fileTipoff,
  issueChallenge,
  publicDistricts,
  publicMines,
  sourceOf,
} from '#lib/tipoffs/public.ts';
import { publicTipoffRoutes } from './public-tipoffs.routes.ts';

/** The evidence bucket, where this deployment gives it to the function; else files are refused (422), nothing written. */
const tipoffFiles = (): ObjectStore => {
  if (!process.env.EVIDENCE_BUCKET) throw new RuleError('暂不接收举报附件，请在举报内容中文字说明');
  return objectStoreFromEnv();
};

/** 我要举报 and 举报查询: a visitor's report and its tracking code. */
export const handler = apiHandler(publicTipoffRoutes, {
  getTipoffChallenge: async ({ db, query, event }) => ({
    body: await issueChallenge(db, await sourceOf(event.requestContext?.http?.sourceIp), query),
  }),
  listTipoffMines: async ({ db, query }) => ({ body: await publicMines(db, query.jurisdiction) }),
  fileTipoff: async ({ db, body, event }) => ({
    status: 201,
    body: await fileTipoff(db, tipoffFiles, await sourceOf(event.requestContext?.http?.sourceIp), body),
  }),
  listTipoffDistricts: async ({ db, query }) => ({ body: await publicDistricts(db, query.under) }),
  confirmTipoffFile: async ({ db, body, event }) => ({
    body: await confirmTipoffFile(db, tipoffFiles, await sourceOf(event.requestContext?.http?.sourceIp), body),
  }),
  checkTipoff: async ({ db, params }) => ({ body: await checkTipoff(db, params.code) }),
});
