import { apiHandler } from '#lib/http/api-handler.ts';
import { renderDocsPage } from '#lib/http/docs-page.ts';
import { buildOpenApi } from '#lib/http/openapi.ts';
import { metaRoutes } from './meta.routes.ts';
import { ALL_ROUTES } from './routes.ts';

/** The API describing itself: /openapi.json and the HTML reference at /docs, both built once per cold start. */
const API_VERSION = '1.0.0';
let doc: ReturnType<typeof buildOpenApi> | undefined;
const openApi = () => {
  doc ??= buildOpenApi(ALL_ROUTES, { version: API_VERSION });
  return doc;
};
let page: string | undefined;

const docsPage = () => {
  page ??= renderDocsPage(openApi() as never);
  return page;
};

export const handler = apiHandler(metaRoutes, {
  getOpenApi: async () => ({ body: openApi(), headers: { 'cache-control': 'public, max-age=300' } }),
  getDocs: async () => ({
    raw: docsPage(),
    headers: { 'cache-control': 'public, max-age=300' },
  }),
});
