// The local adapter must route like API Gateway over the one route table: every route is reachable at its own
// path with its parameters decoded, a wrong method answers with the methods that exist (405 + Allow), an unknown
// path is a 404, and a trailing slash does not matter.
import { describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { defineRoute, type HttpMethod, type RouteSpec, routeKey } from '#lib/http/route-spec.ts';
import { createRouteMatcher } from '#local/route-matcher.ts';

const matcher = createRouteMatcher(ALL_ROUTES);
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Plausible values for each path parameter, as a client would send them. */
const SAMPLE: Record<string, string> = {
  mineId: 'm-taiyuan',
  type: 'safety_production',
  personId: 'p-0123456789ab-mine-manager',
  equipmentId: 'fan-main-1',
  meterId: 'main',
};

const paramNames = (route: RouteSpec) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const examplePath = (route: RouteSpec, values: Record<string, string> = SAMPLE) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? `${name}-1`));
const expectedParams = (route: RouteSpec, values: Record<string, string> = SAMPLE) =>
  Object.fromEntries(paramNames(route).map((n) => [n, values[n] ?? `${n}-1`]));

const routeCases = ALL_ROUTES.map((r) => [routeKey(r), r] as const);

describe('createRouteMatcher over the route table', () => {
  it('has one route per method and path (a duplicate would be unreachable)', () => {
    const keys = ALL_ROUTES.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ALL_ROUTES.length).toBeGreaterThan(0);
  });

  it.each(routeCases)('%s matches its own example path with its parameters', (_, route) => {
    const result = matcher.match(route.method, examplePath(route));
    expect(result).toEqual({ found: { route, pathParameters: expectedParams(route) } });
    expect(result && 'found' in result && result.found.route).toBe(route);
  });

  it.each(routeCases)('%s tolerates a trailing slash', (_, route) => {
    const result = matcher.match(route.method, `${examplePath(route)}/`);
    expect(result).toEqual({ found: { route, pathParameters: expectedParams(route) } });
  });

  const withParams = routeCases.filter(([, r]) => paramNames(r).length > 0);
  it.each(withParams)('%s decodes percent-encoded parameters', (_, route) => {
    const values = Object.fromEntries(paramNames(route).map((n, i) => [n, i === 0 ? '泰源 煤矿' : `a%b+${n}`]));
    const result = matcher.match(route.method, examplePath(route, values));
    expect(result).toEqual({ found: { route, pathParameters: values } });
  });

  const paths = [...new Set(ALL_ROUTES.map((r) => r.path))];
  const wrongMethods = paths.flatMap((path) => {
    const defined = ALL_ROUTES.filter((r) => r.path === path).map((r) => r.method);
    return METHODS.filter((m) => !defined.includes(m)).map((m) => [m, path, defined] as const);
  });
  it.each(wrongMethods)('%s %s lists the methods that exist there', (method, path, defined) => {
    const route = ALL_ROUTES.find((r) => r.path === path)!;
    const result = matcher.match(method, examplePath(route));
    expect(result).toBeDefined();
    expect(result && 'allowed' in result ? [...result.allowed].sort() : result).toEqual([...defined].sort());
  });

  it.each([
    '/',
    '',
    '/v1',
    '/v1/',
    '/v1/mine',
    '/v1/minesx',
    '/V1/mines',
    '/v2/mines',
    '/v1/mines//',
    '/v1/mines/m-1/unknown',
    '/v1/mines/m-1/licences/mining/extra',
    '/v1/mines/m-1//licences',
    '//v1/mines',
    '/v1/mines/m-1/status-history/x',
    '/openapi.json/x',
    '/openapi.jsonx',
    '/openapiXjson',
  ])('does not match the unknown path %j', (path) => {
    for (const method of METHODS) expect(matcher.match(method, path)).toBeUndefined();
  });

  // decodeURIComponent throws URIError on a malformed escape; input any client can send must not become a 500.
  it('does not throw on a malformed percent-escape in a parameter', () => {
    expect(() => matcher.match('GET', '/v1/mines/%E0%A4%A')).not.toThrow();
  });
});

describe('createRouteMatcher precedence', () => {
  const literal = defineRoute({
    operationId: 'special',
    method: 'GET',
    path: '/v1/things/special',
    roles: 'public',
    tag: 't',
    summary: 's',
  });
  const param = defineRoute({
    operationId: 'one',
    method: 'GET',
    path: '/v1/things/{thingId}',
    roles: 'public',
    tag: 't',
    summary: 's',
  });
  const literalPost = defineRoute({
    operationId: 'specialPost',
    method: 'POST',
    path: '/v1/things/other',
    roles: 'public',
    tag: 't',
    summary: 's',
  });

  it.each([
    ['literal first', [literal, param, literalPost]],
    ['parameter first', [param, literalPost, literal]],
  ])('a literal segment wins over a parameter (%s)', (_, routes) => {
    const m = createRouteMatcher(routes);
    expect(m.match('GET', '/v1/things/special')).toEqual({ found: { route: literal, pathParameters: {} } });
    expect(m.match('GET', '/v1/things/specials')).toEqual({
      found: { route: param, pathParameters: { thingId: 'specials' } },
    });
  });

  it('falls through to a parameter route of the right method when the literal route has another method', () => {
    const m = createRouteMatcher([literalPost, param]);
    expect(m.match('GET', '/v1/things/other')).toEqual({
      found: { route: param, pathParameters: { thingId: 'other' } },
    });
    expect(m.match('POST', '/v1/things/other')).toEqual({ found: { route: literalPost, pathParameters: {} } });
    expect(m.match('DELETE', '/v1/things/other')).toEqual({ allowed: expect.arrayContaining(['POST', 'GET']) });
  });
});
