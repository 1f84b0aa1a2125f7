// The identity port on Cognito: the exact AdminCreateUser request a new user becomes (claims as custom attributes,
// the temporary password by email), the subject taken from the answer, and the Cognito errors that mean something to
// the caller (an address taken: 409; disabling a user with no sign-in: done; enabling one: 422).
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, RuleError } from '#lib/errors.ts';
import { cognitoIdentity } from '#lib/users/cognito-identity.ts';
import { USER_POOL_ID_ENV } from '#lib/users/identity.ts';

// Class-level mock: it also covers the client the module builds for itself.
const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'cn-north-1_Example';
const cognitoError = (name: string) =>
  new CognitoIdentityProviderServiceException({ name, $fault: 'client', $metadata: {}, message: name });

beforeEach(() => {
  cognito.reset();
  process.env[USER_POOL_ID_ENV] = POOL;
  cognito.on(AdminCreateUserCommand).resolves({
    User: { Username: 'b7e1c2d0-0000-4000-8000-000000000001', Attributes: [{ Name: 'sub', Value: 'b7e1c2d0-sub' }] },
  });
});
afterEach(() => {
  delete process.env[USER_POOL_ID_ENV];
});

describe('createUser', () => {
  it('a bureau user: email (verified), name, role and jurisdiction as attributes; the password mailed; its sub', async () => {
    const { sub } = await cognitoIdentity().createUser({
      email: 'zhang@example.cn',
      name: '张某',
      role: 'inspector',
      jurisdiction: 'hlj/hegang/dongshan',
    });
    expect(sub).toBe('b7e1c2d0-sub');
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'zhang@example.cn',
      UserAttributes: [
        { Name: 'email', Value: 'zhang@example.cn' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '张某' },
        { Name: 'custom:role', Value: 'inspector' },
        { Name: 'custom:jurisdiction', Value: 'hlj/hegang/dongshan' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
  });

  it('a mine user carries its mine and no jurisdiction; a partner department neither', async () => {
    const identity = cognitoIdentity({ userPoolId: 'other-pool' });
    await identity.createUser({ email: 'a@m.cn', name: '安全科', role: 'mine_user', mineId: 'm-taiyuan' });
    await identity.createUser({ email: 'b@p.cn', name: '自然资源局', role: 'partner_dept' });
    const [mine, partner] = cognito.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input);
    expect(mine?.UserPoolId).toBe('other-pool');
    expect(mine?.UserAttributes?.map((a) => a.Name)).toEqual([
      'email',
      'email_verified',
      'name',
      'custom:role',
      'custom:mineId',
    ]);
    expect(partner?.UserAttributes?.map((a) => a.Name)).toEqual(['email', 'email_verified', 'name', 'custom:role']);
  });

  it('an address that signs in already is a 409 naming body.email', async () => {
    cognito.on(AdminCreateUserCommand).rejects(cognitoError('UsernameExistsException'));
    const error = await cognitoIdentity()
      .createUser({ email: 'zhang@example.cn', name: '张某', role: 'inspector', jurisdiction: 'hlj' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields.map((f) => f.field)).toEqual(['body.email']);
  });

  it('other failures reach the caller unchanged; an answer without a sub is an error', async () => {
    cognito.on(AdminCreateUserCommand).rejects(cognitoError('TooManyRequestsException'));
    await expect(
      cognitoIdentity().createUser({ email: 'x@y.cn', name: '某', role: 'inspector', jurisdiction: 'hlj' }),
    ).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [] } });
    await expect(
      cognitoIdentity().createUser({ email: 'x@y.cn', name: '某', role: 'inspector', jurisdiction: 'hlj' }),
    ).rejects.toThrow(/sub/);
  });

  it('without a pool id it fails before calling Cognito (a deployment fault)', async () => {
    delete process.env[USER_POOL_ID_ENV];
    await expect(
      cognitoIdentity().createUser({ email: 'x@y.cn', name: '某', role: 'inspector', jurisdiction: 'hlj' }),
    ).rejects.toThrow(USER_POOL_ID_ENV);
    expect(cognito.commandCalls(AdminCreateUserCommand)).toEqual([]);
  });
});

describe('disableUser and enableUser', () => {
  it('address the user by its sub in the pool', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminEnableUserCommand).resolves({});
    await cognitoIdentity().disableUser('b7e1c2d0-sub');
    await cognitoIdentity().enableUser('b7e1c2d0-sub');
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'b7e1c2d0-sub',
    });
    expect(cognito.commandCalls(AdminEnableUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'b7e1c2d0-sub',
    });
  });

  it('disabling a user with no sign-in is done already; enabling one is a 422 naming body.active', async () => {
    cognito.on(AdminDisableUserCommand).rejects(cognitoError('UserNotFoundException'));
    cognito.on(AdminEnableUserCommand).rejects(cognitoError('UserNotFoundException'));
    await expect(cognitoIdentity().disableUser('dev-inspector')).resolves.toBeUndefined();
    const error = await cognitoIdentity()
      .enableUser('dev-inspector')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fields.map((f) => f.field)).toEqual(['body.active']);
  });

  it('disabling also signs the user out everywhere (refresh tokens revoked), after the disable', async () => {
    const order: string[] = [];
    cognito.on(AdminDisableUserCommand).callsFake(() => {
      order.push('disable');
      return {};
    });
    cognito.on(AdminUserGlobalSignOutCommand).callsFake(() => {
      order.push('signOut');
      return {};
    });
    await cognitoIdentity().disableUser('b7e1c2d0-sub');
    expect(order).toEqual(['disable', 'signOut']);
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'b7e1c2d0-sub',
    });
    // Enabling signs nobody out.
    cognito.on(AdminEnableUserCommand).resolves({});
    await cognitoIdentity().enableUser('b7e1c2d0-sub');
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('any other failure reaches the caller', async () => {
    cognito.on(AdminDisableUserCommand).rejects(cognitoError('InternalErrorException'));
    await expect(cognitoIdentity().disableUser('u')).rejects.toMatchObject({ name: 'InternalErrorException' });
  });
});
