import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mfaGate } from '#lib/auth/mfa-gate.ts';

/** The user pool's pre-token-generation trigger: a role that requires TOTP gets its tokens only with TOTP enrolled. */
const cognito = new CognitoIdentityProviderClient({});

export const handler = mfaGate(async (userPoolId, userName) => {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: userName }));
  return user.UserMFASettingList;
});
