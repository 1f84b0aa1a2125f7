import { expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { waitingClient } from './fair-use.ts';
import type { client } from './local-runtime.ts';

/**
 * The tenancy matrix: every route × every role × a record (or mine) of the caller's own / another mine of the same
 * district / another jurisdiction, over HTTP on the local runtime. This file holds what every matrix shares (the
 * roles, the targets, the rule that turns "who may do what" into a status, and the checks made on each reply); each
 * e2e file keeps its own cases, with the roles each route admits written out there, so a route given the wrong roles
 * in the route table fails its matrix.
 */

export type RoleName = 'bureau_admin' | 'inspector' | 'legal_reviewer' | 'mine_user' | 'partner_dept';
/** Whose record a request addresses, seen from the demo users: their own mine, another mine of their district, or a mine of another jurisdiction. */
export type Target = 'own' | 'otherMine' | 'otherJurisdiction';

export const ROLES: RoleName[] = ['bureau_admin', 'inspector', 'legal_reviewer', 'mine_user', 'partner_dept'];
export const TARGETS: Target[] = ['own', 'otherMine', 'otherJurisdiction'];

/** The bureau's own staff. */
export const BUREAU: RoleName[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
/** Everyone who may read a mine's records: the bureau and the mine itself (partner departments only ask the blacklist check). */
export const READERS: RoleName[] = [...BUREAU, 'mine_user'];
export const ADMIN: RoleName[] = ['bureau_admin'];
/** The admin, or the mine keeping its own records up to date. */
export const ADMIN_OR_MINE: RoleName[] = ['bureau_admin', 'mine_user'];

/** The demo users' tokens, one per role. */
export const roleTokens = (rt: LocalRuntime): Record<RoleName, string> => ({
  bureau_admin: rt.tokens.bureau_admin!,
  inspector: rt.tokens.inspector!,
  legal_reviewer: rt.tokens.legal_reviewer!,
  mine_user: rt.tokens.mine_user!,
  partner_dept: rt.tokens.partner_dept!,
});

export interface MatrixRequest {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * One route of a matrix. `request` builds a valid request (so role and scope, not validation, decide), with whatever
 * setup it needs, for what `A` names: a mine id, or the target itself for routes that are not under one mine.
 */
export interface MatrixCase<A, Q extends MatrixRequest = MatrixRequest> {
  operationId: string;
  allowed: readonly RoleName[];
  success: number;
  request: (at: A, role: RoleName) => Promise<Q>;
  /**
   * Routes with no record to address (lists, the caller's own settings): asked on its own side only, and what this
   * picks out of the answer must name nothing of the other jurisdiction.
   */
  scopedList?: (body: any) => unknown;
  /**
   * A role the route admits that still gets another answer on its own side: the wrong person for a step (422), or
   * a user who has no such record (404).
   */
  refusedRoles?: Partial<Record<RoleName, number>>;
}
/** A case addressing a mine, or a record of one: its request gets the mine id of the target. */
export type MineCase<Q extends MatrixRequest = MatrixRequest> = MatrixCase<string, Q>;
/** A case not under one mine: its request gets the target and finds its own record there. */
export type TargetCase<Q extends MatrixRequest = MatrixRequest> = MatrixCase<Target, Q>;

/**
 * What a role should get for a target: 403 when the role may not use the route at all; else scope decides (another
 * jurisdiction is out of scope for everyone, another mine for a mine user); else the route's answer.
 */
export function expectedStatus(
  c: Pick<MatrixCase<unknown>, 'allowed' | 'success' | 'refusedRoles'>,
  role: RoleName,
  target: Target,
): number {
  if (!c.allowed.includes(role)) return 403;
  if (target === 'otherJurisdiction') return 404;
  if (role === 'mine_user' && target === 'otherMine') return 404;
  return c.refusedRoles?.[role] ?? c.success;
}

type Http = ReturnType<typeof client>;

interface MatrixOptions<C extends MatrixCase<any, any>> {
  cases: readonly C[];
  /** Read when each test runs: the runtime (and so the client and the tokens) starts after the tests are registered. */
  session: () => { http: Http; tokens: Record<RoleName, string> };
  /** The targets each case is asked on (every one by default); cases with a scoped list are asked on their own side only. */
  targets?: readonly Target[];
  /** How a target reads in a test's name. */
  label?: (target: Target) => string;
  /**
   * The path of the same request for a record (or mine) that does not exist: a 404 for being out of scope must read
   * exactly like that one, so it tells nothing about what the other tenant has. Without it, only the status is checked.
   */
  missingPath?: (req: Awaited<ReturnType<C['request']>>, target: Target) => string;
  /** For scoped lists: what must never show up on this side (the other jurisdiction's mines and its path). */
  foreign?: readonly string[];
  /** More to check on a scoped list's answer, given what `scopedList` picked out of it. */
  checkList?: (c: C, role: RoleName, listed: unknown) => void;
}

/**
 * Registers one test per case × role × target (in the current describe block), named
 * `<operationId> as <role> on <target> → <status>`. Each sends the case's request with the role's token and checks
 * the status; a 4xx must be problem+json carrying that status; a 404 must look exactly like a missing record.
 * With `mineOf`, each case's request gets the target's mine id; without it, the target itself.
 */
export function registerTenancyMatrix<C extends MineCase<any>>(
  options: MatrixOptions<C> & { mineOf: Record<Target, string> },
): void;
export function registerTenancyMatrix<C extends TargetCase<any>>(
  options: MatrixOptions<C> & { mineOf?: undefined },
): void;
export function registerTenancyMatrix(
  options: MatrixOptions<MatrixCase<any, any>> & { mineOf?: Record<Target, string> },
): void {
  const { cases, session, targets = TARGETS, label = (t) => t, missingPath, foreign = [], checkList, mineOf } = options;
  for (const c of cases) {
    for (const role of ROLES) {
      for (const target of c.scopedList ? (['own'] as const) : targets) {
        const want = expectedStatus(c, role, target);
        it(`${c.operationId} as ${role} on ${label(target)} → ${want}`, async () => {
          const { http: send, tokens } = session();
          // Hundreds of requests of a few users in a row: a mine user's default fair-use limit is waited out.
          const http = waitingClient(send);
          const req = await c.request(mineOf ? mineOf[target] : target, role);
          const reply = await http(req.method, req.path, { token: tokens[role], body: req.body });
          expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(want);
          if (want >= 400) {
            expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            expect(reply.body.status).toBe(want);
          }
          if (want === 404 && missingPath) {
            // Out of scope reads exactly like a record (or mine) that does not exist.
            const path = missingPath(req, target);
            const missing = await http(req.method, path, { token: tokens[role], body: req.body });
            expect(missing.status, path).toBe(404);
            expect(reply.body.title).toBe(missing.body.title);
          }
          if (want < 300 && c.scopedList) {
            // Nothing of the other jurisdiction shows up in what this side's users get.
            const listed = c.scopedList(reply.body);
            const seen = JSON.stringify(listed ?? null);
            for (const item of foreign) expect(seen).not.toContain(item);
            checkList?.(c, role, listed);
          }
        });
      }
    }
  }
}
