import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { type Principal, principalFromClaims } from '#lib/auth/principal.ts';
import { DomainError, ForbiddenError, NotFoundError, TooManyRequestsError } from '#lib/errors.ts';
import { logger, metrics, tracer } from '#lib/observability/powertools.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import { type Db, dbFromEnv } from '#lib/store/db.ts';
import { prefixWriteDb, readOnlyDb } from '#lib/store/read-only-db.ts';
import { dbForPrincipal } from '#lib/store/scoped-db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { maskResidentIdsIn } from '#lib/validators/resident-id.ts';
import { parseIdempotencyKey, withIdempotency } from './idempotency.ts';
import { busyProblem, isThrottling, problemFromDomainError, problemResponse } from './problem.ts';
import { enforceRateLimit } from './rate-limit.ts';
import { type RouteSpec, routeKey } from './route-spec.ts';
import { parseJsonBody } from './validate.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

type Infer<S, Fallback> = S extends z.core.$ZodType ? z.infer<S> : Fallback;

export interface OperationContext<R extends RouteSpec> {
  readonly params: Infer<R['params'], Record<string, never>>;
  readonly query: Infer<R['query'], Record<string, never>>;
  readonly body: R['rawBodyTypes'] extends readonly string[]
    ? Infer<R['body'], undefined> | undefined
    : Infer<R['body'], undefined>;
  readonly principal: R['roles'] extends 'public' ? Principal | undefined : Principal;
  readonly store: R['roles'] extends 'public' ? undefined : TenantStore;
  /** Public routes only (they have no caller to scope a store to): what they read is public by construction. */
  readonly db: R['roles'] extends 'public' ? Db : undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly event: ApiEvent;
  /** The body as text when it came in one of the route's `rawBodyTypes` (then `body` is undefined). */
  readonly rawBody: string | undefined;
}

const textBody = (event: ApiEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

export interface ApiResult {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** A body that is not JSON (HTML, CSV): sent as is with the route's content type. */
  readonly raw?: string;
}

export type Operations<Routes extends readonly RouteSpec[]> = {
  [R in Routes[number] as R['operationId']]: (ctx: OperationContext<R>) => Promise<ApiResult>;
};

export interface ApiHandlerOptions {
  /** The table; tests inject one, handlers use the environment's. */
  readonly db?: () => Db;
  /**
   * Fair use, checked for every authenticated request before anything else (./rate-limit.ts); tests inject their
   * own or `false`.
   */
  readonly rateLimit?: ((db: Db, principal: Principal) => Promise<void>) | false;
}

/**
 * The one middy stack every API function uses: Powertools logger (mine id, jurisdiction, correlation id on every
 * line), metrics and tracer; route lookup; authentication and role check; zod validation of path, query and body;
 * and RFC 9457 problem responses for every failure, so nothing a client sends produces a 500.
 */
export function apiHandler<const Routes extends readonly RouteSpec[]>(
  routes: Routes,
  operations: NoInfer<Operations<Routes>>,
  options: ApiHandlerOptions = {},
) {
  const byKey = new Map<string, RouteSpec>(routes.map((r) => [routeKey(r), r]));
  const ops = operations as unknown as Record<string, (ctx: OperationContext<RouteSpec>) => Promise<ApiResult>>;
  for (const r of routes) if (!ops[r.operationId]) throw new Error(`Operation ${r.operationId} has no implementation`);
  const getDb = options.db ?? dbFromEnv;
  const rateLimit = options.rateLimit ?? enforceRateLimit;

  const dispatch = async (event: ApiEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = byKey.get(event.routeKey);
    if (!route) throw new NotFoundError(`No route ${event.routeKey}`);
    const headers = event.headers ?? {};
    const correlationId = headers['x-correlation-id'] ?? event.requestContext?.requestId;
    logger.appendKeys({ correlationId, route: route.operationId, mineId: event.pathParameters?.mineId });

    let principal: Principal | undefined;
    if (route.roles !== 'public') {
      principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims);
      logger.appendKeys({
        role: principal.role,
        jurisdiction: principal.kind === 'bureau' ? principal.jurisdiction : undefined,
        sub: principal.sub,
      });
      if (rateLimit) await rateLimit(getDb(), principal);
      if (!route.roles.includes(principal.role))
        throw new ForbiddenError(`角色 ${principal.role} 不能执行 ${route.operationId}`);
    }
    const params = route.params ? parsePart(route.params, event.pathParameters ?? {}, 'path') : {};
    const query = route.query ? parsePart(route.query, event.queryStringParameters ?? {}, 'query') : {};
    const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const asText = route.rawBodyTypes?.includes(mediaType) ? textBody(event) : undefined;
    const json =
      asText === undefined ? parseJsonBody(event.body, event.isBase64Encoded, headers['content-type']) : undefined;
    const body = route.body && asText === undefined ? parsePart(route.body, json, 'body') : undefined;

    const store = principal ? new TenantStore(dbForPrincipal(getDb(), principal), principal) : undefined;
    const execute = async (): Promise<APIGatewayProxyStructuredResultV2> => {
      const db =
        route.roles !== 'public'
          ? undefined
          : route.publicWrites
            ? prefixWriteDb(getDb(), route.publicWrites)
            : readOnlyDb(getDb());
      const result = await ops[route.operationId]!({
        params,
        query,
        body,
        rawBody: asText,
        principal,
        store,
        db,
        headers,
        event,
      } as never);
      const status = result.status ?? route.status ?? 200;
      if (result.raw !== undefined) {
        return {
          statusCode: status,
          headers: { 'content-type': route.contentType ?? 'text/plain; charset=utf-8', ...result.headers },
          body: result.raw,
        };
      }
      return {
        statusCode: status,
        headers: {
          // No body (204), no content type.
          ...(result.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
          ...result.headers,
        },
        ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
      };
    };
    const idempotencyKey = route.idempotent && principal ? parseIdempotencyKey(headers['idempotency-key']) : undefined;
    if (idempotencyKey === undefined || !principal) return execute();
    return withIdempotency(
      getDb(),
      { key: idempotencyKey, caller: principal.sub, routeKey: event.routeKey, path: event.rawPath, body: event.body },
      execute,
    );
  };

  return middy<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context>(dispatch)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      // One count per response class (http2xx, http4xx, http5xx): the API's health at a glance.
      after: async (request) => countResponse(request.response?.statusCode),
      onError: async (request) => {
        await handleError(request);
        maskIdsInProblem(request);
        countResponse(request.response?.statusCode);
      },
    });
}

