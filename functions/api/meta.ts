import { apiHandler } from '#lib/http/api-handler.ts';
import { metaRoutes } from './meta.routes.ts';

/**
 * The API describing itself: /openapi.json and the HTML reference at /docs, both built once per cold start. Every
 * route's schemas are imported on the first of these requests, not when the function starts: they are most of the
 * function's code, and a cold start that serves neither should not evaluate them.
 */
const API_VERSION = '1.0.0';
let doc: Promise<object> | undefined;
const openApi = () => {
  doc ??= Promise.all([import('#lib/http/openapi.ts'), import('./routes.ts')]).then(
    ([{ buildOpenApi }, { ALL_ROUTES }]) => buildOpenApi(ALL_ROUTES, { version: API_VERSION }),
  );
  return doc;
};
let page: Promise<string> | undefined;
const docsPage = () => {
  page ??= Promise.all([import('#lib/http/docs-page.ts'), openApi()]).then(([{ renderDocsPage }, spec]) =>
    renderDocsPage(spec as never),
  );
  return page;
};

export const handler = apiHandler(metaRoutes, {
  getOpenApi: async () => ({ body: await openApi(), headers: { 'cache-control': 'public, max-age=300' } }),
  getDocs: async () => ({
    raw: await docsPage(),
    headers: { 'cache-control': 'public, max-age=300' },
  }),
});
