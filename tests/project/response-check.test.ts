import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { buildOpenApi } from '#lib/http/openapi.ts';
import { defineRoute, routeKey } from '#lib/http/route-spec.ts';
import { type Answer, publishedReference, responseProblems, routeTemplate } from '../support/response-check.ts';

/**
 * The check the end-to-end client makes on every 2xx JSON answer: the body against its route's response schema as
 * /openapi.json publishes it, every object closed. And every route of the table has a schema to check against.
 */
const reference = publishedReference();
const json = 'application/json; charset=utf-8';
const answer = (method: string, path: string, body: unknown, status = 200): Answer => ({
  method,
  path,
  status,
  contentType: json,
  body,
});

const mine = {
  mineId: 'm-taiyuan',
  name: '泰源煤矿',
  creditCode: '91230400MA1B2C3D4E',
  jurisdiction: 'hlj/hegang/dongshan',
  approvedCapacityTonnesPerYear: 150000,
  gasGrade: 'low',
  hydrogeology: 'simple',
  standardisationGrade: 'grade3',
  status: 'producing',
  statusLabel: '生产',
  statusSince: '2020-01-01',
  statusTimeline: [{ status: 'producing', from: '2020-01-01' }],
  creditCodeCheckValid: true,
  assignedOfficial: { userId: 'u-1', name: '王强', mobile: '13800000000' },
  version: 3,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};
const getMine = (body: unknown) => responseProblems(reference, answer('GET', '/v1/mines/m-taiyuan', body));

