import type { Role } from './roles.ts';

/**
 * TOTP for the roles that can do the most harm: bureau leaders (users, policies, decisions) and legal reviewers
 * (penalties, blacklist). Cognito requires MFA for a whole pool or for nobody, so the pool offers TOTP to everyone
 * (MFA optional) and its pre-token-generation trigger checks these roles: a bureau_admin or legal_reviewer without
 * TOTP enrolled gets tokens whose role claim is MFA_SETUP_ROLE, which no route accepts (the API answers 401 to an
 * unknown role), while the access token still lets the user enrol TOTP with Cognito (AssociateSoftwareToken,
 * VerifySoftwareToken, SetUserMFAPreference). Once enrolled, every sign-in asks for the code and the role is the
 * user's own again.
 */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['bureau_admin', 'legal_reviewer'];

/** The role claim of a user who must enrol TOTP before acting in a role that requires it. */
export const MFA_SETUP_ROLE = 'mfa_setup_required';

/** Cognito's name of TOTP in AdminGetUser's UserMFASettingList. */
export const TOTP = 'SOFTWARE_TOKEN_MFA';

/** The claims to override in the ID token, or none when the user may have their role. */
export function mfaGateClaims(
  role: string | undefined,
  mfaMethods: readonly string[] | undefined,
): Record<string, string> | undefined {
  if (!role || !(MFA_REQUIRED_ROLES as readonly string[]).includes(role)) return undefined;
  if (mfaMethods?.includes(TOTP)) return undefined;
  return { 'custom:role': MFA_SETUP_ROLE };
}

/** The part of Cognito's pre-token-generation event the gate reads and writes. */
export interface PreTokenEvent {
  readonly userPoolId: string;
  readonly userName: string;
  readonly request: { readonly userAttributes: Record<string, string> };
  response: { claimsOverrideDetails?: { claimsToAddOrOverride?: Record<string, string> } | null };
}

/** Builds the trigger around a lookup of the user's MFA methods (AdminGetUser in AWS). */
export const mfaGate =
  (mfaMethodsOf: (userPoolId: string, userName: string) => Promise<readonly string[] | undefined>) =>
  async <E extends PreTokenEvent>(event: E): Promise<E> => {
    const role = event.request.userAttributes['custom:role'];
    // Only the roles that need it cost a lookup.
    const methods =
      role && (MFA_REQUIRED_ROLES as readonly string[]).includes(role)
        ? await mfaMethodsOf(event.userPoolId, event.userName)
        : undefined;
    const claims = mfaGateClaims(role, methods);
    if (claims) event.response = { ...event.response, claimsOverrideDetails: { claimsToAddOrOverride: claims } };
    return event;
  };
