import type { Role } from '#lib/auth/roles.ts';

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

const KEY = 'coalsafe.token';
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

export const session = {
  token(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  claims(): Claims | undefined {
    const token = session.token();
    const claims = token ? decode(token) : undefined;
    if (claims?.exp && claims.exp * 1000 < Date.now()) return undefined;
    return claims;
  },
  signIn(token: string): Claims {
    const claims = decode(token);
    if (!claims) throw new Error('令牌无效');
    sessionStorage.setItem(KEY, token);
    for (const l of listeners) l();
    return claims;
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
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
