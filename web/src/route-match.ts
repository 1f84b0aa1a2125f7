/**
 * The pure part of hash routing, apart so it can be checked without a browser: read a hash, match it against the
 * route patterns (`/cases/:caseId`), and write a link target.
 */
export interface RouteMatch {
  readonly pattern: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
}

/** `#/cases?status=open` → path `/cases` and its query. */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const path = (at < 0 ? raw : raw.slice(0, at)) || '/';
  return {
    path: path.startsWith('/') ? path : `/${path}`,
    query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)),
  };
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function matchRoute(patterns: readonly string[], path: string, query: URLSearchParams): RouteMatch | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const pattern of patterns) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((w, i) => {
      const part = parts[i]!;
      if (!w.startsWith(':')) return w === part;
      const value = decode(part);
      if (value === undefined || value === '') return false;
      params[w.slice(1)] = value;
      return true;
    });
    if (ok) return { pattern, params, query };
  }
  return undefined;
}

/** A link target: `href('/cases', { status: 'open' })` → `#/cases?status=open`. Empty values are left out. */
export function href(path: string, query?: Record<string, string | undefined>): string {
  const qs = new URLSearchParams(
    Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/** The hash for one record: `recordHref('/mines', 'm-taiyuan')` → `#/mines/m-taiyuan`. */
export const recordHref = (base: string, id: string): string => `#${base}/${encodeURIComponent(id)}`;
