import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { RouteSpec } from './route-spec.ts';

/**
 * The OpenAPI 3.1 document, generated from the same route table and zod schemas that validate requests, so the
 * reference cannot drift from what the API accepts. OpenAPI 3.1 uses JSON Schema 2020-12, zod 4's native output.
 */
type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  required: ['type', 'title', 'status'],
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(route: RouteSpec) {
  const out: Record<string, unknown>[] = [];
  const add = (schema: z.core.$ZodObject | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
    }
  };
  add(route.params, 'path');
  add(route.query, 'query');
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retry safely: a repeat with the same key and body within 24 h returns the first response.',
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  return out;
}

function operation(route: RouteSpec) {
  const status = String(route.status ?? 200);
  const success =
    status === '204'
      ? { description: 'No content' }
      : {
          description: 'OK',
          content: route.contentType
            ? { [route.contentType.split(';')[0]!]: { schema: { type: 'string' } } }
            : { 'application/json': { schema: route.response ? toSchema(route.response, 'output') : {} } },
        };
  const isPublic = route.roles === 'public';
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(isPublic ? { security: [] } : { 'x-roles': route.roles }),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: toSchema(route.body, 'input') },
              ...Object.fromEntries((route.rawBodyTypes ?? []).map((t) => [t, { schema: { type: 'string' } }])),
            },
          },
        }
      : {}),
    responses: {
      [status]: success,
      ...(route.createdStatus ? { [String(route.createdStatus)]: { ...success, description: 'Created' } } : {}),
      ...(route.accepted
        ? {
            '202': {
              description: route.accepted.description,
              content: { 'application/json': { schema: toSchema(route.accepted.response, 'output') } },
            },
          }
        : {}),
      '400': problem('Invalid input; `errors` names each failing field'),
      ...(isPublic
        ? {}
        : {
            '401': problem('Missing or invalid token'),
            '403': problem('Role not allowed'),
            '404': problem('Not found, or outside your scope'),
          }),
      ...(route.method === 'GET'
        ? {}
        : { '409': problem('Stale version or duplicate'), '422': problem('A business rule refuses the change') }),
      // Every authenticated route is held to fair use (lib/http/rate-limit.ts); some also to a quota of their own.
      ...(route.quota || !isPublic
        ? {
            '429': {
              ...problem(
                [
                  isPublic
                    ? undefined
                    : 'Fair use: the caller’s or the jurisdiction’s request rate or burst reached (the rate-limits policy)',
                  route.quota ? `Quota used up: ${route.quota}` : undefined,
                ]
                  .filter(Boolean)
                  .join('; '),
              ),
              headers: {
                'Retry-After': {
                  description: 'Seconds until the quota allows the call again',
                  schema: { type: 'integer' },
                },
              },
            },
          }
        : {}),
    },
  };
}

export function buildOpenApi(routes: readonly RouteSpec[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation(r) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'coalsafe API',
      version: info.version,
      description:
        '煤矿安全监管平台接口：煤矿档案、用电审查、隐患与执法、信用分类、黑名单、提醒。Errors are RFC 9457 problem+json.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
  };
}
