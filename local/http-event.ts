import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type RouteSpec, routeKey } from '#lib/http/route-spec.ts';

/**
 * Builds the HTTP API (payload 2.0) event API Gateway would send for a request, with the verified JWT claims where
 * the JWT authorizer puts them, so the handlers run locally exactly as they do in Lambda.
 */
export function buildHttpApiEvent(input: {
  req: IncomingMessage;
  url: URL;
  body: Buffer;
  route: RouteSpec;
  pathParameters: Record<string, string>;
  claims: Record<string, unknown> | undefined;
  now?: Date;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { req, url, body, route } = input;
  const now = input.now ?? new Date();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const isText =
    body.length === 0 || /json|text|xml|csv|x-www-form-urlencoded/i.test(contentType) || contentType === '';
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(input.pathParameters).length ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: (input.claims ?? {}) as Record<string, string>, scopes: [] },
      },
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
