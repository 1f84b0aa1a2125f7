import { fairUseWait } from './fair-use.ts';
import { session } from './session.ts';

/**
 * The one way the app talks to the server: the public HTTP API with the signed-in user's token. Errors arrive as
 * problem+json and are thrown as `ApiError` carrying the Chinese title and the fields named.
 */
export interface ProblemField {
  readonly field: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: readonly ProblemField[] = [],
  ) {
    super(detail ? `${title}：${detail}` : title);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  anonymous: boolean,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const token = anonymous ? undefined : session.token();
    const res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const wait = fairUseWait(res.status, res.headers.get('retry-after'), attempt);
    if (wait === undefined) return res;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  anonymous = false,
): Promise<T> {
  const res = await send(method, path, body, headers, anonymous);
  if (res.status === 401 && !anonymous) session.expired();
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const errors = Array.isArray(json.errors) ? (json.errors as ProblemField[]) : [];
    throw new ApiError(
      res.status,
      String(json.title ?? `请求失败（${res.status}）`),
      typeof json.detail === 'string' ? json.detail : undefined,
      errors,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PUT', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

/** Every page of a cursor-paginated list (`items`, `nextCursor`), up to `max` items. */
export async function getAll<T>(
  path: string,
  query: Query = {},
  max = 2000,
  client: Pick<typeof api, 'get'> = api,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.get<{ items: T[]; nextCursor?: string | null }>(path, {
      ...query,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

/**
 * The public pages' client: the API's public routes, without the signed-in user's token (a visitor has none, and a
 * signed-in officer reading the public pages reads what the public reads).
 */
export const publicApi = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query), undefined, {}, true),
  post: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body, headers, true),
};
