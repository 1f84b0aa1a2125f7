import type { RouteSpec } from '#lib/http/route-spec.ts';

/**
 * Matches a request path against the route table the way API Gateway does: `{name}` takes one path segment, and
 * a literal segment wins over a parameter where both fit.
 */
export interface RouteMatch {
  readonly route: RouteSpec;
  readonly pathParameters: Record<string, string>;
}

interface Compiled {
  readonly route: RouteSpec;
  readonly regex: RegExp;
  readonly names: string[];
  readonly literals: number;
}

export function createRouteMatcher(routes: readonly RouteSpec[]) {
  const compiled: Compiled[] = routes
    .map((route) => {
      const names: string[] = [];
      const segments = route.path.split('/').filter(Boolean);
      const pattern = segments
        .map((s) => {
          const m = /^\{(\w+)\}$/.exec(s);
          if (m) {
            names.push(m[1]!);
            return '([^/]+)';
          }
          return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return { route, regex: new RegExp(`^/${pattern}/?$`), names, literals: segments.length - names.length };
    })
    .sort((a, b) => b.literals - a.literals);

  return {
    /** The route for this method and path; `allowed` lists the methods of the path when only the method is wrong. */
    match(method: string, path: string): { found: RouteMatch } | { allowed: string[] } | undefined {
      const allowed: string[] = [];
      for (const c of compiled) {
        const m = c.regex.exec(path);
        if (!m) continue;
        if (c.route.method !== method) {
          allowed.push(c.route.method);
          continue;
        }
        const pathParameters: Record<string, string> = {};
        try {
          c.names.forEach((name, i) => {
            pathParameters[name] = decodeURIComponent(m[i + 1]!);
          });
        } catch {
          return undefined; // a malformed percent-escape names nothing: 404, as API Gateway answers
        }
        return { found: { route: c.route, pathParameters } };
      }
      return allowed.length ? { allowed: [...new Set(allowed)] } : undefined;
    },
  };
}
