import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyHandlerV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Problem, problemResponse } from '#lib/http/problem.ts';
import type { ApiModule } from '#lib/http/route-spec.ts';
import { buildHttpApiEvent } from './http-event.ts';
import { createLambdaContext } from './lambda-context.ts';
import type { LocalLogger } from './logger.ts';
import { createRouteMatcher } from './route-matcher.ts';

/**
 * The local stand-in for API Gateway: matches the route table, verifies the bearer token (401 like the JWT
 * authorizer), builds a real HTTP API v2 event and invokes the same handler module Lambda would run.
 */
export type LocalRoute = (
  req: IncomingMessage,
  url: URL,
  body: Buffer,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

export interface HttpAdapterOptions {
  readonly modules: readonly ApiModule[];
  readonly loadHandler: (module: string) => Promise<APIGatewayProxyHandlerV2>;
  readonly verifyToken: (token: string) => Promise<Record<string, unknown> | undefined>;
  /** Local-only endpoints (/health, /local/*), tried before the route table. */
  readonly localRoutes?: LocalRoute;
  readonly logger: LocalLogger;
  readonly maxBodyBytes?: number;
}

const problem = (p: Problem, headers?: Record<string, string>) => problemResponse(p, headers);

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(
    result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body,
  );
}

export function createHttpAdapter(options: HttpAdapterOptions): Server {
  const matcher = createRouteMatcher(options.modules.flatMap((m) => m.routes));
  const moduleOf = new Map(options.modules.flatMap((m) => m.routes.map((r) => [r.operationId, m.module] as const)));
  const max = options.maxBodyBytes ?? 10 * 1024 * 1024;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req, max);
    if (body === 'too_large')
      return send(
        res,
        problem({
          type: 'urn:coalsafe:problem:too-large',
          title: '请求体过大',
          status: 413,
          detail: `The body exceeds ${max} bytes`,
        }),
      );
    const local = await options.localRoutes?.(req, url, body);
    if (local) return send(res, local);

    const match = matcher.match(req.method ?? 'GET', url.pathname);
    if (!match)
      return send(
        res,
        problem({
          type: 'urn:coalsafe:problem:not-found',
          title: '未找到',
          status: 404,
          detail: `No route for ${req.method} ${url.pathname}`,
        }),
      );
    if ('allowed' in match) {
      return send(
        res,
        problem(
          {
            type: 'urn:coalsafe:problem:method-not-allowed',
            title: '不支持此方法',
            status: 405,
            detail: `${req.method} is not allowed here`,
          },
          { allow: match.allowed.join(', ') },
        ),
      );
    }
    const { route, pathParameters } = match.found;
    let claims: Record<string, unknown> | undefined;
    if (route.roles !== 'public') {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      claims = token ? await options.verifyToken(token) : undefined;
      if (!claims) {
        return send(
          res,
          problem(
            {
              type: 'urn:coalsafe:problem:unauthorized',
              title: '未登录或令牌无效',
              status: 401,
              detail: token
                ? 'The bearer token is invalid or expired'
                : 'An Authorization: Bearer <token> header is required',
            },
            { 'www-authenticate': 'Bearer' },
          ),
        );
      }
    }
    const module = moduleOf.get(route.operationId)!;
    const handler = await options.loadHandler(module);
    const event = buildHttpApiEvent({ req, url, body, route, pathParameters, claims });
    const context = createLambdaContext({ functionName: `coalsafe-${module}`, timeoutMs: 29_000 });
    const result = (await handler(event as never, context, () => undefined)) as APIGatewayProxyStructuredResultV2;
    send(res, result);
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error(`[http] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent)
        send(res, problem({ type: 'urn:coalsafe:problem:internal', title: '服务器内部错误', status: 500 }));
      else res.end();
    });
  });
}
