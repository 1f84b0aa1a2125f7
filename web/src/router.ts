import { href, parseHash } from './route-match.ts';

/**
 * Hash routes (`#/mines/m-taiyuan`), so the same static files serve every page from S3 or the local runtime
 * without server-side rewrites. A route pattern names its parameters with `:name`.
 */
export { href, matchRoute, parseHash, type RouteMatch, recordHref } from './route-match.ts';

export function currentPath(): { path: string; query: URLSearchParams } {
  return parseHash(location.hash);
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  location.hash = href(path, query);
}

/** Go to a page without leaving the current one in the history (a redirect). */
export function redirect(path: string, query?: Record<string, string | undefined>): void {
  location.replace(href(path, query));
}

/** Change the current page's query (a filter) without a new history entry. */
export function replaceQuery(query: Record<string, string | undefined>): void {
  redirect(currentPath().path, query);
}
