import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

/** The OpenAPI document's outline: its operations are checked as far as their names, the schemas inside are not. */
const openObject = z.record(z.string(), z.unknown());
const operationSchema = z.object({
  operationId: z.string(),
  summary: z.string(),
  description: z.optional(z.string()),
  tags: z.array(z.string()),
  security: z.optional(z.array(openObject)),
  'x-roles': z.optional(z.array(z.string())),
  parameters: z.array(openObject),
  requestBody: z.optional(openObject),
  responses: z.record(z.string(), openObject),
});
const openApiSchema = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.optional(z.array(z.object({ url: z.string() }))),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  paths: z.record(z.string(), z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), operationSchema)),
  components: z.object({
    securitySchemes: z.record(z.string(), openObject),
    schemas: z.record(z.string(), openObject),
  }),
});

export const metaRoutes = [
  defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    roles: 'public',
    tag: 'meta',
    summary: 'OpenAPI 3.1 document of this API',
    response: openApiSchema,
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

/** What this module's function may do in AWS: nothing beyond its logs (the API describes itself from code). */
export const metaNeeds: FunctionNeeds = {};
