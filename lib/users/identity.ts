import type { Role } from '#lib/auth/roles.ts';

/**
 * The identity port: where a person's sign-in lives. In AWS it is the Cognito user pool (cognito-identity.ts,
 * loaded on first use); on one machine the local runtime installs its own, which creates nothing outside (dev
 * tokens sign anyone in). The directory in the table says who a user is to the product; the identity says
 * whether the person can sign in, with the claims the tokens carry.
 */
export interface NewIdentity {
  /** The sign-in name; the temporary password goes there. */
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** Bureau roles only: the `jurisdiction` claim. */
  readonly jurisdiction?: string | undefined;
  /** Mine users only: the `mineId` claim. */
  readonly mineId?: string | undefined;
}

export interface IdentityProvider {
  /** Creates the sign-in and answers its subject (the tokens' `sub`); a sign-in name taken already is a 409. */
  createUser(identity: NewIdentity): Promise<{ readonly sub: string }>;
  /** No sign-in any more; a subject with no sign-in is already there. */
  disableUser(sub: string): Promise<void>;
  enableUser(sub: string): Promise<void>;
}

/** Environment variable holding the user pool's id (CDK sets it on the function that manages users). */
export const USER_POOL_ID_ENV = 'USER_POOL_ID';

let installed: IdentityProvider | undefined;
let cognito: Promise<IdentityProvider> | undefined;

export function installIdentityProvider(provider: IdentityProvider | undefined): void {
  installed = provider;
}

export async function identityProvider(): Promise<IdentityProvider> {
  if (installed) return installed;
  cognito ??= import('./cognito-identity.ts').then((m) => m.cognitoIdentity());
  return cognito;
}
