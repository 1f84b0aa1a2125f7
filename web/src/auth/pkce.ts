/**
 * The pieces of the OAuth 2.0 authorization-code flow with PKCE (RFC 7636) against Cognito's hosted UI, pure so they
 * can be checked outside a browser: the verifier and its S256 challenge, the authorize and logout addresses, and
 * the token request's form body.
 */
export interface CognitoSettings {
  readonly cognitoDomain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of URL-safe characters (43 from 32 bytes: the verifier length RFC 7636 recommends). */
export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** S256: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function authorizeUrl(c: CognitoSettings, state: string, challenge: string): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: c.redirectUri,
    // The last: an access token that may enrol TOTP for its own user (the 两步验证 page).
    scope: 'openid email profile aws.cognito.signin.user.admin',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${c.cognitoDomain}/oauth2/authorize?${q}`;
}

/** The form body of the code exchange at `/oauth2/token` (a public client: no secret, the verifier instead). */
export function tokenRequestBody(c: CognitoSettings, code: string, verifier: string): string {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: c.clientId,
    code,
    redirect_uri: c.redirectUri,
    code_verifier: verifier,
  }).toString();
}

/** Signs out of the hosted UI too, then comes back to the app (the redirect URI must be an allowed sign-out URL). */
export function logoutUrl(c: CognitoSettings): string {
  return `${c.cognitoDomain}/logout?${new URLSearchParams({ client_id: c.clientId, logout_uri: c.redirectUri })}`;
}
