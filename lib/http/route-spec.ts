import type * as z from 'zod/mini';
import type { Role } from '#lib/auth/roles.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API route. The route table built from these feeds the CDK HTTP API, the local HTTP adapter, the
 * request validation in the handler and the OpenAPI document, so a route is written down exactly once.
 */
export interface RouteSpec {
  /** Unique, camelCase; the handler module implements an operation of this name. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/mines/{mineId}`. */
  readonly path: string;
  /** Roles allowed to call it, or 'public' for no token at all. */
  readonly roles: readonly Role[] | 'public';
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly params?: z.core.$ZodObject;
  readonly query?: z.core.$ZodObject;
  readonly body?: z.core.$ZodType;
  /** Success status and body schema (for the OpenAPI document and response tests). */
  readonly status?: number;
  /**
   * Create-or-replace routes answer 201 when the call created the thing and `status` (200) when it replaced it,
   * with the same body; the OpenAPI document names both.
   */
  readonly createdStatus?: 201;
  readonly response?: z.core.$ZodType;
  /**
   * A call the route may take as a request to be decided later (a mine's change of its register) answers 202 with
   * this body instead of its success; the OpenAPI document names both.
   */
  readonly accepted?: { readonly response: z.core.$ZodType; readonly description: string };
  /** The response is not JSON (HTML page, CSV, …). */
  readonly contentType?: string;
  /** Writes a client may safely retry with an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Media types besides JSON the route takes as text (e.g. `text/csv`); the operation gets them as `rawBody`. */
  readonly rawBodyTypes?: readonly string[];
  /**
   * A public route that files something: the partition key prefixes it may write (everything else stays read-only,
   * as for every public route).
   */
  readonly publicWrites?: readonly string[];
  /** The quota a caller may use up (past it: 429 with `Retry-After`), as the reference should name it. */
  readonly quota?: string;
}

/** A handler module: one Lambda function serving a group of routes (functions/api/<module>.ts). */
export interface ApiModule {
  /** File name under functions/api without extension; also the Lambda function's logical name. */
  readonly module: string;
  readonly routes: readonly RouteSpec[];
  /** What its function may do in AWS (table access, queues, secrets); CDK grants exactly this. None: nothing. */
  readonly needs?: FunctionNeeds;
}

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const defineRoute = <const R extends RouteSpec>(route: R): R => route;
