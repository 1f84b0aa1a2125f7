/**
 * The web dashboard on the local runtime: the app built in memory at start and served at `/` (what CloudFront and
 * S3 serve in AWS), its `/config.json` saying that sign-in is local, and `/local/demo-users`, the demo users the
 * sign-in page offers, each with a ready-made token.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Role } from '#lib/auth/roles.ts';
import { buildWebApp, type WebFile } from '#lib/build/web-app.ts';
import { IMMUTABLE_CACHE, localWebSecurityHeaders, REVALIDATE } from '#lib/build/web-headers.ts';
import { problemResponse } from '#lib/http/problem.ts';
import type { DevTokenInput } from './dev-tokens.ts';

/** How the sign-in page names each role. */
export const DEMO_ROLE_LABELS: Record<Role, string> = {
  bureau_admin: '局领导/管理员',
  inspector: '监管检查员',
  legal_reviewer: '法制审核员',
  mine_user: '煤矿用户',
  partner_dept: '联合惩戒部门',
};

export interface DemoUser {
  readonly key: string;
  readonly label: string;
  readonly role: Role;
  readonly jurisdiction?: string;
  readonly mineId?: string;
  readonly token: string;
}

export function demoUsers(inputs: Record<string, DevTokenInput>, tokens: Record<string, string>): DemoUser[] {
  return Object.entries(inputs).flatMap(([key, input]) => {
    const token = tokens[key];
    if (!token) return [];
    const role = DEMO_ROLE_LABELS[input.role];
    return [
      {
        key,
        label: input.name ? `${input.name} · ${role}` : role,
        role: input.role,
        ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
        ...(input.mineId ? { mineId: input.mineId } : {}),
        token,
      },
    ];
  });
}

interface Served {
  readonly file: WebFile;
  readonly etag: string;
  readonly body: string;
}

export type WebAppBuild =
  | { readonly ok: true; readonly files: readonly WebFile[] }
  | { readonly ok: false; readonly error: string };

/**
 * Starts the build and returns at once: the API is up without waiting for it, and the first request for a page
 * waits for the build if it is still running (about 100 ms). A build that fails (a syntax error in web/) is logged
 * and answered with a 503 on the dashboard's paths; the API keeps working.
 */
export function startWebAppBuild(onError: (message: string) => void): Promise<WebAppBuild> {
  return buildWebApp().then(
    (files): WebAppBuild => ({ ok: true, files }),
    (error: unknown): WebAppBuild => {
      const message = (error as Error).message;
      onError(`[web] the dashboard did not build: ${message}`);
      return { ok: false, error: message };
    },
  );
}

const json = (body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': REVALIDATE },
  body: JSON.stringify(body),
});

const notFound = (path: string) =>
  problemResponse({
    type: 'urn:coalsafe:problem:not-found',
    title: '未找到',
    status: 404,
    detail: `No file ${path} in the web dashboard`,
  });

export interface WebAppRoutesOptions {
  readonly build: Promise<WebAppBuild>;
  readonly demoUsers: () => readonly DemoUser[];
}

/**
 * The dashboard's routes, to try before the API's route table: `/` and `/index.html`, `/assets/*`,
 * `/config.json` and `/local/demo-users`. Anything else is left to the API (undefined).
 */
export function webAppRoutes(options: WebAppRoutesOptions) {
  let byPath: Promise<Map<string, Served> | string> | undefined;
  const files = () =>
    (byPath ??= options.build.then((build) => {
      if (!build.ok) return build.error;
      return new Map(
        build.files.map((file) => [
          `/${file.path}`,
          {
            file,
            etag: `"${createHash('sha256').update(file.contents).digest('base64url').slice(0, 27)}"`,
            body: Buffer.from(file.contents).toString('base64'),
          },
        ]),
      );
    }));

  return async (req: IncomingMessage, url: URL): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const path = url.pathname;
    if (path === '/config.json') return json({ auth: 'local' });
    if (path === '/local/demo-users') return json({ items: options.demoUsers() });
    const isPage = path === '/' || path === '/index.html';
    if (!isPage && !path.startsWith('/assets/')) return undefined;

    const served = await files();
    if (typeof served === 'string') {
      return problemResponse({
        type: 'urn:coalsafe:problem:web-build',
        title: '网页端构建失败',
        status: 503,
        detail: served,
      });
    }
    const hit = served.get(isPage ? '/index.html' : path);
    if (!hit) return notFound(path);
    const headers: Record<string, string> = {
      'content-type': hit.file.contentType,
      'cache-control': isPage ? REVALIDATE : IMMUTABLE_CACHE,
      etag: hit.etag,
      ...(isPage ? localWebSecurityHeaders() : { 'x-content-type-options': 'nosniff' }),
    };
    if (req.headers['if-none-match'] === hit.etag) return { statusCode: 304, headers };
    return { statusCode: 200, headers, body: hit.body, isBase64Encoded: true };
  };
}
