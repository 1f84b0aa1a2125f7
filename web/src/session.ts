import type { Role } from '#lib/auth/roles.ts';
import { MFA_SETUP_ROLE } from './auth/mfa-role.ts';

/**
 * Who is signed in: the bearer token and the claims it carries (role, jurisdiction, mine). Kept in sessionStorage
 * so a reload keeps the user signed in and closing the tab signs out. The claims are read for the menus only; the
 * API checks the token on every request.
 */
export interface Claims {
  readonly sub: string;
  readonly role: Role;
  readonly name?: string;
  readonly jurisdiction?: string;
  readonly mineId?: string;
  readonly exp?: number;
}

/**
 * Signed in, but not yet in a role: a bureau leader or legal reviewer without TOTP, whose token carries the role
 * `mfa_setup_required` (lib/auth/mfa-gate.ts). Such a user may only enrol TOTP and sign out.
 */
export interface MfaSetup {
  readonly sub: string;
  readonly name?: string;
}

const KEY = 'coalsafe.token';
/** Cognito's access token (AWS only): for the user's own TOTP enrolment, never sent to the API. */
const ACCESS_KEY = 'coalsafe.access';
const listeners = new Set<() => void>();

function decode(token: string): Claims | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    const raw = JSON.parse(json) as Record<string, unknown>;
    const claim = (name: string) => (raw[name] ?? raw[`custom:${name}`]) as string | undefined;
    const role = claim('role') as Claims['role'] | undefined;
    if (!role) return undefined;
    return {
      sub: String(raw.sub ?? ''),
      role,
      // Cognito's ID token may carry only the e-mail or the user name; either names the person in the top bar.
      ...((claim('name') ?? raw.email ?? raw['cognito:username'])
        ? { name: String(claim('name') ?? raw.email ?? raw['cognito:username']) }
        : {}),
      ...(claim('jurisdiction') ? { jurisdiction: claim('jurisdiction')! } : {}),
      ...(claim('mineId') ? { mineId: claim('mineId')! } : {}),
      ...(typeof raw.exp === 'number' ? { exp: raw.exp } : {}),
    };
  } catch {
    return undefined;
  }
}

function current(): Claims | undefined {
  const token = session.token();
  const claims = token ? decode(token) : undefined;
  if (claims?.exp && claims.exp * 1000 < Date.now()) return undefined;
  return claims;
}

export const session = {
  token(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  /** The signed-in user's claims; none for a user who must first enrol TOTP (see `mfaSetup`). */
  claims(): Claims | undefined {
    const claims = current();
    return claims && (claims.role as string) !== MFA_SETUP_ROLE ? claims : undefined;
  },
  /** The signed-in user who must enrol TOTP before the role's pages open. */
  mfaSetup(): MfaSetup | undefined {
    const claims = current();
    if (!claims || (claims.role as string) !== MFA_SETUP_ROLE) return undefined;
    return { sub: claims.sub, ...(claims.name ? { name: claims.name } : {}) };
  },
  /** Cognito's access token of this sign-in, if it came with one. */
  accessToken(): string | undefined {
    return sessionStorage.getItem(ACCESS_KEY) ?? undefined;
  },
  signIn(token: string, accessToken?: string): void {
    const claims = decode(token);
    if (!claims) throw new Error('令牌无效');
    sessionStorage.setItem(KEY, token);
    if (accessToken) sessionStorage.setItem(ACCESS_KEY, accessToken);
    else sessionStorage.removeItem(ACCESS_KEY);
    for (const l of listeners) l();
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ACCESS_KEY);
    for (const l of listeners) l();
  },
  /** The API said 401: the token is gone or expired. */
  expired(): void {
    if (session.token()) session.signOut();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