describe('a 2xx JSON answer against the published reference', () => {
  it('passes when the body matches its route’s schema', () => {
    expect(getMine(mine)).toEqual([]);
    expect(getMine({ ...mine, assignedOfficial: { userId: 'u-1', name: '王强' } })).toEqual([]);
  });

  it('fails a missing required field, naming the route and the field', () => {
    const { statusLabel: _gone, ...withoutLabel } = mine;
    expect(getMine(withoutLabel)).toEqual(['GET /v1/mines/{mineId}: body.statusLabel: is required, missing']);
  });

  it('fails a field of the wrong type, naming the route, the field and what was expected', () => {
    expect(getMine({ ...mine, assignedOfficial: { ...mine.assignedOfficial, mobile: 13800000000 } })).toEqual([
      'GET /v1/mines/{mineId}: body.assignedOfficial.mobile: must be string',
    ]);
    expect(getMine({ ...mine, status: 'sleeping' })).toEqual([
      'GET /v1/mines/{mineId}: body.status: must be one of ["producing","suspended","rectifying","construction","closed"]',
    ]);
  });

  it('fails a field the schema does not name, at any depth', () => {
    expect(getMine({ ...mine, PK: 'MINE#m-taiyuan' })).toEqual([
      'GET /v1/mines/{mineId}: body.PK: not in the schema (must NOT have additional properties)',
    ]);
    expect(getMine({ ...mine, statusTimeline: [{ status: 'producing', from: '2020-01-01', by: 'x' }] })).toEqual([
      'GET /v1/mines/{mineId}: body.statusTimeline.0.by: not in the schema (must NOT have additional properties)',
    ]);
  });

  it('says once what a nullable field wanted, and once for every item of a list that has the same fault', () => {
    const view = { path: 'hlj', levels: [], fullName: null, name: null, bureauName: null, version: 0 };
    expect(responseProblems(reference, answer('GET', '/v1/jurisdiction', { ...view, name: 7 }))).toEqual([
      'GET /v1/jurisdiction: body.name: must be string or null',
    ]);
    const doc = buildOpenApi(
      [
        defineRoute({
          operationId: 'getOwner',
          method: 'GET',
          path: '/v1/owner',
          roles: 'public',
          tag: 't',
          summary: 's',
          response: z.object({ owner: z.nullable(z.object({ name: z.string() })) }),
        }),
      ],
      { version: '1' },
    );
    expect(responseProblems(doc, answer('GET', '/v1/owner', { owner: null }))).toEqual([]);
    expect(responseProblems(doc, answer('GET', '/v1/owner', { owner: { name: '王强', age: 40 } }))).toEqual([
      'GET /v1/owner: body.owner: must match a schema in anyOf: body.owner.age: not in the schema (must NOT have additional properties) | body.owner: must be null',
    ]);
    const items = [1, 2, 3].map((i) => ({ ...mine, mineId: `m-${i}`, extra: i }));
    expect(responseProblems(reference, answer('GET', '/v1/mines?limit=3', { items, nextCursor: null }))).toEqual([
      'GET /v1/mines: body.items.0.extra: not in the schema (must NOT have additional properties) (and 2 more alike)',
    ]);
  });

  it('lets an object have other properties where the schema says additionalProperties', () => {
    const doc = buildOpenApi(
      [
        defineRoute({
          operationId: 'getTally',
          method: 'GET',
          path: '/v1/tally',
          roles: 'public',
          tag: 't',
          summary: 's',
          response: z.object({ counts: z.record(z.string(), z.number()) }),
        }),
      ],
      { version: '1' },
    );
    expect(responseProblems(doc, answer('GET', '/v1/tally', { counts: { a: 1, b: 2 } }))).toEqual([]);
    expect(responseProblems(doc, answer('GET', '/v1/tally', { counts: { a: 'x' } }))).toEqual([
      'GET /v1/tally: body.counts.a: must be number',
    ]);
  });

  it('fails a route the reference gives no response schema, or a body where it documents none', () => {
    const route = { roles: 'public', tag: 't', summary: 's' } as const;
    const doc = buildOpenApi(
      [
        defineRoute({ ...route, operationId: 'getThing', method: 'GET', path: '/v1/things/{id}' }),
        defineRoute({ ...route, operationId: 'dropThing', method: 'DELETE', path: '/v1/things/{id}', status: 204 }),
      ],
      { version: '1' },
    );
    expect(responseProblems(doc, answer('GET', '/v1/things/t-1', { id: 't-1' }))).toEqual([
      'GET /v1/things/{id}: answered 200 with JSON, but the reference gives it no response schema',
    ]);
    expect(responseProblems(doc, { ...answer('DELETE', '/v1/things/t-1', '', 204), contentType: null })).toEqual([]);
    expect(responseProblems(doc, answer('DELETE', '/v1/things/t-1', '', 204))).toEqual([
      `DELETE /v1/things/{id}: answered 204 without a body but with content-type ${json}`,
    ]);
    expect(responseProblems(doc, answer('DELETE', '/v1/things/t-1', { ok: true }, 200))).toEqual([
      'DELETE /v1/things/{id}: answered 200, the reference documents 204',
    ]);
  });

  it('fails a /v1 path or method the reference does not have', () => {
    expect(responseProblems(reference, answer('GET', '/v1/nothing-here', {}))).toEqual([
      'GET /v1/nothing-here: no such route in the reference',
    ]);
    expect(responseProblems(reference, answer('DELETE', '/v1/mines/m-1', {}))).toEqual([
      'DELETE /v1/mines/{mineId}: no such route in the reference',
    ]);
  });

  it('leaves alone what the reference does not cover: error answers, pages, the local runtime’s own endpoints', () => {
    expect(responseProblems(reference, answer('GET', '/v1/mines/m-x', { status: 404 }, 404))).toEqual([]);
    expect(responseProblems(reference, { ...answer('GET', '/docs', '<html>'), contentType: 'text/html' })).toEqual([]);
    expect(responseProblems(reference, answer('GET', '/health', { status: 'ok' }))).toEqual([]);
    expect(responseProblems(reference, answer('POST', '/local/jobs/credit', { job: 'credit' }))).toEqual([]);
  });

  it('finds the route as API Gateway does: a literal segment wins over a parameter', () => {
    expect(routeTemplate(reference, '/v1/blacklist/check?subjectType=enterprise')).toBe('/v1/blacklist/check');
    expect(routeTemplate(reference, '/v1/blacklist/bl-1')).toBe('/v1/blacklist/{entryId}');
    expect(routeTemplate(reference, '/v1/mines/m-1/credit/overrides/o-1/approve')).toBe(
      '/v1/mines/{mineId}/credit/overrides/{overrideId}/approve',
    );
    expect(routeTemplate(reference, '/v1/mines/m-1/nothing')).toBeUndefined();
  });
});

describe('the route table', () => {
  it('gives every route a response schema, unless it answers 204 or something other than JSON', () => {
    const without = ALL_ROUTES.filter((r) => !r.response && r.status !== 204 && !r.contentType).map(routeKey);
    expect(without).toEqual([]);
    // And a 204 or a page has none to mislead: the reference shows no JSON body for them.
    const misleading = ALL_ROUTES.filter((r) => r.response && (r.status === 204 || r.contentType)).map(routeKey);
    expect(misleading).toEqual([]);
  });

  it('publishes every response schema in a form the check compiles (JSON Schema 2020-12, strict)', () => {
    for (const r of ALL_ROUTES) {
      const ok = r.status === 204 ? '' : {};
      const status = r.status ?? 200;
      const path = r.path.replace(/\{\w+\}/g, 'x-1');
      // An empty object matches no schema with a required field, but compiling must not throw.
      expect(() => responseProblems(reference, answer(r.method, path, ok, status)), routeKey(r)).not.toThrow();
    }
  });

  it('publishes a reference that itself matches the schema of GET /openapi.json', () => {
    expect(responseProblems(reference, answer('GET', '/openapi.json', reference))).toEqual([]);
  });
});
