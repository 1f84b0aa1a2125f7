/**
 * How people sign in here, as the host says in `/config.json`: `local` on the local runtime (demo users with
 * ready-made tokens), `cognito` in AWS (the hosted sign-in page, authorization code with PKCE).
 */
export type AuthConfig =
  | { readonly auth: 'local' }
  | {
      readonly auth: 'cognito';
      readonly cognitoDomain: string;
      readonly clientId: string;
      readonly redirectUri: string;
      /** Cognito's user API, where the 两步验证 page enrols TOTP; absent from a config written before it. */
      readonly idpEndpoint?: string;
    };

let cached: Promise<AuthConfig> | undefined;

export function loadAuthConfig(): Promise<AuthConfig> {
  cached ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`无法读取登录配置（${res.status}）`);
      return parseAuthConfig(await res.json());
    })
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

export function parseAuthConfig(raw: unknown): AuthConfig {
  const c = (raw ?? {}) as Record<string, unknown>;
  if (c.auth === 'local') return { auth: 'local' };
  if (
    c.auth === 'cognito' &&
    typeof c.cognitoDomain === 'string' &&
    typeof c.clientId === 'string' &&
    typeof c.redirectUri === 'string'
  ) {
    return {
      auth: 'cognito',
      cognitoDomain: c.cognitoDomain.replace(/\/+$/, ''),
      clientId: c.clientId,
      redirectUri: c.redirectUri,
      ...(typeof c.idpEndpoint === 'string' && /^https?:\/\//.test(c.idpEndpoint)
        ? { idpEndpoint: c.idpEndpoint.replace(/\/*$/, '/') }
        : {}),
    };
  }
  throw new Error('登录配置无效');
}
