import { UnauthorizedError } from '#lib/errors.ts';
import { type BUREAU_ROLES, isRole, type Role } from './roles.ts';

type BureauRole = (typeof BUREAU_ROLES)[number];

/** Who is calling, from the verified JWT claims. */
export type Principal =
  | {
      readonly kind: 'bureau';
      readonly sub: string;
      readonly role: BureauRole;
      readonly jurisdiction: string;
      readonly name?: string;
    }
  | {
      readonly kind: 'mine';
      readonly sub: string;
      readonly role: 'mine_user';
      readonly mineId: string;
      readonly name?: string;
    }
  | { readonly kind: 'partner'; readonly sub: string; readonly role: 'partner_dept'; readonly name?: string };

const JURISDICTION = /^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)*$/;
export const isJurisdictionPath = (value: string): boolean => JURISDICTION.test(value);

/**
 * Reads the claims API Gateway's JWT authorizer (or the local adapter) put on the event. Cognito ID tokens carry
 * custom attributes as `custom:role` etc.; dev tokens carry plain `role`. Both are accepted.
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  if (!claims) throw new UnauthorizedError('Missing token');
  const claim = (name: string): string | undefined => {
    const v = claims[name] ?? claims[`custom:${name}`];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const sub = claim('sub');
  const role = claim('role');
  if (!sub || !isRole(role)) throw new UnauthorizedError('Token lacks a valid sub or role claim');
  const name = claim('name');
  const base = { sub, ...(name ? { name } : {}) };
  if (role === 'mine_user') {
    const mineId = claim('mineId');
    if (!mineId) throw new UnauthorizedError('A mine_user token needs a mineId claim');
    return { kind: 'mine', role, mineId, ...base };
  }
  if (role === 'partner_dept') return { kind: 'partner', role, ...base };
  const jurisdiction = claim('jurisdiction');
  if (!jurisdiction || !isJurisdictionPath(jurisdiction)) {
    throw new UnauthorizedError('A bureau token needs a jurisdiction claim such as hlj/hegang/dongshan');
  }
  return { kind: 'bureau', role: role as BureauRole, jurisdiction, ...base };
}

/** A bureau at `hlj/hegang` covers `hlj/hegang` and `hlj/hegang/dongshan`, never `hlj/hegangx`. */
export const jurisdictionCovers = (scope: string, path: string): boolean =>
  path === scope || path.startsWith(`${scope}/`);

export const hasRole = (p: Principal, roles: readonly Role[]): boolean => roles.includes(p.role);
