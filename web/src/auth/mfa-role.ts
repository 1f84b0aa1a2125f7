/**
 * The role claim the sign-in trigger gives a bureau leader or legal reviewer who must enrol TOTP first
 * (MFA_SETUP_ROLE of lib/auth/mfa-gate.ts, which the dashboard does not bundle; a unit test holds the two equal).
 */
export const MFA_SETUP_ROLE = 'mfa_setup_required';
