/**
 * Verified tokens, remembered until they expire: the local stand-in for API Gateway verifies a bearer token on every
 * request, and an HS256 check through WebCrypto costs about a millisecond of CPU, as much as the rest of a small
 * read. A token is the same bytes on each request of a session, so its claims are kept (up to `max` tokens, the
 * oldest forgotten first) and handed out again while `exp` lies ahead; an expired one is verified afresh, which
 * refuses it. A token that fails verification is never kept, so a forged one is checked (and refused) every time.
 */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown> | undefined>;

export interface TokenCacheOptions {
  readonly max?: number;
  readonly now?: () => number;
}

export const TOKEN_CACHE_MAX = 10_000;

export function rememberVerifiedTokens(verify: TokenVerifier, options: TokenCacheOptions = {}): TokenVerifier {
  const max = options.max ?? TOKEN_CACHE_MAX;
  const now = options.now ?? Date.now;
  const known = new Map<string, { readonly claims: Readonly<Record<string, unknown>>; readonly untilMs: number }>();
  return async (token) => {
    const hit = known.get(token);
    if (hit) {
      if (now() < hit.untilMs) return hit.claims;
      known.delete(token);
    }
    const claims = await verify(token);
    // Only a token that expires is kept, and only until then.
    if (!claims || typeof claims.exp !== 'number') return claims;
    const kept = Object.freeze({ ...claims });
    if (known.size >= max) known.delete(known.keys().next().value!);
    known.set(token, { claims: kept, untilMs: claims.exp * 1000 });
    return kept;
  };
}
