import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { type IdentityProvider, type NewIdentity, USER_POOL_ID_ENV } from './identity.ts';

/**
 * The identity port on the Cognito user pool: AdminCreateUser with the claims as custom attributes (the pool mails
 * the temporary password), AdminDisableUser with AdminUserGlobalSignOut, and AdminEnableUser. The pool signs in by email, so Cognito gives each
 * user a subject of its own, which the directory keys the user by. These four calls are all the function's role
 * may make on the pool.
 */
export interface CognitoIdentityOptions {
  /** Defaults to one client per container. */
  readonly client?: CognitoIdentityProviderClient;
  /** Defaults to USER_POOL_ID. */
  readonly userPoolId?: string;
}

// Built on first use and kept for the life of the container (connection reuse across invocations).
let shared: CognitoIdentityProviderClient | undefined;
const defaultClient = (): CognitoIdentityProviderClient => (shared ??= new CognitoIdentityProviderClient({}));

const errorName = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;

export function cognitoIdentity(options: CognitoIdentityOptions = {}): IdentityProvider {
  const client = () => options.client ?? defaultClient();
  const poolId = (): string => {
    const id = options.userPoolId ?? process.env[USER_POOL_ID_ENV];
    // A deployment fault, not the caller's.
    if (!id) throw new Error(`No user pool: set ${USER_POOL_ID_ENV}`);
    return id;
  };
  return {
    async createUser(identity: NewIdentity) {
      const attributes: AttributeType[] = [
        { Name: 'email', Value: identity.email },
        // Bureau staff are created with their official address; the invitation proves it.
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: identity.name },
        { Name: 'custom:role', Value: identity.role },
        ...(identity.jurisdiction ? [{ Name: 'custom:jurisdiction', Value: identity.jurisdiction }] : []),
        ...(identity.mineId ? [{ Name: 'custom:mineId', Value: identity.mineId }] : []),
      ];
      try {
        const out = await client().send(
          new AdminCreateUserCommand({
            UserPoolId: poolId(),
            Username: identity.email,
            UserAttributes: attributes,
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        const sub = out.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
        if (!sub) throw new Error('AdminCreateUser answered without the new user’s sub');
        return { sub };
      } catch (error) {
        if (errorName(error) === 'UsernameExistsException')
          throw new ConflictError('该邮箱已有登录账号', [{ field: 'body.email', message: '该邮箱已有登录账号' }]);
        throw error;
      }
    },

    async disableUser(sub: string) {
      try {
        await client().send(new AdminDisableUserCommand({ UserPoolId: poolId(), Username: sub }));
        // Revokes the refresh tokens too: the dashboard cannot renew, and the last ID token lapses within minutes.
        await client().send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId(), Username: sub }));
      } catch (error) {
        // No sign-in to disable: the person cannot sign in, which is what was asked.
        if (errorName(error) !== 'UserNotFoundException') throw error;
      }
    },

    async enableUser(sub: string) {
      try {
        await client().send(new AdminEnableUserCommand({ UserPoolId: poolId(), Username: sub }));
      } catch (error) {
        if (errorName(error) === 'UserNotFoundException')
          throw new RuleError('该用户没有登录账号，无法启用', [
            { field: 'body.active', message: '没有登录账号，无法启用' },
          ]);
        throw error;
      }
    },
  };
}
