import { session } from '../session.ts';
import { cognitoLogout } from './cognito.ts';
import { loadAuthConfig } from './config.ts';

/** 退出: forget the token here, and in AWS end the hosted UI's session too so the next sign-in asks again. */
export async function signOut(): Promise<void> {
  // The next person to sign in starts from the overview, not from the page this one left.
  location.replace('#/sign-in');
  session.signOut();
  const config = await loadAuthConfig().catch(() => undefined);
  if (config?.auth === 'cognito') cognitoLogout(config);
}
