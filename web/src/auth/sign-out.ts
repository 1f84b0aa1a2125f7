import { session } from '../session.ts';
import { cognitoLogout, requestSignInAgain } from './cognito.ts';
import { loadAuthConfig } from './config.ts';

/**
 * 退出: forget the token here, and in AWS end the hosted UI's session too so the next sign-in asks again.
 * `signInAgain`: back from the hosted UI's sign-out, go straight on to its sign-in (after enrolling TOTP, whose
 * role comes with the next token).
 */
export async function signOut(options: { signInAgain?: boolean } = {}): Promise<void> {
  // The next person to sign in starts from the overview, not from the page this one left.
  location.replace('#/sign-in');
  session.signOut();
  const config = await loadAuthConfig().catch(() => undefined);
  if (config?.auth !== 'cognito') return;
  if (options.signInAgain) requestSignInAgain();
  cognitoLogout(config);
}
