import { defineRoute } from '#lib/http/route-spec.ts';

export const metaRoutes = [
  defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    roles: 'public',
    tag: 'meta',
    summary: 'OpenAPI 3.1 document of this API',
  }),
  defineRoute({
    operationId: 'getDocs',
    method: 'GET',
    path: '/docs',
    roles: 'public',
    tag: 'meta',
    summary: 'Browsable API reference (HTML)',
    contentType: 'text/html; charset=utf-8',
  }),
] as const;
