import type { Context } from 'aws-lambda';
import type { ApiEvent } from '#lib/http/api-handler.ts';
import type { HttpMethod } from '#lib/http/route-spec.ts';
import { createLambdaContext } from '#local/lambda-context.ts';

/**
 * Hand-built HTTP API (payload 2.0) events, shaped like the ones API Gateway's JWT authorizer hands a Lambda, so
 * handler tests can call a handler directly without the local HTTP adapter.
 */
export interface ApiEventInput {
  readonly method: HttpMethod;
  /** The route's path template, e.g. `/v1/mines/{mineId}`: it makes the routeKey. */
  readonly route: string;
  readonly pathParameters?: Record<string, string>;
  /** The request path; defaults to the template filled with pathParameters. */
  readonly rawPath?: string;
  readonly query?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with `content-type: application/json` unless headers say otherwise. */
  readonly body?: unknown;
  readonly isBase64Encoded?: boolean;
  /** Lower-case names, as API Gateway delivers them. */
  readonly headers?: Record<string, string>;
  /** The verified JWT claims; omit (or null) for a request that carries no authorizer context at all. */
  readonly claims?: Record<string, unknown> | null;
}

export function apiEvent(input: ApiEventInput): ApiEvent {
  const params = input.pathParameters ?? {};
  const rawPath =
    input.rawPath ?? input.route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const headers: Record<string, string> = { host: 'api.test', ...(input.headers ?? {}) };
  let body: string | undefined;
  if (typeof input.body === 'string') body = input.body;
  else if (input.body !== undefined) {
    body = JSON.stringify(input.body);
    headers['content-type'] ??= 'application/json';
  }
  const routeKey = `${input.method} ${input.route}`;
  const now = new Date('2025-03-10T02:00:00.000Z');
  const query = input.query ?? {};
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: { method: input.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'req-test-1',
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(input.claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims, scopes: [] } } }
        : {}),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: input.isBase64Encoded ?? false,
  } as unknown as ApiEvent;
}

/** JWT claims as the dev tokens carry them. */
export const claims = {
  bureau: (role: 'bureau_admin' | 'inspector' | 'legal_reviewer', jurisdiction: string, sub = `${role}-1`) => ({
    sub,
    role,
    jurisdiction,
  }),
  mineUser: (mineId: string, sub = `mine-user-${mineId}`) => ({ sub, role: 'mine_user', mineId }),
  partner: (sub = 'partner-1') => ({ sub, role: 'partner_dept' }),
};

export const lambdaContext = (functionName = 'coalsafe-test'): Context =>
  createLambdaContext({ functionName, timeoutMs: 29_000 });