const countResponse = (status: number | undefined): void => {
  metrics.addMetric(`http${Math.floor((status ?? 500) / 100)}xx`, MetricUnit.Count, 1);
};

type MiddyRequest = middy.Request<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context>;

/**
 * Every failure becomes a problem response: domain errors by kind (a used-up quota 429 with Retry-After), throttling
 * 503, anything else 500.
 */
async function handleError(request: MiddyRequest): Promise<void> {
  const error = request.error;
  const instance = request.event?.rawPath;
  const correlation = request.event?.headers?.['x-correlation-id'] ?? request.event?.requestContext?.requestId;
  const extra: Record<string, string> = correlation ? { 'x-correlation-id': correlation } : {};
  if (error instanceof DomainError) {
    if (error.kind !== 'validation' && error.kind !== 'not_found')
      logger.info('Request refused', { kind: error.kind, detail: error.message });
    request.response = problemResponse(problemFromDomainError(error, instance), {
      ...extra,
      ...(error.kind === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {}),
      ...(error instanceof TooManyRequestsError ? { 'retry-after': String(error.retryAfterSeconds) } : {}),
    });
    return;
  }
  if (isThrottling(error)) {
    logger.warn('Store throttled the request', { error: (error as Error).name });
    request.response = problemResponse(busyProblem(instance), { ...extra, 'retry-after': '1' });
    return;
  }
  logger.error('Unhandled error', error as Error);
  request.response = problemResponse(
    {
      type: 'urn:coalsafe:problem:internal',
      title: '服务器内部错误',
      status: 500,
      detail: '请稍后重试；如持续出现请联系管理员。',
      ...(instance ? { instance } : {}),
    },
    extra,
  );
}

/**
 * No error repeats a resident ID: a problem echoes the path and the ids a client sent, and an ID typed into the
 * wrong field or a URL by mistake must not come back. Anything shaped like one is masked (digits 7–14 hidden).
 */
function maskIdsInProblem(request: MiddyRequest): void {
  const response = request.response;
  if (response && typeof response.body === 'string') response.body = maskResidentIdsIn(response.body);
}
