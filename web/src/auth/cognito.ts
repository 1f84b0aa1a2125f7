import { session } from '../session.ts';
import { authorizeUrl, type CognitoSettings, codeChallenge, logoutUrl, randomToken, tokenRequestBody } from './pkce.ts';

/**
 * Sign-in through Cognito's hosted UI. Before leaving, the state, the PKCE verifier and the page to return to are
 * kept in sessionStorage; on the way back (`/?code=…&state=…`) the code is exchanged for tokens and the ID token,
 * which carries the role, jurisdiction and mine, becomes the session's bearer token. The access token is kept beside
 * it for one use: enrolling TOTP with Cognito's user API (the 两步验证 page); the API never sees it.
 */
const PENDING = 'coalsafe.signin';
/** Set on signing out to sign in again: the sign-in page then goes on to the hosted UI by itself. */
const AGAIN = 'coalsafe.signin-again';

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly next: string;
}

export async function startCognitoSignIn(c: CognitoSettings, next: string): Promise<void> {
  const pending: Pending = { state: randomToken(16), verifier: randomToken(32), next };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(authorizeUrl(c, pending.state, await codeChallenge(pending.verifier)));
}

/** Whether the page was opened by the hosted UI's redirect (a code or an error in the query). */
export const isCognitoCallback = (): boolean => {
  const q = new URLSearchParams(location.search);
  return q.has('code') || q.has('error');
};

/**
 * Completes a sign-in the hosted UI sent back: returns the page to go to. Throws with a Chinese message when the
 * user cancelled, the state does not match or the exchange fails.
 */
export async function finishCognitoSignIn(c: CognitoSettings): Promise<string> {
  const q = new URLSearchParams(location.search);
  const pending = readPending();
  sessionStorage.removeItem(PENDING);
  // The code is single-use: take it out of the address bar whatever happens.
  history.replaceState(null, '', `${location.pathname}${location.hash || '#/sign-in'}`);
  if (q.has('error')) throw new Error(`登录未完成：${q.get('error_description') ?? q.get('error')}`);
  if (!pending || pending.state !== q.get('state')) throw new Error('登录请求已失效，请重新登录');
  const res = await fetch(`${c.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(c, q.get('code') ?? '', pending.verifier),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; access_token?: string; error?: string };
  if (!res.ok || !body.id_token) throw new Error(`登录失败：${body.error ?? res.status}`);
  session.signIn(body.id_token, body.access_token);
  return pending.next;
}

export function requestSignInAgain(): void {
  sessionStorage.setItem(AGAIN, '1');
}

/** On the way to the hosted UI's sign-out: this page is leaving, and must not start a sign-in meanwhile. */
let leaving = false;

/**
 * Whether a sign-in was asked for on signing out, once back from the hosted UI's sign-out; asks only once. Not while
 * the sign-out is still on its way: a sign-in started then would cancel it, and the hosted UI's session would sign the
 * user in again without asking for the password and the code.
 */
export function takeSignInAgain(): boolean {
  if (leaving) return false;
  const again = sessionStorage.getItem(AGAIN) === '1';
  sessionStorage.removeItem(AGAIN);
  return again;
}

export function cognitoLogout(c: CognitoSettings): void {
  leaving = true;
  location.assign(logoutUrl(c));
}

function readPending(): Pending | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | undefined;
  } catch {
    return undefined;
  }
}
