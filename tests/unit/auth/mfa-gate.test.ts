/**
 * The sign-in trigger: bureau leaders and legal reviewers get their role in the token only with TOTP enrolled;
 * everyone else is let through untouched and costs no lookup.
 */
import { describe, expect, it } from 'vitest';
import { MFA_SETUP_ROLE, mfaGate, mfaGateClaims, type PreTokenEvent, TOTP } from '#lib/auth/mfa-gate.ts';
import { ROLES } from '#lib/auth/roles.ts';

describe('mfaGateClaims', () => {
  it.each([
    ['bureau_admin', [], { 'custom:role': MFA_SETUP_ROLE }],
    ['bureau_admin', undefined, { 'custom:role': MFA_SETUP_ROLE }],
    ['bureau_admin', ['SMS_MFA'], { 'custom:role': MFA_SETUP_ROLE }],
    ['bureau_admin', [TOTP], undefined],
    ['legal_reviewer', [], { 'custom:role': MFA_SETUP_ROLE }],
    ['legal_reviewer', [TOTP], undefined],
    ['inspector', [], undefined],
    ['mine_user', [], undefined],
    ['partner_dept', undefined, undefined],
    [undefined, [], undefined],
  ] as const)('%s with %j: %j', (role, methods, expected) => {
    expect(mfaGateClaims(role, methods)).toEqual(expected);
  });

  it('the withheld role is no role the API accepts', () => {
    expect((ROLES as readonly string[]).includes(MFA_SETUP_ROLE)).toBe(false);
  });
});

describe('the trigger', () => {
  const event = (role: string): PreTokenEvent => ({
    userPoolId: 'pool',
    userName: 'user-1',
    request: { userAttributes: { 'custom:role': role } },
    response: {},
  });

  it('looks up only users of a role that requires TOTP, and overrides the role claim when TOTP is missing', async () => {
    const lookups: string[] = [];
    const gate = mfaGate(async (_pool, user) => {
      lookups.push(user);
      return [];
    });
    expect((await gate(event('inspector'))).response).toEqual({});
    expect(lookups).toEqual([]);
    expect((await gate(event('legal_reviewer'))).response).toEqual({
      claimsOverrideDetails: { claimsToAddOrOverride: { 'custom:role': MFA_SETUP_ROLE } },
    });
    expect(lookups).toEqual(['user-1']);
  });

  it('leaves an enrolled leader’s tokens as they are', async () => {
    const gate = mfaGate(async () => [TOTP]);
    expect((await gate(event('bureau_admin'))).response).toEqual({});
  });
});
